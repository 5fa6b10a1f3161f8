package io.streammanager.encoder.media;

import java.time.Duration;

/**
 * How each output of a {@link Broadcast} copes with trouble.
 *
 * @param queueSeconds packets an output may hold back, in seconds of stream (video + audio); a
 *     fuller queue drops the packet for that output only (counted) and the output resumes at the
 *     next keyframe
 * @param ioTimeout the longest one blocking network call (connect, write, close) may take before it
 *     is interrupted and the output reconnects; also FFmpeg's {@code rw_timeout}
 * @param backoff delays between reconnect attempts
 */
public record OutputPolicy(int queueSeconds, Duration ioTimeout, Backoff backoff) {
  public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(10);

  public OutputPolicy {
    if (queueSeconds < 1) {
      throw new IllegalArgumentException("queueSeconds must be at least 1, got " + queueSeconds);
    }
    if (ioTimeout.isNegative() || ioTimeout.isZero()) {
      throw new IllegalArgumentException("ioTimeout must be positive, got " + ioTimeout);
    }
  }

  /** 4 s of queue, 10 s I/O timeout, 0.5 s doubling to 30 s between attempts. */
  public static OutputPolicy standard() {
    return new OutputPolicy(
        4, DEFAULT_IO_TIMEOUT, Backoff.standard(java.util.concurrent.ThreadLocalRandom.current()));
  }

  /**
   * Queue capacity in packets: video frames plus audio frames (at most 50 per second) of {@code
   * queueSeconds}.
   */
  int queueCapacity(int fps) {
    return queueSeconds * (fps + 50);
  }
}
