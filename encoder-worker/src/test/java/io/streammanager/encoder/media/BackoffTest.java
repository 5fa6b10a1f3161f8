package io.streammanager.encoder.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
  /** A random source that always answers {@code value}: 0.5 is the middle, no jitter. */
  private static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  @Test
  void delay_withoutJitter_doublesFromHalfASecondUpTo30Seconds() {
    Backoff backoff = Backoff.standard(fixed(0.5));

    assertThat(
            java.util.stream.IntStream.rangeClosed(1, 9)
                .mapToObj(backoff::delay)
                .map(Duration::toMillis))
        .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
  }

  @Test
  void delay_jitter_spreadsByTwentyPercentEitherWay() {
    assertThat(Backoff.standard(fixed(0.0)).delay(2)).isEqualTo(Duration.ofMillis(800));
    assertThat(Backoff.standard(fixed(1.0)).delay(2)).isEqualTo(Duration.ofMillis(1200));
  }

  @Test
  void delay_jitterAtTheCap_neverExceedsTheMaximum() {
    assertThat(Backoff.standard(fixed(1.0)).delay(40)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void delay_zeroFailures_isRejected() {
    assertThatThrownBy(() -> Backoff.standard(fixed(0.5)).delay(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failures must be at least 1, got 0");
  }
}
