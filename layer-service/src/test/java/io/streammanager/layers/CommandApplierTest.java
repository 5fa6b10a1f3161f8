package io.streammanager.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.ColorFill;
import io.streammanager.proto.Command;
import io.streammanager.proto.ImageRef;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerPatch;
import io.streammanager.proto.LayerRemove;
import io.streammanager.proto.LayerUpsert;
import io.streammanager.proto.OutputConfig;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RectShape;
import io.streammanager.proto.RunState;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamCreate;
import io.streammanager.proto.StreamStart;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.StreamStop;
import io.streammanager.proto.StreamUpdate;
import io.streammanager.proto.TextBlock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandApplierTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final StreamConfig DEFAULTS =
      StreamConfig.newBuilder()
          .setName("default")
          .setWidth(640)
          .setHeight(360)
          .setFps(30)
          .setVideoBitrateKbps(2500)
          .addOutputs(OutputConfig.newBuilder().setUrl("var/recordings/{stream}-{run}.flv"))
          .build();
  private static final StreamConfig SHOW =
      StreamConfig.newBuilder()
          .setName("Show")
          .setWidth(1280)
          .setHeight(720)
          .setFps(25)
          .setVideoBitrateKbps(4000)
          .addOutputs(OutputConfig.newBuilder().setUrl("rtmp://ingest.example/live/show"))
          .build();

  private final CommandApplier applier = new CommandApplier(DEFAULTS);

  private static Command.Builder cmd(String stream, String id) {
    return Command.newBuilder().setStreamId(stream).setCommandId(id);
  }

  private static Command upsert(String stream, Layer layer) {
    return cmd(stream, "c-" + layer.getId())
        .setLayerUpsert(LayerUpsert.newBuilder().setLayer(layer))
        .build();
  }

  private static Layer color(String id, int rgba) {
    return Layer.newBuilder().setId(id).setColor(ColorFill.newBuilder().setRgba(rgba)).build();
  }

  private static Layer rect(String id, double x, double y, double w, double h) {
    return Layer.newBuilder()
        .setId(id)
        .setX(x)
        .setY(y)
        .setWidth(w)
        .setHeight(h)
        .setRect(RectShape.newBuilder().setRgba(0xFF0000FF))
        .build();
  }

  private static StreamState state(
      String stream, long version, StreamConfig config, Layer... layers) {
    return StreamState.newBuilder()
        .setStreamId(stream)
        .setVersion(version)
        .setConfig(config)
        .addAllLayers(List.of(layers))
        .setLastCommandOffset(version - 1)
        .setLastCommandId("c" + version)
        .build();
  }

  private static StreamState running(StreamState s, Instant startedAt) {
    return s.toBuilder()
        .setRun(
            RunState.newBuilder()
                .setRunning(true)
                .setRunId("run-1")
                .setStartedAt(ProtoTime.of(startedAt)))
        .build();
  }

  private static StreamState appliedState(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Applied.class);
    Outcome.Applied applied = (Outcome.Applied) outcome;
    assertThat(applied.changed()).isTrue();
    return applied.state();
  }

  @Test
  void apply_upsertOnAbsentDefaultStream_createsItWithConfiguredDefaults() {
    Layer bg = color("bg", 0x0000FFFF);

    Outcome outcome = applier.apply(Optional.empty(), upsert("default", bg), 7, T0, 0);

    assertThat(outcome)
        .isEqualTo(
            new Outcome.Applied(
                StreamState.newBuilder()
                    .setStreamId("default")
                    .setVersion(1)
                    .setConfig(DEFAULTS)
                    .addLayers(bg)
                    .setLastCommandOffset(7)
                    .setLastCommandId("c-bg")
                    .setUpdatedAt(ProtoTime.of(T0))
                    .build(),
                true));
  }

  @Test
  void apply_upsertOnAbsentOtherStream_isRejected() {
    Outcome outcome = applier.apply(Optional.empty(), upsert("show", color("bg", 0)), 7, T0, 0);

    assertThat(outcome)
        .isEqualTo(Outcome.Rejected.notFound("/streamId", "stream 'show' does not exist"));
  }

  @Test
  void apply_createAbsentStream_storesTheGivenConfigAtVersion1() {
    Command create =
        cmd("show", "c1").setStreamCreate(StreamCreate.newBuilder().setConfig(SHOW)).build();

    Outcome outcome = applier.apply(Optional.empty(), create, 3, T0, 0);

    assertThat(outcome)
        .isEqualTo(
            new Outcome.Applied(
                StreamState.newBuilder()
                    .setStreamId("show")
                    .setVersion(1)
                    .setConfig(SHOW)
                    .setLastCommandOffset(3)
                    .setLastCommandId("c1")
                    .setUpdatedAt(ProtoTime.of(T0))
                    .build(),
                true));
  }

  @Test
  void apply_createExistingStream_isRejected() {
    Command create =
        cmd("show", "c2").setStreamCreate(StreamCreate.newBuilder().setConfig(SHOW)).build();

    Outcome outcome = applier.apply(Optional.of(state("show", 1, SHOW)), create, 4, T0, 0);

    assertThat(outcome).isEqualTo(Outcome.Rejected.conflict("/id", "stream 'show' already exists"));
  }

  @Test
  void apply_update_replacesConfigAndKeepsLayers() {
    Layer bg = color("bg", 0);
    StreamConfig wider = SHOW.toBuilder().setWidth(1920).setHeight(1080).build();
    Command update =
        cmd("show", "c5").setStreamUpdate(StreamUpdate.newBuilder().setConfig(wider)).build();

    Outcome outcome = applier.apply(Optional.of(state("show", 4, SHOW, bg)), update, 10, T0, 0);

    assertThat(outcome)
        .isEqualTo(
            new Outcome.Applied(
                StreamState.newBuilder()
                    .setStreamId("show")
                    .setVersion(5)
                    .setConfig(wider)
                    .addLayers(bg)
                    .setLastCommandOffset(10)
                    .setLastCommandId("c5")
                    .setUpdatedAt(ProtoTime.of(T0))
                    .build(),
                true));
  }

  @Test
  void apply_maskedUpdates_ofDifferentFields_bothSurvive() {
    // Two clients read the same configuration; one changes the fps, the other the outputs.
    StreamConfig fpsChange = SHOW.toBuilder().setFps(50).build();
    StreamConfig outputChange =
        SHOW.toBuilder()
            .clearOutputs()
            .addOutputs(OutputConfig.newBuilder().setUrl("rtmp://backup.example/live/show"))
            .build();
    Command first =
        cmd("show", "c6")
            .setStreamUpdate(
                StreamUpdate.newBuilder().setConfig(fpsChange).setMasked(true).addFields("fps"))
            .build();
    Command second =
        cmd("show", "c7")
            .setStreamUpdate(
                StreamUpdate.newBuilder()
                    .setConfig(outputChange)
                    .setMasked(true)
                    .addFields("outputs"))
            .build();

    StreamState afterFirst =
        appliedState(applier.apply(Optional.of(state("show", 4, SHOW)), first, 10, T0, 0));
    StreamState afterBoth = appliedState(applier.apply(Optional.of(afterFirst), second, 11, T0, 0));

    assertThat(afterBoth.getConfig())
        .isEqualTo(
            SHOW.toBuilder()
                .setFps(50)
                .clearOutputs()
                .addOutputs(OutputConfig.newBuilder().setUrl("rtmp://backup.example/live/show"))
                .build());
  }

  @Test
  void apply_maskedUpdateNamingAnUnknownField_isRejected() {
    Command update =
        cmd("show", "c8")
            .setStreamUpdate(
                StreamUpdate.newBuilder().setConfig(SHOW).setMasked(true).addFields("stream_id"))
            .build();

    Outcome outcome = applier.apply(Optional.of(state("show", 4, SHOW)), update, 10, T0, 0);

    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected) outcome).field()).isEqualTo("/fields");
  }

  @Test
  void apply_upsertNewId_appendsLayer() {
    Layer a = color("a", 1);
    Layer b = rect("b", 0, 0, 10, 10);

    StreamState next =
        appliedState(
            applier.apply(Optional.of(state("show", 1, SHOW, a)), upsert("show", b), 2, T0, 0));

    assertThat(next.getLayersList()).containsExactly(a, b);
  }

  @Test
  void apply_upsertExistingId_replacesLayerKeepingItsInsertionPosition() {
    Layer a = color("a", 1);
    Layer b = rect("b", 0, 0, 10, 10);
    Layer c = color("c", 2);
    Layer newB = rect("b", 40, 40, 160, 120);

    StreamState next =
        appliedState(
            applier.apply(
                Optional.of(state("show", 3, SHOW, a, b, c)), upsert("show", newB), 3, T0, 0));

    assertThat(next.getLayersList()).containsExactly(a, newB, c);
  }

  static Stream<Arguments> invalidLayers() {
    Layer.Builder base = Layer.newBuilder().setId("l").setColor(ColorFill.newBuilder().setRgba(1));
    return Stream.of(
        Arguments.of(
            base.clone().setId("").build(),
            new Outcome.Rejected(
                "/id", "id must be 1-64 characters of A-Z a-z 0-9 . _ - (not . or ..), was ''")),
        Arguments.of(
            base.clone().setId("a b").build(),
            new Outcome.Rejected(
                "/id", "id must be 1-64 characters of A-Z a-z 0-9 . _ - (not . or ..), was 'a b'")),
        Arguments.of(
            base.clone().setId("x".repeat(65)).build(),
            new Outcome.Rejected(
                "/id",
                "id must be 1-64 characters of A-Z a-z 0-9 . _ - (not . or ..), was '"
                    + "x".repeat(65)
                    + "'")),
        Arguments.of(
            Layer.newBuilder().setId("l").build(),
            new Outcome.Rejected(
                "/type",
                "type is required: one of color, rect, ellipse, text, image, clock, audio")),
        Arguments.of(
            base.clone().setOpacity(1.5).build(),
            new Outcome.Rejected("/opacity", "opacity must be from 0 to 1, was 1.5")),
        Arguments.of(
            base.clone().setOpacity(Double.NaN).build(),
            new Outcome.Rejected("/opacity", "opacity must be from 0 to 1, was NaN")),
        Arguments.of(
            base.clone().setX(Double.POSITIVE_INFINITY).build(),
            new Outcome.Rejected("/x", "x and y must be finite numbers")),
        Arguments.of(
            base.clone().setWidth(16385).build(),
            new Outcome.Rejected("/width", "width must be from 0 to 16384, was 16385.0")),
        Arguments.of(
            base.clone().setHeight(-1).build(),
            new Outcome.Rejected("/height", "height must be from 0 to 16384, was -1.0")),
        Arguments.of(
            rect("l", 0, 0, 10, 10).toBuilder().clearHeight().build(),
            new Outcome.Rejected("/width", "a rect needs width and height")),
        Arguments.of(
            Layer.newBuilder().setId("l").setText(TextBlock.newBuilder().setText("hi")).build(),
            new Outcome.Rejected("/size", "size must be from 1 to 1000, was 0.0")),
        Arguments.of(
            Layer.newBuilder().setId("l").setImage(ImageRef.getDefaultInstance()).build(),
            new Outcome.Rejected("/src", "an image needs a picture")),
        Arguments.of(
            Layer.newBuilder()
                .setId("l")
                .setAudio(io.streammanager.proto.AudioClip.getDefaultInstance())
                .build(),
            new Outcome.Rejected(
                "/src",
                "an audio layer needs an audio asset (asset:<sha256 id> from "
                    + "POST /api/assets) or a test tone (tone:<20..20000>)")),
        Arguments.of(
            Layer.newBuilder()
                .setId("l")
                .setAudio(
                    io.streammanager.proto.AudioClip.newBuilder()
                        .setAssetId("0".repeat(64))
                        .setToneHz(440))
                .build(),
            new Outcome.Rejected(
                "/src",
                "an audio layer needs "
                    + "an audio asset (asset:<sha256 id> from POST /api/assets) or a test tone (tone:<20..20000>)")),
        Arguments.of(
            Layer.newBuilder()
                .setId("l")
                .setAudio(
                    io.streammanager.proto.AudioClip.newBuilder()
                        .setAssetId("0".repeat(64))
                        .setVolume(1.5))
                .build(),
            new Outcome.Rejected("/volume", "volume must be from 0 to 1, was 1.5")));
  }

  @ParameterizedTest
  @MethodSource("invalidLayers")
  void apply_upsertBreakingALayerRule_isRejectedNamingTheField(
      Layer layer, Outcome.Rejected expected) {
    Outcome outcome =
        applier.apply(Optional.of(state("show", 1, SHOW)), upsert("show", layer), 2, T0, 0);

    assertThat(outcome).isEqualTo(expected);
  }

  @Test
  void apply_patchListedFields_setsThemAndKeepsTheOthers() {
    Layer box = rect("box", 40, 40, 160, 120).toBuilder().setOpacity(0.5).build();
    Layer patchLayer =
        Layer.newBuilder().setId("box").setX(100).setZIndex(3).setOpacity(0.9).build();
    Command patch =
        cmd("show", "p1")
            .setLayerPatch(
                LayerPatch.newBuilder().setLayer(patchLayer).addFields("x").addFields("z_index"))
            .build();

    StreamState next =
        appliedState(
            applier.apply(
                Optional.of(state("show", 2, SHOW, color("bg", 1), box)), patch, 5, T0, 0));

    assertThat(next.getLayersList())
        .containsExactly(color("bg", 1), box.toBuilder().setX(100).setZIndex(3).build());
  }

  @Test
  void apply_patchFieldAbsentFromPatchLayer_clearsIt() {
    Layer box = rect("box", 40, 40, 160, 120).toBuilder().setOpacity(0.5).setZIndex(2).build();
    Command patch =
        cmd("show", "p1")
            .setLayerPatch(
                LayerPatch.newBuilder()
                    .setLayer(Layer.newBuilder().setId("box"))
                    .addFields("opacity")
                    .addFields("z_index"))
            .build();

    StreamState next =
        appliedState(applier.apply(Optional.of(state("show", 2, SHOW, box)), patch, 5, T0, 0));

    assertThat(next.getLayersList())
        .containsExactly(box.toBuilder().clearOpacity().clearZIndex().build());
  }

  @Test
  void apply_patchListingIdOrUnknownField_isRejected() {
    Layer box = rect("box", 40, 40, 160, 120);
    Command idPatch =
        cmd("show", "p1")
            .setLayerPatch(
                LayerPatch.newBuilder()
                    .setLayer(Layer.newBuilder().setId("box").setX(1))
                    .addFields("id"))
            .build();
    Command unknownPatch =
        cmd("show", "p2")
            .setLayerPatch(
                LayerPatch.newBuilder()
                    .setLayer(Layer.newBuilder().setId("box").setX(1))
                    .addFields("nonsense"))
            .build();

    assertThat(applier.apply(Optional.of(state("show", 2, SHOW, box)), idPatch, 5, T0, 0))
        .isEqualTo(new Outcome.Rejected("/id", "'id' cannot be patched"));
    assertThat(applier.apply(Optional.of(state("show", 2, SHOW, box)), unknownPatch, 5, T0, 0))
        .isEqualTo(new Outcome.Rejected("/nonsense", "'nonsense' cannot be patched"));
  }

  @Test
  void apply_patchUnknownLayer_isRejected() {
    Command patch =
        cmd("show", "p1")
            .setLayerPatch(
                LayerPatch.newBuilder()
                    .setLayer(Layer.newBuilder().setId("ghost").setX(1))
                    .addFields("x"))
            .build();

    Outcome outcome =
        applier.apply(Optional.of(state("show", 2, SHOW, color("bg", 1))), patch, 5, T0, 0);

    assertThat(outcome).isEqualTo(Outcome.Rejected.notFound("/id", "layer 'ghost' does not exist"));
  }

  @Test
  void apply_patchThatBreaksARule_isRejected() {
    Command patch =
        cmd("show", "p1")
            .setLayerPatch(
                LayerPatch.newBuilder()
                    .setLayer(Layer.newBuilder().setId("box"))
                    .addFields("height"))
            .build();

    Outcome outcome =
        applier.apply(
            Optional.of(state("show", 2, SHOW, rect("box", 0, 0, 5, 5))), patch, 5, T0, 0);

    assertThat(outcome).isEqualTo(new Outcome.Rejected("/width", "a rect needs width and height"));
  }

  @Test
  void apply_removeKnownLayer_removesOnlyIt() {
    Command remove =
        cmd("show", "r1").setLayerRemove(LayerRemove.newBuilder().setLayerId("b")).build();

    StreamState next =
        appliedState(
            applier.apply(
                Optional.of(state("show", 3, SHOW, color("a", 1), color("b", 2), color("c", 3))),
                remove,
                9,
                T0,
                0));

    assertThat(next.getLayersList()).containsExactly(color("a", 1), color("c", 3));
  }

  @Test
  void apply_removeUnknownLayer_isRejected() {
    Command remove =
        cmd("show", "r1").setLayerRemove(LayerRemove.newBuilder().setLayerId("ghost")).build();

    Outcome outcome =
        applier.apply(Optional.of(state("show", 3, SHOW, color("a", 1))), remove, 9, T0, 0);

    assertThat(outcome).isEqualTo(Outcome.Rejected.notFound("/id", "layer 'ghost' does not exist"));
  }

  @Test
  void apply_startStoppedStream_startsARunNamedAfterTheTime() {
    Instant now = Instant.parse("2026-03-01T12:34:56.789Z");
    Command start = cmd("show", "s1").setStreamStart(StreamStart.getDefaultInstance()).build();

    StreamState next =
        appliedState(applier.apply(Optional.of(state("show", 2, SHOW)), start, 11, now, 0));

    assertThat(next)
        .isEqualTo(
            state("show", 2, SHOW).toBuilder()
                .setVersion(3)
                .setLastCommandOffset(11)
                .setLastCommandId("s1")
                .setUpdatedAt(ProtoTime.of(now))
                .setRun(
                    RunState.newBuilder()
                        .setRunning(true)
                        .setRunId("20260301-123456-789-11")
                        .setStartedAt(ProtoTime.of(now)))
                .build());
  }

  @Test
  void apply_startRunningStream_changesNothing() {
    StreamState live = running(state("show", 4, SHOW), T0);
    Command start = cmd("show", "s2").setStreamStart(StreamStart.getDefaultInstance()).build();

    Outcome outcome = applier.apply(Optional.of(live), start, 12, T0.plusSeconds(5), 0);

    assertThat(outcome).isEqualTo(new Outcome.Applied(live, false));
  }

  @Test
  void apply_stopRunningStream_setsStopFrameAfterTheCurrentFrame() {
    StreamState live = running(state("show", 4, SHOW), T0);
    Instant now = T0.plus(Duration.ofMillis(1_050));
    Command stop = cmd("show", "s3").setStreamStop(StreamStop.getDefaultInstance()).build();

    StreamState next = appliedState(applier.apply(Optional.of(live), stop, 13, now, 0));

    // 25 fps: frame 26 is presented at 1.040 s, frame 27 at 1.080 s
    assertThat(next)
        .isEqualTo(
            live.toBuilder()
                .setVersion(5)
                .setLastCommandOffset(13)
                .setLastCommandId("s3")
                .setUpdatedAt(ProtoTime.of(now))
                .setRun(live.getRun().toBuilder().setRunning(false).setStopFrame(27))
                .build());
  }

  @Test
  void apply_stopBeforeTheRunStartTime_stopsAtFrameZero() {
    StreamState live = running(state("show", 4, SHOW), T0);
    Command stop = cmd("show", "s3").setStreamStop(StreamStop.getDefaultInstance()).build();

    StreamState next =
        appliedState(applier.apply(Optional.of(live), stop, 13, T0.minusMillis(5), 0));

    assertThat(next.getRun())
        .isEqualTo(live.getRun().toBuilder().setRunning(false).setStopFrame(0).build());
  }

  @Test
  void apply_stopStoppedStream_changesNothing() {
    StreamState stopped = state("show", 4, SHOW);
    Command stop = cmd("show", "s4").setStreamStop(StreamStop.getDefaultInstance()).build();

    Outcome outcome = applier.apply(Optional.of(stopped), stop, 14, T0, 0);

    assertThat(outcome).isEqualTo(new Outcome.Applied(stopped, false));
  }

  @Test
  void apply_stopAbsentDefaultStream_changesNothingAndStoresNoVersion() {
    Command stop = cmd("default", "s4").setStreamStop(StreamStop.getDefaultInstance()).build();

    Outcome outcome = applier.apply(Optional.empty(), stop, 14, T0, 0);

    assertThat(outcome)
        .isEqualTo(
            new Outcome.Applied(
                StreamState.newBuilder().setStreamId("default").setConfig(DEFAULTS).build(),
                false));
  }

  @Test
  void apply_startAbsentDefaultStream_createsAndStartsIt() {
    Command start = cmd("default", "s1").setStreamStart(StreamStart.getDefaultInstance()).build();

    StreamState next = appliedState(applier.apply(Optional.empty(), start, 0, T0, 0));

    assertThat(next)
        .isEqualTo(
            StreamState.newBuilder()
                .setStreamId("default")
                .setVersion(1)
                .setConfig(DEFAULTS)
                .setLastCommandOffset(0)
                .setLastCommandId("s1")
                .setUpdatedAt(ProtoTime.of(T0))
                .setRun(
                    RunState.newBuilder()
                        .setRunning(true)
                        .setRunId("20260301-120000-000-0")
                        .setStartedAt(ProtoTime.of(T0)))
                .build());
  }

  @Test
  void apply_eachChange_recordsItsOffsetAndCommandIdAndBumpsTheVersionByOne() {
    StreamState v1 =
        appliedState(applier.apply(Optional.empty(), upsert("default", color("a", 1)), 100, T0, 0));
    StreamState v2 =
        appliedState(
            applier.apply(
                Optional.of(v1), upsert("default", color("b", 2)), 105, T0.plusSeconds(1), 0));

    assertThat(
            List.of(
                v1.getVersion(),
                v1.getLastCommandOffset(),
                v2.getVersion(),
                v2.getLastCommandOffset()))
        .containsExactly(1L, 100L, 2L, 105L);
    assertThat(List.of(v1.getLastCommandId(), v2.getLastCommandId())).containsExactly("c-a", "c-b");
    assertThat(v2.getUpdatedAt()).isEqualTo(ProtoTime.of(T0.plusSeconds(1)));
  }

  @Test
  void apply_commandWithoutAction_isRejected() {
    Outcome outcome =
        applier.apply(Optional.of(state("show", 1, SHOW)), cmd("show", "x").build(), 2, T0, 0);

    assertThat(outcome).isEqualTo(new Outcome.Rejected("/action", "the command has no action"));
  }

  @Test
  void apply_restartWithinTheSameMillisecond_givesANewRunId() {
    Command start = cmd("show", "s1").setStreamStart(StreamStart.getDefaultInstance()).build();
    Command stop = cmd("show", "s2").setStreamStop(StreamStop.getDefaultInstance()).build();
    StreamState first =
        appliedState(applier.apply(Optional.of(state("show", 1, SHOW)), start, 1, T0, 0));
    StreamState stopped =
        appliedState(applier.apply(Optional.of(first), stop, 2, T0.plusNanos(200_000), 0));

    StreamState second =
        appliedState(applier.apply(Optional.of(stopped), start, 3, T0.plusNanos(400_000), 0));

    assertThat(second.getRun().getRunId()).isNotEqualTo(first.getRun().getRunId());
  }

  @Test
  void apply_updateChangingResolutionWhileLive_isRejected() {
    StreamConfig wider = SHOW.toBuilder().setWidth(1920).setHeight(1080).build();
    Command update =
        cmd("show", "c6").setStreamUpdate(StreamUpdate.newBuilder().setConfig(wider)).build();

    Outcome outcome =
        applier.apply(Optional.of(running(state("show", 4, SHOW), T0)), update, 12, T0, 0);

    assertThat(outcome)
        .isEqualTo(
            Outcome.Rejected.conflict(
                "/resolution",
                "the resolution cannot change while the stream is live; stop it first"));
  }

  @Test
  void apply_createWithOddSizeZeroFpsAndNoOutput_isRejectedNamingEveryProblem() {
    StreamConfig bad =
        StreamConfig.newBuilder()
            .setWidth(641)
            .setHeight(360)
            .setFps(0)
            .setVideoBitrateKbps(2500)
            .build();
    Command create =
        cmd("bad", "c1").setStreamCreate(StreamCreate.newBuilder().setConfig(bad)).build();

    Outcome outcome = applier.apply(Optional.empty(), create, 1, T0, 0);

    assertThat(outcome)
        .isEqualTo(
            new Outcome.Rejected(
                "/resolution",
                "/resolution: even numbers, width 128..7680, height 72..4320, was 641x360; /fps: 1..120, was 0; "
                    + "/outputs: at least one output"));
  }
}
