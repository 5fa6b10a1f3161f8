package io.streammanager.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.encoder.LateFrames.Ask;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LateFramesTest {
  private long nanos = 5_000_000_000L;
  private final LateFrames late =
      new LateFrames(Duration.ofMillis(60), Duration.ofMillis(150), 4, () -> nanos);

  private void advanceMillis(long ms) {
    nanos += ms * 1_000_000L;
  }

  @Test
  void aMissingFrame_isAskedForAfterItsGrace_thenOnceMoreOfAnotherWorker_thenNeverAgain() {
    assertThat(late.due(List.of(7L))).as("just missed").isEmpty();
    advanceMillis(59);
    assertThat(late.due(List.of(7L))).isEmpty();
    advanceMillis(1);
    assertThat(late.due(List.of(7L))).containsExactly(new Ask(7, 1));
    advanceMillis(149);
    assertThat(late.due(List.of(7L))).isEmpty();
    advanceMillis(1);
    assertThat(late.due(List.of(7L))).containsExactly(new Ask(7, 2));
    advanceMillis(1_000);
    assertThat(late.due(List.of(7L))).as("two attempts at most").isEmpty();
    assertThat(late.asked()).isEqualTo(2);
  }

  @Test
  void aFrameThatCameInTheMeantime_isForgotten_andMissedAgainFromScratch() {
    late.due(List.of(7L));
    advanceMillis(50);
    late.due(List.of());
    advanceMillis(50);

    assertThat(late.due(List.of(7L))).as("its grace starts again").isEmpty();
  }

  @Test
  void requestsAreCappedPerSecond_soAnOverloadedStageIsNotAskedForEverythingTwice() {
    List<Long> missing = List.of(1L, 2L, 3L, 4L, 5L, 6L);
    late.due(missing);
    advanceMillis(60);

    assertThat(late.due(missing))
        .containsExactly(new Ask(1, 1), new Ask(2, 1), new Ask(3, 1), new Ask(4, 1));
    advanceMillis(500);
    assertThat(late.due(missing)).as("half a second: two more").hasSize(2);
  }
}
