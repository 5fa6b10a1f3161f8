package io.streammanager.layers;

import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RunState;
import java.time.Duration;
import java.time.Instant;

/** Frame numbers from the run's start time: frame n is presented at start + n / fps. */
public final class FrameClock {
  private FrameClock() {}

  /** The newest frame whose presentation time is at or before {@code now} (-1 before the start). */
  public static long frameAt(RunState run, int fps, Instant now) {
    long nanos = Duration.between(ProtoTime.toInstant(run.getStartedAt()), now).toNanos();
    if (nanos < 0) {
      return -1;
    }
    return Math.floorDiv(Math.multiplyExact(nanos, (long) fps), 1_000_000_000L);
  }

  /** Presentation time of frame {@code n}, rounded up to the nanosecond so that {@code frameAt} of it is n. */
  public static Instant presentationTime(RunState run, int fps, long n) {
    long nanos = Math.ceilDiv(Math.multiplyExact(n, 1_000_000_000L), (long) fps);
    return ProtoTime.toInstant(run.getStartedAt()).plusNanos(nanos);
  }
}
