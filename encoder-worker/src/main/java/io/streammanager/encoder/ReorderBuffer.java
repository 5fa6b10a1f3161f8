package io.streammanager.encoder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Orders the frames of one run by frame number. Frames go out as soon as they are next in line.
 * When the next frame is missing while later ones wait, it is given up once {@code depth} later
 * frames are here or it has been awaited for {@code maxWait}: the previous frame takes its place
 * and it counts as dropped. A frame asked for again ({@link #askedAgain}: a worker draws it anew)
 * is awaited past the depth, up to {@code maxWait}: the redraw takes longer than the later frames
 * take to come. Duplicates are ignored; frames older than the next one are late and dropped. Time
 * comes from an injected nano clock. Not thread-safe.
 *
 * @param <F> the frame payload
 */
public final class ReorderBuffer<F> {
  /** One frame to encode: {@code repeated} when it stands in for a missing frame. */
  public record Slot<F>(long frame, F payload, boolean repeated) {}

  private final int depth;
  private final long maxWaitNanos;
  private final LongSupplier nanoClock;
  private final TreeMap<Long, F> waiting = new TreeMap<>();
  private final java.util.TreeSet<Long> askedAgain = new java.util.TreeSet<>();
  private long next = -1;
  private F last;
  private long waitingSince = -1;
  private long endFrame = Long.MAX_VALUE;
  private long duplicates;
  private long late;
  private long dropped;

  public ReorderBuffer(int depth, Duration maxWait, LongSupplier nanoClock) {
    if (depth < 1) {
      throw new IllegalArgumentException("reorder depth must be at least 1 frame, was " + depth);
    }
    this.depth = depth;
    this.maxWaitNanos = maxWait.toNanos();
    this.nanoClock = nanoClock;
  }

  /** Takes a frame; returns false when it was a duplicate or late. */
  public boolean offer(long frame, F payload) {
    if (frame >= endFrame) {
      late++;
      return false;
    }
    if (next >= 0 && frame < next) {
      late++;
      return false;
    }
    if (waiting.putIfAbsent(frame, payload) != null) {
      duplicates++;
      return false;
    }
    if (next < 0) {
      // A run starts at frame 0: when the first frame seen is one of the first few, wait for the
      // ones before it.
      next = frame < depth ? 0 : frame;
    } else if (last == null && frame < next) {
      next = frame;
    }
    return true;
  }

  /** The run ends before {@code frame}: frames from it on are not expected. */
  public void end(long frame) {
    endFrame = frame;
    waiting.tailMap(frame, true).clear();
  }

  /** True once every frame before the end went out. */
  public boolean finished() {
    return endFrame != Long.MAX_VALUE && (next >= endFrame || next < 0 && waiting.isEmpty());
  }

  /** The frames that can go out now, in order. */
  public List<Slot<F>> drain() {
    List<Slot<F>> out = new ArrayList<>();
    while (next >= 0 && next < endFrame) {
      F f = waiting.remove(next);
      if (f != null) {
        out.add(new Slot<>(next, f, false));
        askedAgain.remove(next);
        last = f;
        next++;
        waitingSince = -1;
        continue;
      }
      boolean laterWaiting = !waiting.isEmpty() || endFrame != Long.MAX_VALUE;
      if (!laterWaiting) {
        break;
      }
      long now = nanoClock.getAsLong();
      if (waitingSince < 0) {
        waitingSince = now;
      }
      boolean deep =
          !waiting.isEmpty() && waiting.lastKey() - next >= depth && !askedAgain.contains(next);
      if (deep || now - waitingSince >= maxWaitNanos) {
        dropped++;
        askedAgain.remove(next);
        if (last != null) {
          out.add(new Slot<>(next, last, true));
        }
        next++;
        continue;
      }
      break;
    }
    return out;
  }

  /**
   * {@code frame} was asked for again (a worker draws it anew): it is awaited up to {@code maxWait}
   * however many later frames come meanwhile.
   */
  public void askedAgain(long frame) {
    if (frame >= next) {
      askedAgain.add(frame);
    }
  }

  /**
   * The frames awaited now: those before the newest one waiting that are not here, oldest first, at
   * most {@code max}. Empty while nothing later waits (a frame is only missed once a later one
   * came).
   */
  public List<Long> missing(int max) {
    List<Long> out = new ArrayList<>();
    if (next < 0 || waiting.isEmpty()) {
      return out;
    }
    long newest = waiting.lastKey();
    for (long f = next; f < newest && out.size() < max; f++) {
      if (!waiting.containsKey(f)) {
        out.add(f);
      }
    }
    return out;
  }

  public long duplicates() {
    return duplicates;
  }

  public long late() {
    return late;
  }

  public long dropped() {
    return dropped;
  }

  public int size() {
    return waiting.size();
  }
}
