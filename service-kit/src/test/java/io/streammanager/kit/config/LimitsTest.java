package io.streammanager.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.kit.config.Limits.Problem;
import io.streammanager.proto.ClockFace;
import io.streammanager.proto.Layer;
import io.streammanager.proto.OutputConfig;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.TextBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every quota refusal names the limit's variable and its value (security review H-4, H-5, M-4). */
class LimitsTest {
  private static final Limits LIMITS = Limits.DEFAULTS;

  private static StreamConfig.Builder stream() {
    return StreamConfig.newBuilder()
        .setName("show")
        .setWidth(1920)
        .setHeight(1080)
        .setFps(30)
        .setVideoBitrateKbps(4500)
        .addOutputs(OutputConfig.newBuilder().setUrl("show.flv"));
  }

  @Test
  void stream_withinEveryLimit_hasNoProblem() {
    assertThat(LIMITS.stream("show", stream().build())).isEmpty();
  }

  @Test
  void stream_8kAt120FpsAt100Mbps_isRefusedByTheCostCeilings() {
    StreamConfig c =
        stream().setWidth(7680).setHeight(4320).setFps(120).setVideoBitrateKbps(100_000).build();

    assertThat(LIMITS.stream("show", c))
        .containsExactly(
            new Problem(
                "/resolution",
                "width x height x fps must be at most 124416000 pixels per second "
                    + "(MAX_PIXEL_RATE), was 7680x4320x120 = 3981312000"),
            new Problem(
                "/bitrate", "bitrate must be at most 20000 kbps (MAX_BITRATE), was 100000"));
  }

  @Test
  void stream_nineOutputs_isRefusedNamingMaxOutputs() {
    StreamConfig.Builder c = stream().clearOutputs();
    for (int i = 0; i < 9; i++) {
      c.addOutputs(OutputConfig.newBuilder().setUrl("rtmp://ingest.example.com/live/k" + i));
    }

    assertThat(LIMITS.stream("show", c.build()))
        .containsExactly(
            new Problem("/outputs", "at most 8 outputs per stream (MAX_OUTPUTS), were 9"));
  }

  @Test
  void stream_duplicateOrForbiddenOutput_isRefusedWithTheKeyHidden() {
    StreamConfig c =
        stream()
            .clearOutputs()
            .addOutputs(OutputConfig.newBuilder().setUrl("rtmp://ingest.example.com/live/secret"))
            .addOutputs(OutputConfig.newBuilder().setUrl("rtmp://ingest.example.com/live/secret"))
            .addOutputs(OutputConfig.newBuilder().setUrl("rtmp://169.254.169.254/live/secret"))
            .build();

    List<Problem> problems = LIMITS.stream("show", c);

    assertThat(problems)
        .extracting(Problem::field)
        .containsExactly("/outputs/1/url", "/outputs/2/url");
    assertThat(problems.get(0).message()).isEqualTo("the same output is listed twice");
    assertThat(problems.get(1).message())
        .contains("link-local")
        .contains("was 'rtmp://169.254.169.254/live/***'")
        .doesNotContain("secret");
  }

  @Test
  void stream_twoOutputsThatNameOneFile_areRefused() {
    StreamConfig c =
        stream()
            .clearOutputs()
            .addOutputs(OutputConfig.newBuilder().setUrl("{stream}.flv"))
            .addOutputs(OutputConfig.newBuilder().setUrl("SHOW.flv"))
            .build();

    assertThat(LIMITS.stream("show", c))
        .containsExactly(new Problem("/outputs/1/url", "the same output is listed twice"));
  }

  @Test
  void stateSize_pastMaxStateBytes_isRefused() {
    assertThat(LIMITS.stateSize(1024 * 1024)).isEmpty();
    assertThat(LIMITS.stateSize(1024 * 1024 + 1))
        .contains(
            new Problem(
                "/",
                "the stream's state would be 1048577 "
                    + "bytes; at most 1048576 (MAX_STATE_BYTES): remove layers, shorten texts or cancel scheduled commands"));
  }

  @Test
  void layer_textAndClockPattern_areHeldToTheirLengths() {
    Layer text =
        Layer.newBuilder()
            .setId("t")
            .setText(TextBlock.newBuilder().setText("x".repeat(4097)))
            .build();
    Layer clock =
        Layer.newBuilder()
            .setId("c")
            .setClock(ClockFace.newBuilder().setPattern("H".repeat(257)))
            .build();

    assertThat(LIMITS.layer(text))
        .containsExactly(
            new Problem(
                "/text", "text must be at most 4096 characters (MAX_TEXT_CHARS), was 4097"));
    assertThat(LIMITS.layer(clock))
        .containsExactly(
            new Problem(
                "/format",
                "format must be at most 256 characters (MAX_CLOCK_FORMAT_CHARS), was 257"));
  }

  @Test
  void counts_pastTheirQuota_areRefusedNamingTheVariable() {
    assertThat(LIMITS.layerCount(256)).isEmpty();
    assertThat(LIMITS.layerCount(257))
        .contains(
            new Problem(
                "/layers",
                "at most 256 layers per stream (MAX_LAYERS); this change would make 257"));
    assertThat(LIMITS.scheduled(257))
        .contains(
            new Problem(
                "/at",
                "at most 256 scheduled commands may wait per stream (MAX_SCHEDULED); cancel some first"));
    assertThat(LIMITS.batch(101))
        .contains(
            new Problem(
                "/operations",
                "at most 100 operations per batch (MAX_BATCH_OPERATIONS), were 101"));
    assertThat(LIMITS.streams(9_999)).isEmpty();
    assertThat(LIMITS.streams(10_000))
        .contains(
            new Problem(
                "/id", "at most 10000 streams per deployment (MAX_STREAMS); delete one first"));
  }
}
