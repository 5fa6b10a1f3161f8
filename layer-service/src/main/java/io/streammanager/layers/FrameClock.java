package io.streammanager.layers;

import io.streammanager.proto.FrameTimes;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RunState;
import java.time.Instant;

/**
 * Frame numbers from the run's start time: frame n is presented at start + n / fps ({@link
 * FrameTimes}).
 */
public final class FrameClock {
  private FrameClock() {}

  /** The newest frame whose presentation time is at or before {@code now} (-1 before the start). */
  public static long frameAt(RunState run, int fps, Instant now) {
    return FrameTimes.frameAt(ProtoTime.toInstant(run.getStartedAt()), fps, now);
  }

  /**
   * Presentation time of frame {@code n}, rounded up to the nanosecond so that {@code frameAt} of
   * it is n.
   */
  public static Instant presentationTime(RunState run, int fps, long n) {
    return FrameTimes.presentationTime(ProtoTime.toInstant(run.getStartedAt()), fps, n);
  }
}
