package io.streammanager.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FrameTimesTest {
  private static final Instant START = Instant.parse("2026-11-26T14:00:00.010Z");

  @Test
  void frameAt_andPresentationTime_areInverses() {
    for (long n : new long[] {0, 1, 29, 30, 31, 299, 108_000}) {
      assertThat(FrameTimes.frameAt(START, 30, FrameTimes.presentationTime(START, 30, n)))
          .as("frame %d", n)
          .isEqualTo(n);
    }
  }

  @Test
  void frameAt_beforeTheStart_isMinusOne() {
    assertThat(FrameTimes.frameAt(START, 30, START.minusNanos(1))).isEqualTo(-1);
  }

  @Test
  void frameAt_centuriesLater_saturatesInsteadOfOverflowing() {
    assertThat(FrameTimes.frameAt(START, 60, Instant.parse("3000-01-01T00:00:00Z")))
        .isEqualTo(
            (Instant.parse("3000-01-01T00:00:00Z").getEpochSecond() - START.getEpochSecond() - 1)
                    * 60
                + 59);
    assertThat(FrameTimes.frameAt(START, 60, Instant.MAX))
        .isEqualTo((Instant.MAX.getEpochSecond() - START.getEpochSecond()) * 60 + 59);
    assertThat(FrameTimes.frameAt(Instant.MIN, 1_000, Instant.MAX)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void presentationTime_isTheNanosecondCeilingOfTheFramesTime() {
    assertThat(FrameTimes.presentationTime(START, 30, 1)).isEqualTo(START.plusNanos(33_333_334));
    assertThat(FrameTimes.presentationTime(START, 30, 31))
        .isEqualTo(START.plusSeconds(1).plusNanos(33_333_334));
    assertThat(FrameTimes.presentationTime(START, 7, 7 * 3_600 + 3))
        .isEqualTo(START.plusSeconds(3_600).plusNanos(428_571_429));
  }

  /**
   * A frame number decades after a run's start (found in the fuzz suite: it overflowed into a 500).
   */
  @Test
  void presentationTime_ofAHugeFrameNumber_saturatesInsteadOfOverflowing() {
    assertThat(FrameTimes.presentationTime(Instant.EPOCH, 30, 52_000_000_000L))
        .isEqualTo(Instant.EPOCH.plusSeconds(52_000_000_000L / 30).plusNanos(333_333_334));
    assertThat(FrameTimes.presentationTime(START, 30, Long.MAX_VALUE)).isEqualTo(Instant.MAX);
  }
}
