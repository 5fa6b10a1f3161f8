package io.streammanager.encoder.media;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: {@code initial} after the first failure, doubling with each further one up to
 * {@code max}, each spread by {@code +-jitter} (a fraction) so outputs that failed together do not
 * reconnect in lock step. The random source is injected, so delays are deterministic in tests.
 */
public record Backoff(Duration initial, Duration max, double jitter, RandomGenerator random) {
  /** 0.5 s doubling to 30 s, +-20 %. */
  public static Backoff standard(RandomGenerator random) {
    return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2, random);
  }

  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 < initial <= max, got " + initial + " and " + max);
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
    }
  }

  /** The wait before the next attempt after {@code failures} consecutive failures (at least 1). */
  public Duration delay(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1, got " + failures);
    }
    long base = initial.toNanos();
    for (int i = 1; i < failures && base < max.toNanos(); i++) {
      base *= 2;
    }
    base = Math.min(base, max.toNanos());
    double spread = 1 + jitter * (2 * random.nextDouble() - 1);
    return Duration.ofNanos(Math.min(max.toNanos(), Math.round(base * spread)));
  }
}
