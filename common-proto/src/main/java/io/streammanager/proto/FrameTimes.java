package io.streammanager.proto;

import java.time.Duration;
import java.time.Instant;

/**
 * Frame numbers and presentation times of a run, from its start time: frame n is presented at
 * {@code started_at + n / fps}. One definition for the process that emits ticks and every process
 * that finds a frame again later (a past frame rendered on demand must get the same presentation
 * time, which clocks show).
 */
public final class FrameTimes {
  private FrameTimes() {}

  /** The newest frame whose presentation time is at or before {@code t} (-1 before the start). */
  public static long frameAt(Instant startedAt, int fps, Instant t) {
    Duration d = Duration.between(startedAt, t);
    if (d.isNegative()) {
      return -1;
    }
    // seconds and nanoseconds apart, so an instant centuries away saturates instead of overflowing
    long whole = d.getSeconds();
    if (whole > Long.MAX_VALUE / fps - 1) {
      return Long.MAX_VALUE;
    }
    return whole * fps + (long) d.getNano() * fps / 1_000_000_000L;
  }

  /**
   * Presentation time of frame {@code n}, rounded up to the nanosecond so that {@code frameAt} of
   * it is n.
   */
  public static Instant presentationTime(Instant startedAt, int fps, long n) {
    // Whole seconds and the rest apart (the same instant as ceil(n * 1e9 / fps) ns): a frame number
    // from a run started long ago, or a client's, never overflows; past the last representable
    // instant it saturates.
    long seconds = Math.floorDiv(n, fps);
    long nanos = Math.ceilDiv(Math.floorMod(n, fps) * 1_000_000_000L, (long) fps);
    if (seconds > Instant.MAX.getEpochSecond() - startedAt.getEpochSecond() - 1) {
      return Instant.MAX;
    }
    if (seconds < Instant.MIN.getEpochSecond() - startedAt.getEpochSecond() + 1) {
      return Instant.MIN;
    }
    return startedAt.plusSeconds(seconds).plusNanos(nanos);
  }
}
