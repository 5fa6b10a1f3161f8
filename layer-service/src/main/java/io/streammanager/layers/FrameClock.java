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
    long micros = Duration.between(ProtoTime.toInstant(run.getStartedAt()), now).toNanos() / 1_000;
    if (micros < 0) {
      return -1;
    }
    return Math.floorDiv(micros * fps, 1_000_000L);
  }

  /** Presentation time of frame {@code n}. */
  public static Instant presentationTime(RunState run, int fps, long n) {
    long nanos = Math.multiplyExact(n, 1_000_000_000L) / fps;
    return ProtoTime.toInstant(run.getStartedAt()).plusNanos(nanos);
  }
}
