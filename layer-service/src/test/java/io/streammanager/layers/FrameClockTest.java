package io.streammanager.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RunState;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameClockTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final RunState RUN =
      RunState.newBuilder().setRunning(true).setRunId("r").setStartedAt(ProtoTime.of(T0)).build();

  @Test
  void frameAt_beforeTheStart_isMinusOne() {
    assertThat(FrameClock.frameAt(RUN, 30, T0.minusNanos(1_000))).isEqualTo(-1);
  }

  @ParameterizedTest
  @CsvSource({"0,0", "99,0", "100,1", "199,1", "1000,10", "3600000,36000"})
  void frameAt_tenFps_isTheNewestFrameAlreadyPresented(long millis, long frame) {
    assertThat(FrameClock.frameAt(RUN, 10, T0.plusMillis(millis))).isEqualTo(frame);
  }

  @Test
  void frameAt_thirtyFpsAfterOneHour_is108000() {
    assertThat(FrameClock.frameAt(RUN, 30, T0.plus(Duration.ofHours(1)))).isEqualTo(108_000);
  }

  @ParameterizedTest
  @CsvSource({
    "0,0",
    "1,33333334",
    "2,66666667",
    "3,100000000",
    "30,1000000000",
    "108000,3600000000000"
  })
  void presentationTime_thirtyFps_isStartPlusNOverFpsRoundedUpToNanos(long n, long nanos) {
    assertThat(FrameClock.presentationTime(RUN, 30, n)).isEqualTo(T0.plusNanos(nanos));
  }

  @Test
  void frameAt_presentationTimeOfEachFrameAtTenFps_givesThatFrame() {
    assertThat(
            LongStream.range(0, 100)
                .map(n -> FrameClock.frameAt(RUN, 10, FrameClock.presentationTime(RUN, 10, n))))
        .containsExactlyElementsOf(LongStream.range(0, 100).boxed().toList());
  }

  @Test
  void frameAt_presentationTimeOfEachFrameAtThirtyFps_givesThatFrame() {
    assertThat(
            LongStream.range(0, 100)
                .map(n -> FrameClock.frameAt(RUN, 30, FrameClock.presentationTime(RUN, 30, n))))
        .containsExactlyElementsOf(LongStream.range(0, 100).boxed().toList());
  }
}
