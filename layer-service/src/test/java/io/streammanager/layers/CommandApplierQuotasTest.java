package io.streammanager.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.kit.config.Limits;
import io.streammanager.kit.config.OutputUrls;
import io.streammanager.kit.config.PlatformConfig.Quotas;
import io.streammanager.proto.At;
import io.streammanager.proto.BatchOperation;
import io.streammanager.proto.ColorFill;
import io.streammanager.proto.Command;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerBatch;
import io.streammanager.proto.LayerRemove;
import io.streammanager.proto.LayerUpsert;
import io.streammanager.proto.OutputConfig;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RunState;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamCreate;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.TextBlock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * layer-service holds every command to the deployment's quotas, whoever sent it and however it
 * reached Kafka (the gateway checks the same numbers early): each refusal names the limit (security
 * review H-4, H-5, M-4).
 */
class CommandApplierQuotasTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final StreamConfig CONFIG =
      StreamConfig.newBuilder()
          .setName("news")
          .setWidth(640)
          .setHeight(360)
          .setFps(30)
          .setVideoBitrateKbps(1000)
          .addOutputs(OutputConfig.newBuilder().setUrl("news-{run}.flv"))
          .build();

  /**
   * 3 layers, 2 outputs, 10 characters of text, 2 scheduled, 3 batch operations, 2 streams, 64 KiB
   * of state.
   */
  private static final Limits SMALL =
      new Limits(
          new Quotas(3, 2, 10, 8, 2, 3, 2, 640L * 360 * 30, 1500, 64 * 1024),
          OutputUrls.Rules.ANY_HOST);

  private final CommandApplier applier = new CommandApplier(CONFIG, SMALL);

  private static Command.Builder cmd(String id) {
    return Command.newBuilder().setStreamId("news").setCommandId(id);
  }

  private static Layer color(String id) {
    return Layer.newBuilder()
        .setId(id)
        .setColor(ColorFill.newBuilder().setRgba(0x112233FF))
        .build();
  }

  private static Command upsert(Layer layer) {
    return cmd("c-" + layer.getId())
        .setLayerUpsert(LayerUpsert.newBuilder().setLayer(layer))
        .build();
  }

  private static StreamState withLayers(int n) {
    StreamState.Builder s =
        StreamState.newBuilder().setStreamId("news").setVersion(n + 1).setConfig(CONFIG);
    for (int i = 0; i < n; i++) {
      s.addLayers(color("l" + i));
    }
    return s.build();
  }

  private Outcome apply(StreamState state, Command c) {
    return applier.apply(Optional.of(state), c, 100, T0, 0);
  }

  @Test
  void upsert_ofAFourthLayer_isRefusedNamingMaxLayers_andReplacingOneIsNot() {
    assertThat(apply(withLayers(3), upsert(color("new"))))
        .isEqualTo(
            new Outcome.Rejected(
                "/layers", "at most 3 layers per stream (MAX_LAYERS); this change would make 4"));
    assertThat(apply(withLayers(3), upsert(color("l1")))).isInstanceOf(Outcome.Applied.class);
  }

  @Test
  void upsert_textOverMaxTextChars_isRefused() {
    Layer text =
        Layer.newBuilder()
            .setId("t")
            .setText(
                TextBlock.newBuilder()
                    .setText("x".repeat(11))
                    .setStyle(io.streammanager.proto.TextStyle.newBuilder().setSize(32)))
            .build();

    assertThat(apply(withLayers(0), upsert(text)))
        .isEqualTo(
            new Outcome.Rejected(
                "/text", "text must be at most 10 characters (MAX_TEXT_CHARS), was 11"));
  }

  @Test
  void batch_overMaxBatchOperations_isRefusedBeforeAnyOperation() {
    LayerBatch.Builder b = LayerBatch.newBuilder();
    for (int i = 0; i < 4; i++) {
      b.addOperations(
          BatchOperation.newBuilder().setRemove(LayerRemove.newBuilder().setLayerId("l0")));
    }

    assertThat(apply(withLayers(1), cmd("b").setBatch(b).build()))
        .isEqualTo(
            new Outcome.Rejected(
                "/operations", "at most 3 operations per batch (MAX_BATCH_OPERATIONS), were 4"));
  }

  @Test
  void schedule_pastMaxScheduled_isRefused() {
    StreamState live =
        withLayers(1).toBuilder()
            .setRun(
                RunState.newBuilder().setRunning(true).setRunId("r").setStartedAt(ProtoTime.of(T0)))
            .build();
    Command later = upsert(color("l0")).toBuilder().setAt(At.newBuilder().setFrame(900)).build();
    StreamState one =
        ((Outcome.Applied) apply(live, later.toBuilder().setCommandId("s1").build())).state();
    StreamState two =
        ((Outcome.Applied) apply(one, later.toBuilder().setCommandId("s2").build())).state();

    assertThat(apply(two, later.toBuilder().setCommandId("s3").build()))
        .isEqualTo(
            new Outcome.Rejected(
                "/at",
                "at most 2 scheduled commands may wait per stream (MAX_SCHEDULED); cancel some first"));
  }

  @Test
  void anyChange_makingTheStateLargerThanMaxStateBytes_isRefused() {
    // (texts stored before MAX_TEXT_CHARS was lowered: the state is over its size already)
    StreamState.Builder s = withLayers(0).toBuilder();
    for (int i = 0; i < 2; i++) {
      s.addLayers(
          Layer.newBuilder()
              .setId("l" + i)
              .setText(TextBlock.newBuilder().setText("x".repeat(40_000))));
    }

    Outcome o = apply(s.build(), upsert(color("c")));

    assertThat(o).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected) o).field()).isEqualTo("/");
    assertThat(((Outcome.Rejected) o).reason()).contains("at most 65536 (MAX_STATE_BYTES)");
  }

  @Test
  void create_withAForbiddenOutputPastTheGateway_isRefusedWithTheKeyHidden() {
    Command create =
        Command.newBuilder()
            .setStreamId("sneaky")
            .setCommandId("c")
            .setStreamCreate(
                StreamCreate.newBuilder()
                    .setConfig(
                        CONFIG.toBuilder()
                            .clearOutputs()
                            .addOutputs(
                                OutputConfig.newBuilder().setUrl("gopher:127.0.0.1:6379/9/x.flv"))
                            .addOutputs(
                                OutputConfig.newBuilder()
                                    .setUrl("rtmp://169.254.169.254/live/SECRET"))))
            .build();

    Outcome o = applier.apply(Optional.empty(), create, 0, T0, 0);

    assertThat(o).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected) o).field()).isEqualTo("/outputs/0/url");
    assertThat(((Outcome.Rejected) o).reason()).contains("/outputs/1/url").doesNotContain("SECRET");
  }

  @Test
  void admitStream_atMaxStreams_isRefused() {
    assertThat(applier.admitStream(1)).isEmpty();
    assertThat(applier.admitStream(2))
        .contains(
            new Limits.Problem(
                "/id", "at most 2 streams per deployment (MAX_STREAMS); delete one first"));
  }
}
