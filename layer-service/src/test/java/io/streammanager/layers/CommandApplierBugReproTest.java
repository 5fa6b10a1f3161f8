package io.streammanager.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.google.protobuf.Timestamp;
import io.streammanager.proto.At;
import io.streammanager.proto.ColorFill;
import io.streammanager.proto.Command;
import io.streammanager.proto.Easing;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerPatch;
import io.streammanager.proto.LayerRemove;
import io.streammanager.proto.LayerUpsert;
import io.streammanager.proto.StreamStart;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.StreamStop;
import io.streammanager.proto.Transition;
import io.streammanager.proto.Tween;
import io.streammanager.proto.Tweens;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The smallest command sequences that break the properties in {@link CommandPathPropertiesTest},
 * one per bug. Each bug is fixed; the reproductions stay as regression tests.
 */
class CommandApplierBugReproTest {
  private static final Instant T0 = CommandLogs.T0;
  private final CommandApplier applier = new CommandApplier(CommandLogs.DEFAULTS);

  private static Command.Builder cmd(long offset) {
    return Command.newBuilder()
        .setStreamId(CommandApplier.DEFAULT_STREAM)
        .setCommandId("c" + offset);
  }

  private static Command start(long offset) {
    return cmd(offset).setStreamStart(StreamStart.getDefaultInstance()).build();
  }

  private static Command upsert(long offset, Layer layer) {
    return cmd(offset).setLayerUpsert(LayerUpsert.newBuilder().setLayer(layer)).build();
  }

  private static Layer color(double x) {
    return Layer.newBuilder()
        .setId("a")
        .setX(x)
        .setColor(ColorFill.newBuilder().setRgba(0x112233FF))
        .build();
  }

  private static Transition linear(int ms) {
    return Transition.newBuilder().setDurationMs(ms).setEasing(Easing.EASING_LINEAR).build();
  }

  private StreamState apply(
      StreamState state, Command cmd, long offset, Instant now, long nextFrame) {
    Outcome outcome = applier.apply(Optional.ofNullable(state), cmd, offset, now, nextFrame);
    assertThat(outcome).as("outcome of %s", cmd.getCommandId()).isInstanceOf(Outcome.Applied.class);
    return ((Outcome.Applied) outcome).state();
  }

  @Test
  void applyDue_scheduledStartOfALiveStream_givesANewVersion() {
    StreamState live = apply(null, start(0), 0, T0, 0);
    StreamState scheduled =
        apply(
            live,
            cmd(1)
                .setStreamStart(StreamStart.getDefaultInstance())
                .setAt(At.newBuilder().setFrame(10))
                .build(),
            1,
            T0,
            1);

    CommandApplier.DueResult due =
        applier.applyDue(scheduled, 10, FrameClock.presentationTime(scheduled.getRun(), 30, 10));

    assertThat(due.results()).hasSize(1);
    assertThat(due.state().getScheduleCount()).isZero();
    assertThat(due.state().getVersion()).isEqualTo(scheduled.getVersion() + 1);
  }

  @Test
  void tweensAt_afterAnOpacityTweenToAbsent_isTheStoredLayer() {
    StreamState live =
        apply(
            apply(null, upsert(0, color(0).toBuilder().setOpacity(0.5).build()), 0, T0, 0),
            start(1),
            1,
            T0,
            0);
    StreamState faded =
        apply(
            live,
            upsert(2, color(0)).toBuilder().setTransition(linear(100)).build(),
            2,
            T0.plusSeconds(1),
            30);
    Layer layer = faded.getLayers(0);
    assertThat(layer.getTweensList()).extracting(Tween::getProperty).containsExactly("opacity");

    assertThat(Tweens.at(layer, 1_000)).isEqualTo(layer.toBuilder().clearTweens().build());
  }

  @Test
  void start_ofANewRun_drawsLayersAtTheirStoredValuesFromFrameZero() {
    StreamState live = apply(apply(null, upsert(0, color(0)), 0, T0, 0), start(1), 1, T0, 0);
    StreamState moved =
        apply(
            live,
            upsert(2, color(100)).toBuilder().setTransition(linear(500)).build(),
            2,
            T0.plusSeconds(1),
            30);
    StreamState stopped =
        apply(
            moved,
            cmd(3).setStreamStop(StreamStop.getDefaultInstance()).build(),
            3,
            T0.plusSeconds(2),
            60);
    StreamState restarted = apply(stopped, start(4), 4, T0.plusSeconds(3), 0);

    assertThat(Tweens.valueAt(restarted.getLayers(0), "x", 0))
        .as("x in frame 0 of the new run")
        .isEqualTo(100.0);
  }

  @Test
  void redelivery_ofARejectedCommandAfterAScheduledChange_isSkippedByTheRestartedProcessor() {
    CommandPath path = CommandPath.fresh(CommandApplier.DEFAULT_STREAM);
    path.deliver(0, start(0));
    path.deliver(1, upsert(1, color(0)).toBuilder().setAt(At.newBuilder().setFrame(10)).build());
    Command remove = cmd(2).setLayerRemove(LayerRemove.newBuilder().setLayerId("a")).build();
    assertThat(path.deliver(2, remove).kind())
        .as("first delivery: layer a does not exist yet")
        .isEqualTo(CommandPath.Kind.REJECTED);
    path.advance(java.time.Duration.ofSeconds(1));
    StreamState snapshot = path.store().head(CommandApplier.DEFAULT_STREAM).orElseThrow();
    assertThat(snapshot.getLayersList())
        .extracting(Layer::getId)
        .as("the scheduled upsert, in frame 10")
        .containsExactly("a");

    // Restart: the committed consumer offset was behind the snapshot, so offset 2 is delivered
    // again. The processor recorded the position of every decided command (applied or not), so it
    // knows offset 2 is decided: a second delivery would now remove the layer the schedule added.
    CommandPath.CommandStep again = path.restarted().deliver(2, remove);

    assertThat(again.kind()).isEqualTo(CommandPath.Kind.SKIPPED);
    assertThat(again.after()).contains(snapshot);
  }

  @Test
  void apply_unchangingCommandOnAbsentDefaultStream_makesNoState() {
    Outcome outcome =
        applier.apply(
            Optional.empty(),
            cmd(0).setStreamStop(StreamStop.getDefaultInstance()).build(),
            0,
            T0,
            0);

    // Fixed in CommandProcessor: an unchanged version-0 state (a stream that does not exist) is
    // never kept as a head nor published; the applier says so by answering changed=false with
    // version 0.
    assertThat(outcome).isInstanceOf(Outcome.Applied.class);
    assertThat(((Outcome.Applied) outcome).changed()).isFalse();
    assertThat(((Outcome.Applied) outcome).state().getVersion()).isZero();
  }

  @Test
  void apply_patchPathThroughANumber_isRejected() {
    StreamState state = apply(null, upsert(0, color(0)), 0, T0, 0);
    Command patch =
        cmd(1)
            .setLayerPatch(
                LayerPatch.newBuilder().setLayer(Layer.newBuilder().setId("a")).addFields("x.y"))
            .build();

    assertThatNoException().isThrownBy(() -> applier.apply(Optional.of(state), patch, 1, T0, 0));
    assertThat(applier.apply(Optional.of(state), patch, 1, T0, 0))
        .isInstanceOf(Outcome.Rejected.class);
  }

  @Test
  void apply_atTimeBeyondInstantRange_isRejected() {
    Command late =
        upsert(0, color(0)).toBuilder()
            .setAt(At.newBuilder().setTime(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE / 2)))
            .build();

    assertThatNoException().isThrownBy(() -> applier.apply(Optional.empty(), late, 0, T0, 0));
    assertThat(applier.apply(Optional.empty(), late, 0, T0, 0))
        .isInstanceOf(Outcome.Rejected.class);
  }
}
