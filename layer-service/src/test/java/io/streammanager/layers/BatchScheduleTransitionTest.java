package io.streammanager.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.At;
import io.streammanager.proto.BatchOperation;
import io.streammanager.proto.ColorFill;
import io.streammanager.proto.Command;
import io.streammanager.proto.Easing;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerBatch;
import io.streammanager.proto.LayerPatch;
import io.streammanager.proto.LayerRemove;
import io.streammanager.proto.LayerUpsert;
import io.streammanager.proto.OutputConfig;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RectShape;
import io.streammanager.proto.RunState;
import io.streammanager.proto.ScheduleCancel;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamDelete;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Transition;
import io.streammanager.proto.Tween;
import io.streammanager.proto.Tweens;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Batches, schedules, transitions and deletes in {@link CommandApplier}. */
class BatchScheduleTransitionTest {
  static final Instant T0 = Instant.parse("2026-11-26T04:00:00Z");
  static final StreamConfig CONFIG =
      StreamConfig.newBuilder()
          .setWidth(640)
          .setHeight(360)
          .setFps(30)
          .setVideoBitrateKbps(1500)
          .addOutputs(OutputConfig.newBuilder().setUrl("x.flv"))
          .build();
  final CommandApplier applier = new CommandApplier(CONFIG);

  static Layer rect(String id, double x) {
    return Layer.newBuilder()
        .setId(id)
        .setX(x)
        .setY(10)
        .setWidth(100)
        .setHeight(50)
        .setRect(RectShape.newBuilder().setRgba(0xFF0000FF))
        .build();
  }

  static StreamState live(Layer... layers) {
    return StreamState.newBuilder()
        .setStreamId("s")
        .setVersion(4)
        .setConfig(CONFIG)
        .addAllLayers(java.util.List.of(layers))
        .setRun(RunState.newBuilder().setRunning(true).setRunId("r").setStartedAt(ProtoTime.of(T0)))
        .build();
  }

  static Command.Builder cmd(String id) {
    return Command.newBuilder().setCommandId(id).setStreamId("s");
  }

  static StreamState applied(Outcome o) {
    assertThat(o).isInstanceOf(Outcome.Applied.class);
    return ((Outcome.Applied) o).state();
  }

  @Test
  void batch_twoChanges_giveOneNewVersionWithBoth() {
    Command batch =
        cmd("b1")
            .setBatch(
                LayerBatch.newBuilder()
                    .addOperations(
                        BatchOperation.newBuilder()
                            .setUpsert(LayerUpsert.newBuilder().setLayer(rect("b", 300))))
                    .addOperations(
                        BatchOperation.newBuilder()
                            .setPatch(
                                LayerPatch.newBuilder()
                                    .setLayer(Layer.newBuilder().setId("a").setX(50))
                                    .addFields("x"))))
            .build();

    StreamState next = applied(applier.apply(Optional.of(live(rect("a", 0))), batch, 9, T0, 10));

    assertThat(next.getVersion()).isEqualTo(5);
    assertThat(next.getLayersList()).containsExactly(rect("a", 50), rect("b", 300));
  }

  @Test
  void batch_oneBadOperation_changesNothingAndSaysWhich() {
    Command batch =
        cmd("b1")
            .setBatch(
                LayerBatch.newBuilder()
                    .addOperations(
                        BatchOperation.newBuilder()
                            .setUpsert(LayerUpsert.newBuilder().setLayer(rect("b", 300))))
                    .addOperations(
                        BatchOperation.newBuilder()
                            .setRemove(LayerRemove.newBuilder().setLayerId("ghost"))))
            .build();

    assertThat(applier.apply(Optional.of(live(rect("a", 0))), batch, 9, T0, 10))
        .isEqualTo(
            Outcome.Rejected.notFound(
                "/operations/1/id",
                "operation 1: layer 'ghost' does not exist (nothing in the batch was applied)"));
  }

  @Test
  void transition_onALiveStream_tweensFromTheDrawnValueToTheNewOne() {
    Command move =
        cmd("m")
            .setLayerUpsert(LayerUpsert.newBuilder().setLayer(rect("a", 100)))
            .setTransition(
                Transition.newBuilder().setDurationMs(500).setEasing(Easing.EASING_LINEAR))
            .build();

    StreamState next = applied(applier.apply(Optional.of(live(rect("a", 0))), move, 9, T0, 60));

    Layer a = next.getLayers(0);
    assertThat(a.getTweensList())
        .containsExactly(
            Tween.newBuilder()
                .setProperty("x")
                .setFrom(0)
                .setStartFrame(60)
                .setDurationFrames(15)
                .setEasing(Easing.EASING_LINEAR)
                .build());
    assertThat(Tweens.valueAt(a, "x", 59)).isEqualTo(0);
    assertThat(Tweens.valueAt(a, "x", 60)).isEqualTo(0);
    assertThat(Tweens.valueAt(a, "x", 66)).isEqualTo(40);
    assertThat(Tweens.valueAt(a, "x", 75)).isEqualTo(100);
  }

  @Test
  void transition_onAnAudioLayersVolume_tweensTheVolumeOnly() {
    Layer loud =
        Layer.newBuilder()
            .setId("music")
            .setAudio(
                io.streammanager.proto.AudioClip.newBuilder()
                    .setAssetId("a".repeat(64))
                    .setLoop(true))
            .build();
    Command fade =
        cmd("f")
            .setLayerPatch(
                LayerPatch.newBuilder()
                    .setLayer(
                        loud.toBuilder().setAudio(loud.getAudio().toBuilder().setVolume(0.25)))
                    .addFields("audio.volume"))
            .setTransition(
                Transition.newBuilder().setDurationMs(1000).setEasing(Easing.EASING_LINEAR))
            .build();

    StreamState next = applied(applier.apply(Optional.of(live(loud)), fade, 9, T0, 30));

    Layer music = next.getLayers(0);
    assertThat(music.getAudio().getVolume()).isEqualTo(0.25);
    assertThat(music.getTweensList())
        .containsExactly(
            Tween.newBuilder()
                .setProperty("volume")
                .setFrom(1)
                .setStartFrame(30)
                .setDurationFrames(30)
                .setEasing(Easing.EASING_LINEAR)
                .build());
    assertThat(Tweens.valueAt(music, "volume", 30)).isEqualTo(1);
    assertThat(Tweens.valueAt(music, "volume", 45)).isEqualTo(0.625);
    assertThat(Tweens.valueAt(music, "volume", 60)).isEqualTo(0.25);
    assertThat(Tweens.at(music, 45).getAudio().getVolume()).isEqualTo(0.625);
  }

  @Test
  void transition_changeDuringAMove_startsFromWhereTheLayerIs() {
    Command move =
        cmd("m")
            .setLayerUpsert(LayerUpsert.newBuilder().setLayer(rect("a", 100)))
            .setTransition(Transition.newBuilder().setDurationMs(1000))
            .build();
    StreamState moving = applied(applier.apply(Optional.of(live(rect("a", 0))), move, 9, T0, 0));
    Command back =
        cmd("m2")
            .setLayerUpsert(LayerUpsert.newBuilder().setLayer(rect("a", 0)))
            .setTransition(Transition.newBuilder().setDurationMs(1000))
            .build();

    StreamState next = applied(applier.apply(Optional.of(moving), back, 10, T0, 15));

    assertThat(next.getLayers(0).getTweensList())
        .extracting(Tween::getFrom, Tween::getStartFrame)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(50.0, 15L));
  }

  @Test
  void changeWithoutTransition_dropsTheRunningTweenOfThatProperty() {
    Command move =
        cmd("m")
            .setLayerUpsert(LayerUpsert.newBuilder().setLayer(rect("a", 100)))
            .setTransition(Transition.newBuilder().setDurationMs(1000))
            .build();
    StreamState moving = applied(applier.apply(Optional.of(live(rect("a", 0))), move, 9, T0, 0));
    Command jump = cmd("j").setLayerUpsert(LayerUpsert.newBuilder().setLayer(rect("a", 7))).build();

    StreamState next = applied(applier.apply(Optional.of(moving), jump, 10, T0, 5));

    assertThat(next.getLayers(0)).isEqualTo(rect("a", 7));
  }

  @Test
  void scheduledCommand_waitsForItsFrame_thenAppliesExactlyThere() {
    Command later =
        cmd("later")
            .setLayerUpsert(LayerUpsert.newBuilder().setLayer(rect("a", 200)))
            .setAt(At.newBuilder().setFrame(90))
            .build();
    StreamState scheduled =
        applied(applier.apply(Optional.of(live(rect("a", 0))), later, 9, T0, 30));
    assertThat(scheduled.getLayersList()).containsExactly(rect("a", 0));
    assertThat(scheduled.getScheduleCount()).isEqualTo(1);

    assertThat(applier.applyDue(scheduled, 89, T0.plusMillis(2967)).results()).isEmpty();
    CommandApplier.DueResult due = applier.applyDue(scheduled, 90, T0.plusSeconds(3));

    assertThat(due.results()).hasSize(1);
    assertThat(due.state().getLayersList()).containsExactly(rect("a", 200));
    assertThat(due.state().getScheduleCount()).isZero();
    assertThat(due.state().getVersion()).isEqualTo(scheduled.getVersion() + 1);
  }

  @Test
  void scheduledByTime_appliesInTheFirstFrameAtOrAfterIt() {
    Command later =
        cmd("t")
            .setLayerUpsert(LayerUpsert.newBuilder().setLayer(rect("a", 5)))
            .setAt(At.newBuilder().setTime(ProtoTime.of(T0.plusMillis(1010))))
            .build();
    StreamState scheduled =
        applied(applier.apply(Optional.of(live(rect("a", 0))), later, 9, T0, 0));

    assertThat(applier.applyDue(scheduled, 30, T0.plusSeconds(1)).results()).isEmpty();
    assertThat(applier.applyDue(scheduled, 31, T0.plusMillis(1034)).results()).hasSize(1);
  }

  @Test
  void scheduledCommandThatCanNeverApply_isRejectedAtOnce() {
    Command later =
        cmd("bad")
            .setLayerRemove(LayerRemove.newBuilder().setLayerId("ghost"))
            .setAt(At.newBuilder().setFrame(90))
            .build();

    assertThat(applier.apply(Optional.of(live(rect("a", 0))), later, 9, T0, 30))
        .isEqualTo(Outcome.Rejected.notFound("/id", "layer 'ghost' does not exist"));
  }

  @Test
  void scheduleCancel_removesThePendingCommand() {
    Command later =
        cmd("later")
            .setLayerUpsert(LayerUpsert.newBuilder().setLayer(rect("a", 200)))
            .setAt(At.newBuilder().setFrame(90))
            .build();
    StreamState scheduled =
        applied(applier.apply(Optional.of(live(rect("a", 0))), later, 9, T0, 30));

    StreamState cancelled =
        applied(
            applier.apply(
                Optional.of(scheduled),
                cmd("c")
                    .setScheduleCancel(ScheduleCancel.newBuilder().setCommandId("later"))
                    .build(),
                10,
                T0,
                31));

    assertThat(cancelled.getScheduleCount()).isZero();
    assertThat(applier.applyDue(cancelled, 90, T0.plusSeconds(3)).results()).isEmpty();
  }

  @Test
  void delete_liveStream_isRejected_stoppedStream_isDeleted() {
    Command delete = cmd("d").setStreamDelete(StreamDelete.getDefaultInstance()).build();
    StreamState stopped = live().toBuilder().setRun(RunState.getDefaultInstance()).build();

    assertThat(applier.apply(Optional.of(live()), delete, 9, T0, 0))
        .isEqualTo(Outcome.Rejected.conflict("/state", "stream 's' is live; stop it first"));
    assertThat(applier.apply(Optional.of(stopped), delete, 9, T0, 0))
        .isEqualTo(new Outcome.Deleted(stopped));
  }

  @Test
  void colorLayer_unaffectedByTweensOfOtherLayers() {
    Layer bg =
        Layer.newBuilder().setId("bg").setColor(ColorFill.newBuilder().setRgba(0x0000FFFF)).build();
    Command move =
        cmd("m")
            .setLayerUpsert(LayerUpsert.newBuilder().setLayer(rect("a", 100)))
            .setTransition(Transition.newBuilder().setDurationMs(500))
            .build();

    StreamState next = applied(applier.apply(Optional.of(live(bg, rect("a", 0))), move, 9, T0, 60));

    assertThat(next.getLayers(0)).isEqualTo(bg);
  }
}
