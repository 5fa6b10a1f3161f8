package io.streammanager.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.encoder.media.AudioCodecKind;
import io.streammanager.encoder.media.EncoderSettings;
import io.streammanager.proto.AudioCodec;
import io.streammanager.proto.AudioConfig;
import io.streammanager.proto.OutputConfig;
import io.streammanager.proto.RenderQuality;
import io.streammanager.proto.StreamConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutputPlanTest {
  @ParameterizedTest
  @CsvSource({
    "var/recordings/{stream}-{run}.flv, var/recordings/default-20260301-120000-000.flv",
    "rtmp://live.example.com/app/{stream}, rtmp://live.example.com/app/default",
    "out/{run}/{run}.mp4, out/20260301-120000-000/20260301-120000-000.mp4",
    "rtmp://live.example.com/app/key, rtmp://live.example.com/app/key",
    "{Stream}.flv, {Stream}.flv"
  })
  void resolveUrl_placeholders_areFilledEverywhere(String url, String resolved) {
    assertThat(OutputPlan.resolveUrl(url, "default", "20260301-120000-000")).isEqualTo(resolved);
  }

  @ParameterizedTest
  @CsvSource({
    "RENDER_QUALITY_LOW, ultrafast",
    "RENDER_QUALITY_MEDIUM, veryfast",
    "RENDER_QUALITY_HIGH, fast",
    "RENDER_QUALITY_UNSPECIFIED, veryfast"
  })
  void preset_quality_picksTheX264Preset(RenderQuality quality, String preset) {
    assertThat(OutputPlan.preset(quality)).isEqualTo(preset);
  }

  @Test
  void settings_configWithOpusAudio_mapsEveryField() {
    StreamConfig config =
        StreamConfig.newBuilder()
            .setName("show")
            .setWidth(1280)
            .setHeight(720)
            .setFps(25)
            .setVideoBitrateKbps(3000)
            .setQuality(RenderQuality.RENDER_QUALITY_HIGH)
            .setAudio(
                AudioConfig.newBuilder()
                    .setEnabled(true)
                    .setCodec(AudioCodec.AUDIO_CODEC_OPUS)
                    .setBitrateKbps(96))
            .build();

    assertThat(OutputPlan.settings(config))
        .isEqualTo(
            new EncoderSettings(
                1280, 720, 25, 3000, "fast", "main", 50, true, AudioCodecKind.OPUS, 96, null));
  }

  @Test
  void settings_audioDisabled_hasNoAudioBitrate() {
    StreamConfig config =
        StreamConfig.newBuilder()
            .setWidth(640)
            .setHeight(360)
            .setFps(30)
            .setVideoBitrateKbps(1000)
            .setAudio(
                AudioConfig.newBuilder()
                    .setEnabled(false)
                    .setCodec(AudioCodec.AUDIO_CODEC_AAC)
                    .setBitrateKbps(128))
            .build();

    assertThat(OutputPlan.settings(config))
        .isEqualTo(
            new EncoderSettings(
                640, 360, 30, 1000, "veryfast", "main", 60, false, AudioCodecKind.AAC, 0, null));
  }

  private static final java.nio.file.Path RECORDINGS = java.nio.file.Path.of("/srv/rec");

  @Test
  void outputs_severalConfigured_areAllResolvedInOrderFilesBelowTheStreamsFolder() {
    StreamConfig config =
        StreamConfig.newBuilder()
            .addOutputs(OutputConfig.newBuilder().setUrl("rtmp://live.example.com/app/{stream}"))
            .addOutputs(OutputConfig.newBuilder().setUrl("rec/{stream}-{run}.mp4"))
            .addOutputs(OutputConfig.newBuilder().setUrl("hls/index.m3u8"))
            .build();

    assertThat(OutputPlan.outputs(config, "show", "r1", OutputPlan.Destinations.under(RECORDINGS)))
        .containsExactly(
            new OutputPlan.Planned("rtmp://live.example.com/app/show", null),
            new OutputPlan.Planned("/srv/rec/show/rec/show-r1.mp4", null),
            new OutputPlan.Planned("/srv/rec/show/hls/index.m3u8", null));
  }

  @Test
  void outputs_noneConfigured_isTheDefaultRecording() {
    assertThat(
            OutputPlan.outputs(
                StreamConfig.getDefaultInstance(),
                "show",
                "r1",
                OutputPlan.Destinations.under(RECORDINGS)))
        .containsExactly(new OutputPlan.Planned("/srv/rec/show/show-r1.flv", null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gopher:127.0.0.1:6379/9/x.flv",
        "file:/etc/x.flv",
        "/tmp/x.flv",
        "../other/x.flv",
        "tcp:127.0.0.1:4444?listen=1&x=.flv",
        "pipe:x.flv",
        "rtmp://169.254.169.254/live/key"
      })
  void outputs_forbiddenUrlThatGotPastTheApi_isPlannedRefusedNeverOpened(String url) {
    StreamConfig config =
        StreamConfig.newBuilder().addOutputs(OutputConfig.newBuilder().setUrl(url)).build();

    OutputPlan.Planned planned =
        OutputPlan.outputs(config, "show", "r1", OutputPlan.Destinations.under(RECORDINGS))
            .getFirst();

    assertThat(planned.refusal()).startsWith("output ").contains(" refused: ");
  }

  @Test
  void outputs_absolutePathThatIsStreamUrl_isWrittenWhereItSays() {
    StreamConfig config =
        StreamConfig.newBuilder()
            .addOutputs(OutputConfig.newBuilder().setUrl("/srv/x-{run}.flv"))
            .build();
    var where =
        new OutputPlan.Destinations(
            RECORDINGS,
            new io.streammanager.kit.config.OutputUrls.Rules(
                java.util.List.of(), "/srv/x-{run}.flv"));

    assertThat(OutputPlan.outputs(config, "default", "r1", where))
        .containsExactly(new OutputPlan.Planned("/srv/x-r1.flv", null));
    assertThat(OutputPlan.outputs(config, "show", "r1", where).getFirst().refusal())
        .as("another stream may not write the default stream's file")
        .contains("absolute path is allowed only");
  }

  @Test
  void outputs_hostOutsideOutputHosts_isRefused() {
    StreamConfig config =
        StreamConfig.newBuilder()
            .addOutputs(OutputConfig.newBuilder().setUrl("rtmp://evil.example.net/live/key"))
            .build();
    var where =
        new OutputPlan.Destinations(
            RECORDINGS,
            new io.streammanager.kit.config.OutputUrls.Rules(
                java.util.List.of("*.youtube.com"), ""));

    assertThat(OutputPlan.outputs(config, "show", "r1", where))
        .containsExactly(
            new OutputPlan.Planned(
                "rtmp://evil.example.net/live/***",
                "output rtmp://evil.example.net/live/*** refused: the host "
                    + "'evil.example.net' is not one of OUTPUT_HOSTS [*.youtube.com]"));
  }

  @Test
  void continuation_existingRecording_continuesNextToItFromTheFrame() {
    assertThat(OutputPlan.continuation("var/recordings/show-r1.flv", 617, p -> true))
        .isEqualTo("var/recordings/show-r1-from617.flv");
    assertThat(OutputPlan.continuation("var/recordings/show-r1.mkv", 90, p -> true))
        .isEqualTo("var/recordings/show-r1-from90.mkv");
  }

  @Test
  void continuation_newRecordingOrNetworkOutput_isUnchanged() {
    assertThat(OutputPlan.continuation("var/recordings/show-r1.flv", 617, p -> false))
        .isEqualTo("var/recordings/show-r1.flv");
    assertThat(OutputPlan.continuation("rtmp://127.0.0.1/live/show", 617, p -> true))
        .isEqualTo("rtmp://127.0.0.1/live/show");
    assertThat(OutputPlan.continuation("var/hls/show/index.m3u8", 617, p -> true))
        .as("players poll one playlist")
        .isEqualTo("var/hls/show/index.m3u8");
  }
}
