package io.streammanager.render;

import io.streammanager.proto.Layer;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Time spent measuring and drawing layers, by layer type, and how many times: cheap enough to keep
 * always on (two clock reads per layer). Written by the rendering thread, read by the metrics
 * scrape.
 */
public final class LayerTimes {
  private static final Layer.KindCase[] KINDS = Layer.KindCase.values();
  private final AtomicLongArray nanos = new AtomicLongArray(KINDS.length);
  private final AtomicLongArray counts = new AtomicLongArray(KINDS.length);

  void add(Layer.KindCase kind, long elapsedNanos) {
    nanos.addAndGet(kind.ordinal(), elapsedNanos);
    counts.incrementAndGet(kind.ordinal());
  }

  /** Total nanoseconds spent on layers of {@code kind}. */
  public long nanos(Layer.KindCase kind) {
    return nanos.get(kind.ordinal());
  }

  /** How many measure or draw steps of layers of {@code kind} were timed. */
  public long count(Layer.KindCase kind) {
    return counts.get(kind.ordinal());
  }
}
