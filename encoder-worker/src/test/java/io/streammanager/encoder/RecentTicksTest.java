package io.streammanager.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.Tick;
import org.junit.jupiter.api.Test;

class RecentTicksTest {
  private final RecentTicks ticks = new RecentTicks(3);

  private static Tick tick(String stream, String run, long frame) {
    return Tick.newBuilder()
        .setStreamId(stream)
        .setRunId(run)
        .setFrame(frame)
        .setStateVersion(frame * 10)
        .build();
  }

  @Test
  void keepsTheNewestTicksOfAiredStreamsOnly_perRun() {
    ticks.air("a");
    for (long f = 0; f < 5; f++) {
      ticks.accept(tick("a", "r1", f));
      ticks.accept(tick("b", "r1", f));
    }

    assertThat(ticks.tick("a", "r1", 4)).contains(tick("a", "r1", 4));
    assertThat(ticks.tick("a", "r1", 2)).contains(tick("a", "r1", 2));
    assertThat(ticks.tick("a", "r1", 1)).as("past the newest 3").isEmpty();
    assertThat(ticks.tick("a", "r2", 4)).as("another run").isEmpty();
    assertThat(ticks.tick("b", "r1", 4)).as("not aired here").isEmpty();
  }

  @Test
  void aStreamNoLongerAired_isForgotten() {
    ticks.air("a");
    ticks.accept(tick("a", "r1", 0));

    ticks.forget("a");
    ticks.accept(tick("a", "r1", 1));

    assertThat(ticks.tick("a", "r1", 0)).isEmpty();
    assertThat(ticks.tick("a", "r1", 1)).isEmpty();
  }
}
