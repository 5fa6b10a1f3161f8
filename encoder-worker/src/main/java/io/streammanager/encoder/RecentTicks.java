package io.streammanager.encoder;

import io.streammanager.proto.Tick;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last ticks of the streams this encoder airs, so a frame that does not come can be asked for
 * again with the exact tick it was emitted with (state version, presentation time). Fed by a reader
 * of every tick partition; streams not aired here are not kept. Thread-safe.
 */
final class RecentTicks {
  private final int perStream;
  private final Set<String> aired = ConcurrentHashMap.newKeySet();
  private final Map<String, Map<String, Tick>> byStream = new ConcurrentHashMap<>();

  /** Keeps at most {@code perStream} ticks of each stream (the newest). */
  RecentTicks(int perStream) {
    this.perStream = perStream;
  }

  /** The stream is aired here now: keep its ticks. */
  void air(String streamId) {
    aired.add(streamId);
  }

  /** The stream is no longer aired here: forget its ticks. */
  void forget(String streamId) {
    aired.remove(streamId);
    byStream.remove(streamId);
  }

  void accept(Tick tick) {
    if (tick.getEndOfStream() || !aired.contains(tick.getStreamId())) {
      return;
    }
    Map<String, Tick> ticks =
        byStream.computeIfAbsent(
            tick.getStreamId(),
            k ->
                new LinkedHashMap<>() {
                  @Override
                  protected boolean removeEldestEntry(Map.Entry<String, Tick> eldest) {
                    return size() > perStream;
                  }
                });
    synchronized (ticks) {
      ticks.put(key(tick.getRunId(), tick.getFrame()), tick);
    }
  }

  Optional<Tick> tick(String streamId, String runId, long frame) {
    Map<String, Tick> ticks = byStream.get(streamId);
    if (ticks == null) {
      return Optional.empty();
    }
    synchronized (ticks) {
      return Optional.ofNullable(ticks.get(key(runId, frame)));
    }
  }

  private static String key(String runId, long frame) {
    return runId + "/" + frame;
  }
}
