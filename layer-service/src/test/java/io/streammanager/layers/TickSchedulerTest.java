package io.streammanager.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.Command;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RunState;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamStart;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.StreamStop;
import io.streammanager.proto.Tick;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TickSchedulerTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  /** 10 fps: frame n is presented at T0 + n * 100 ms. */
  private static final StreamConfig TEN_FPS =
      StreamConfig.newBuilder().setName("show").setWidth(640).setHeight(360).setFps(10).build();

  private final MutableClock clock = new MutableClock(T0);
  private final ManualScheduler executor = new ManualScheduler();
  private final List<Tick> ticks = new ArrayList<>();
  private final TickScheduler scheduler = new TickScheduler(executor, clock, ticks::add);

  private static StreamState live(String stream, String runId, Instant start, long version) {
    return StreamState.newBuilder()
        .setStreamId(stream)
        .setVersion(version)
        .setConfig(TEN_FPS)
        .setRun(
            RunState.newBuilder()
                .setRunning(true)
                .setRunId(runId)
                .setStartedAt(ProtoTime.of(start)))
        .build();
  }

  private static StreamState stopped(StreamState live, long stopFrame, long version) {
    return live.toBuilder()
        .setVersion(version)
        .setRun(live.getRun().toBuilder().setRunning(false).setStopFrame(stopFrame))
        .build();
  }

  private static Tick tick(
      String runId, Instant start, long frame, long version, boolean eos, Instant emittedAt) {
    return Tick.newBuilder()
        .setStreamId("show")
        .setRunId(runId)
        .setFrame(frame)
        .setPresentationTime(ProtoTime.of(start.plusMillis(100 * frame)))
        .setStateVersion(version)
        .setEndOfStream(eos)
        .setEmittedAt(ProtoTime.of(emittedAt))
        .build();
  }

  /**
   * A tick of a frame that may be sent as a patch of frame {@code base}, drawn from {@code
   * baseVersion}.
   */
  private static Tick patchable(Tick t, long base, long baseVersion) {
    return t.toBuilder().setBaseFrame(base).setBaseStateVersion(baseVersion).build();
  }

  private void at(long millisAfterT0) {
    clock.set(T0.plusMillis(millisAfterT0));
  }

  private List<Long> frames() {
    return ticks.stream().map(Tick::getFrame).toList();
  }

  @Test
  void update_liveStream_schedulesOneTaskAtTheFramePeriodWithoutDelay() {
    scheduler.update(live("show", "r1", T0, 5));

    assertThat(executor.tasks())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.initialDelay).isZero();
              assertThat(t.period).isEqualTo(100_000_000L);
              assertThat(t.unit).isEqualTo(TimeUnit.NANOSECONDS);
            });
  }

  @Test
  void run_tickCarriesTheNewestCommandOfItsVersion_forLatencyTracing() {
    StreamState state =
        live("show", "r1", T0, 5).toBuilder()
            .setLastCommandId("c5")
            .setLastCommandIssuedAt(ProtoTime.of(T0.minusMillis(30)))
            .setUpdatedAt(ProtoTime.of(T0.minusMillis(10)))
            .build();
    scheduler.update(state);

    executor.runAll();

    assertThat(ticks)
        .containsExactly(
            tick("r1", T0, 0, 5, false, T0).toBuilder()
                .setCommandId("c5")
                .setCommandIssuedAt(ProtoTime.of(T0.minusMillis(30)))
                .setStateAppliedAt(ProtoTime.of(T0.minusMillis(10)))
                .build());
  }

  @Test
  void run_atTheRunStart_emitsFrameZero() {
    scheduler.update(live("show", "r1", T0, 5));

    executor.runAll();

    assertThat(ticks).containsExactly(tick("r1", T0, 0, 5, false, T0));
  }

  @Test
  void run_threeAndAHalfFramesLater_emitsEachDueFrameOnceInOrder() {
    scheduler.update(live("show", "r1", T0, 5));
    executor.runAll();

    at(350);
    executor.runAll();

    Instant emitted = T0.plusMillis(350);
    assertThat(ticks)
        .containsExactly(
            tick("r1", T0, 0, 5, false, T0),
            patchable(tick("r1", T0, 1, 5, false, emitted), 0, 5),
            patchable(tick("r1", T0, 2, 5, false, emitted), 0, 5),
            patchable(tick("r1", T0, 3, 5, false, emitted), 0, 5));
  }

  @Test
  void run_clockNotMoved_emitsNothingNew() {
    scheduler.update(live("show", "r1", T0, 5));
    at(120);
    executor.runAll();

    executor.runAll();

    assertThat(frames()).containsExactly(0L, 1L);
  }

  @Test
  void update_sameRunNewVersion_nextTicksCarryTheNewVersionWithoutANewTask() {
    StreamState v5 = live("show", "r1", T0, 5);
    scheduler.update(v5);
    executor.runAll();

    scheduler.update(v5.toBuilder().setVersion(6).build());
    at(100);
    executor.runAll();

    assertThat(ticks)
        .containsExactly(
            tick("r1", T0, 0, 5, false, T0),
            patchable(tick("r1", T0, 1, 6, false, T0.plusMillis(100)), 0, 5));
    assertThat(executor.tasks()).hasSize(1);
  }

  @Test
  void update_stop_emitsTheFramesBeforeTheStopFrameThenOneEndOfStream() {
    StreamState r1 = live("show", "r1", T0, 5);
    scheduler.update(r1);
    at(250);
    executor.runAll();

    scheduler.update(stopped(r1, 4, 7));
    at(600);
    executor.runAll();

    Instant emitted = T0.plusMillis(600);
    assertThat(ticks.subList(3, ticks.size()))
        .containsExactly(
            patchable(tick("r1", T0, 3, 7, false, emitted), 0, 5),
            tick("r1", T0, 4, 7, true, emitted));
    assertThat(frames()).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void update_stop_forgetsTheStreamAfterTheEndOfStream() {
    StreamState r1 = live("show", "r1", T0, 5);
    scheduler.update(r1);
    executor.runAll();
    scheduler.update(stopped(r1, 1, 6));

    executor.runAll();

    assertThat(scheduler.liveStreams()).isZero();
    assertThat(scheduler.currentFrame("show")).isEqualTo(-1);
    assertThat(executor.activeTasks()).isEmpty();
  }

  @Test
  void end_stoppedRunWindingDown_emitsItsLastFramesAndTheEndOfStreamAtOnce() {
    StreamState r1 = live("show", "r1", T0, 5);
    scheduler.update(r1);
    at(250);
    executor.runAll();
    scheduler.update(stopped(r1, 4, 7));

    scheduler.end("show");

    assertThat(frames()).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(ticks.getLast().getEndOfStream()).isTrue();
    assertThat(scheduler.liveStreams()).isZero();
    assertThat(executor.activeTasks()).isEmpty();
  }

  @Test
  void update_stopFrameNotYetDue_waitsForItBeforeTheEndOfStream() {
    StreamState r1 = live("show", "r1", T0, 5);
    scheduler.update(r1);
    at(250);
    executor.runAll();
    scheduler.update(stopped(r1, 4, 7));

    executor.runAll();

    assertThat(frames()).containsExactly(0L, 1L, 2L);
    assertThat(ticks).noneMatch(Tick::getEndOfStream);
    assertThat(scheduler.liveStreams()).isEqualTo(1);
  }

  @Test
  void run_afterTheEndOfStream_emitsNothingMore() {
    StreamState r1 = live("show", "r1", T0, 5);
    scheduler.update(r1);
    executor.runAll();
    scheduler.update(stopped(r1, 1, 6));
    executor.runAll();
    List<Tick> atEnd = List.copyOf(ticks);

    at(5_000);
    executor.runAll();

    assertThat(ticks).isEqualTo(atEnd);
  }

  @Test
  void update_runStartedAFrameAgo_stillStartsAtFrameZero() {
    at(143);

    scheduler.update(live("show", "r1", T0, 9));
    executor.runAll();

    assertThat(ticks)
        .containsExactly(
            tick("r1", T0, 0, 9, false, T0.plusMillis(143)),
            patchable(tick("r1", T0, 1, 9, false, T0.plusMillis(143)), 0, 9));
  }

  @Test
  void ticks_ofAWholeSecond_arePatchesOfItsFirstFrame_butNotInTheSecondOfATakeover() {
    at(1_250);
    scheduler.resume(live("show", "r1", T0, 4));
    executor.runAll();
    at(2_150);
    executor.runAll();

    assertThat(
            ticks.stream()
                .filter(Tick::hasBaseFrame)
                .map(t -> t.getFrame() + "<" + t.getBaseFrame())
                .toList())
        .as("frames 12..19 of the taken-over second are whole; 21 patches 20")
        .containsExactly("21<20");
  }

  @Test
  void resume_runStartedAFrameAgoByAnotherInstance_resumesAtTheFrameNowDue() {
    at(143);

    scheduler.resume(live("show", "r1", T0, 9));
    executor.runAll();

    assertThat(ticks).containsExactly(tick("r1", T0, 1, 9, false, T0.plusMillis(143)));
  }

  @Test
  void update_freshSchedulerForARunStartedEarlier_resumesAtTheCurrentFrame() {
    at(12_340);

    scheduler.update(live("show", "r1", T0, 9));
    executor.runAll();

    assertThat(ticks).containsExactly(tick("r1", T0, 123, 9, false, T0.plusMillis(12_340)));
  }

  @Test
  void update_newRunAfterTheOldOneEnded_startsAtFrameZeroOfTheNewRun() {
    StreamState r1 = live("show", "r1", T0, 5);
    scheduler.update(r1);
    executor.runAll();
    scheduler.update(stopped(r1, 1, 6));
    executor.runAll();
    Instant t1 = T0.plusSeconds(10);
    clock.set(t1);

    scheduler.update(live("show", "r2", t1, 7));
    executor.runAll();

    assertThat(ticks)
        .containsExactly(
            tick("r1", T0, 0, 5, false, T0),
            tick("r1", T0, 1, 6, true, T0),
            tick("r2", t1, 0, 7, false, t1));
    assertThat(executor.activeTasks()).hasSize(1);
  }

  @Test
  void run_moreThanTwoSecondsBehind_skipsToTheNewestFrame() {
    scheduler.update(live("show", "r1", T0, 5));
    executor.runAll();

    at(5_000);
    executor.runAll();

    assertThat(frames()).containsExactly(0L, 50L);
  }

  @Test
  void run_twoSecondsBehind_catchesUpEveryFrame() {
    scheduler.update(live("show", "r1", T0, 5));
    executor.runAll();

    at(2_100);
    executor.runAll();

    assertThat(frames()).containsExactlyElementsOf(LongStream.rangeClosed(0, 21).boxed().toList());
  }

  @Test
  void run_sinkFailsOnce_theFrameIsRetriedNotSkipped() {
    List<Tick> delivered = new ArrayList<>();
    boolean[] failed = {false};
    Consumer<Tick> flaky =
        t -> {
          if (t.getFrame() == 1 && !failed[0]) {
            failed[0] = true;
            throw new IllegalStateException("broker away");
          }
          delivered.add(t);
        };
    TickScheduler flakyScheduler = new TickScheduler(executor, clock, flaky);
    flakyScheduler.update(live("show", "r1", T0, 5));
    executor.runAll();
    at(150);
    executor.runAll();

    at(250);
    executor.runAll();

    assertThat(delivered).extracting(Tick::getFrame).containsExactly(0L, 1L, 2L);
  }

  @Test
  void update_stoppedStreamNotTicking_startsNothing() {
    scheduler.update(stopped(live("show", "r1", T0, 5), 10, 6));

    assertThat(executor.tasks()).isEmpty();
    assertThat(scheduler.liveStreams()).isZero();
  }

  @Test
  void forget_liveStream_stopsTicksWithoutEndOfStream() {
    scheduler.update(live("show", "r1", T0, 5));
    executor.runAll();

    scheduler.forget("show");
    at(1_000);
    executor.runAll();

    assertThat(ticks).containsExactly(tick("r1", T0, 0, 5, false, T0));
    assertThat(scheduler.liveStreams()).isZero();
  }

  @Test
  void currentFrame_unknownStream_isMinusOne() {
    assertThat(scheduler.currentFrame("nope")).isEqualTo(-1);
  }

  @Test
  void currentFrame_afterFramesZeroToThree_isThree() {
    scheduler.update(live("show", "r1", T0, 5));
    at(399);
    executor.runAll();

    assertThat(scheduler.currentFrame("show")).isEqualTo(3);
  }

  @Test
  void update_twoStreams_eachTicksAtItsOwnRate() {
    scheduler.update(live("show", "r1", T0, 5));
    scheduler.update(
        live("other", "o1", T0, 1).toBuilder().setConfig(TEN_FPS.toBuilder().setFps(4)).build());
    at(500);

    executor.runAll();

    assertThat(ticks)
        .extracting(t -> t.getStreamId() + "/" + t.getFrame())
        .containsExactly(
            "show/0", "show/1", "show/2", "show/3", "show/4", "show/5", "other/0", "other/1",
            "other/2");
    assertThat(executor.tasks())
        .extracting(t -> t.period)
        .containsExactly(100_000_000L, 250_000_000L);
  }

  @Test
  void close_liveStreams_cancelsEveryTask() {
    scheduler.update(live("show", "r1", T0, 5));
    scheduler.update(live("other", "o1", T0, 1));

    scheduler.close();

    assertThat(executor.activeTasks()).isEmpty();
    assertThat(scheduler.liveStreams()).isZero();
  }

  @Test
  void applierStopThenScheduler_emitsEveryFrameUpToTheStopThenEndOfStream() {
    CommandApplier applier = new CommandApplier(TEN_FPS);
    StreamState created =
        StreamState.newBuilder().setStreamId("show").setVersion(1).setConfig(TEN_FPS).build();
    StreamState started =
        ((Outcome.Applied)
                applier.apply(
                    Optional.of(created),
                    Command.newBuilder()
                        .setStreamId("show")
                        .setCommandId("c2")
                        .setStreamStart(StreamStart.getDefaultInstance())
                        .build(),
                    2,
                    T0,
                    0))
            .state();
    scheduler.update(started);
    executor.runAll();
    at(350);
    StreamState stopped =
        ((Outcome.Applied)
                applier.apply(
                    Optional.of(started),
                    Command.newBuilder()
                        .setStreamId("show")
                        .setCommandId("c3")
                        .setStreamStop(StreamStop.getDefaultInstance())
                        .build(),
                    3,
                    clock.instant(),
                    0))
            .state();

    scheduler.update(stopped);
    at(1_000);
    executor.runAll();

    assertThat(ticks)
        .extracting(t -> t.getFrame() + (t.getEndOfStream() ? " end" : ""))
        .containsExactly("0", "1", "2", "3", "4 end");
  }

  @Test
  void update_stopThenNewRunBeforeTheNextTick_stillEndsTheOldRun() {
    StreamState r1 = live("show", "r1", T0, 5);
    scheduler.update(r1);
    executor.runAll();
    at(150);

    scheduler.update(stopped(r1, 2, 6));
    scheduler.update(live("show", "r2", T0.plusMillis(150), 7));
    executor.runAll();

    assertThat(ticks)
        .extracting(t -> t.getRunId() + "/" + t.getFrame() + (t.getEndOfStream() ? " end" : ""))
        .containsExactly("r1/0", "r1/1", "r1/2 end", "r2/0");
  }
}
