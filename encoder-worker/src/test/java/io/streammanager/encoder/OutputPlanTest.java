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

class OutputPlanTest {
  @ParameterizedTest
  @CsvSource({
      "var/recordings/{stream}-{run}.flv, var/recordings/default-20260301-120000-000.flv",
      "rtmp://live.example.com/app/{stream}, rtmp://live.example.com/app/default",
      "out/{run}/{run}.mp4, out/20260301-120000-000/20260301-120000-000.mp4",
      "rtmp://live.example.com/app/key, rtmp://live.example.com/app/key",
      "{Stream}.flv, {Stream}.flv"})
  void resolveUrl_placeholders_areFilledEverywhere(String url, String resolved) {
    assertThat(OutputPlan.resolveUrl(url, "default", "20260301-120000-000")).isEqualTo(resolved);
  }

  @ParameterizedTest
  @CsvSource({"RENDER_QUALITY_LOW, ultrafast", "RENDER_QUALITY_MEDIUM, veryfast", "RENDER_QUALITY_HIGH, fast",
      "RENDER_QUALITY_UNSPECIFIED, veryfast"})
  void preset_quality_picksTheX264Preset(RenderQuality quality, String preset) {
    assertThat(OutputPlan.preset(quality)).isEqualTo(preset);
  }

  @Test
  void settings_configWithOpusAudio_mapsEveryField() {
    StreamConfig config = StreamConfig.newBuilder().setName("show").setWidth(1280).setHeight(720).setFps(25)
        .setVideoBitrateKbps(3000).setQuality(RenderQuality.RENDER_QUALITY_HIGH)
        .setAudio(AudioConfig.newBuilder().setEnabled(true).setCodec(AudioCodec.AUDIO_CODEC_OPUS).setBitrateKbps(96))
        .build();

    assertThat(OutputPlan.settings(config)).isEqualTo(new EncoderSettings(1280, 720, 25, 3000, "fast",
        "main", 50, true, AudioCodecKind.OPUS, 96, null));
  }

  @Test
  void settings_audioDisabled_hasNoAudioBitrate() {
    StreamConfig config = StreamConfig.newBuilder().setWidth(640).setHeight(360).setFps(30).setVideoBitrateKbps(1000)
        .setAudio(AudioConfig.newBuilder().setEnabled(false).setCodec(AudioCodec.AUDIO_CODEC_AAC).setBitrateKbps(128))
        .build();

    assertThat(OutputPlan.settings(config)).isEqualTo(new EncoderSettings(640, 360,
        30, 1000, "veryfast", "main", 60, false, AudioCodecKind.AAC, 0, null));
  }

  @Test
  void outputs_severalConfigured_areAllResolvedInOrder() {
    StreamConfig config = StreamConfig.newBuilder()
        .addOutputs(OutputConfig.newBuilder().setUrl("rtmp://live.example.com/app/{stream}"))
        .addOutputs(OutputConfig.newBuilder().setUrl("var/rec/{stream}-{run}.mp4"))
        .addOutputs(OutputConfig.newBuilder().setUrl("var/hls/{stream}/index.m3u8"))
        .build();

    assertThat(OutputPlan.outputs(config, "show", "r1")).containsExactly("rtmp://live.example.com/app/show",
        "var/rec/show-r1.mp4", "var/hls/show/index.m3u8");
  }

  @Test
  void outputs_noneConfigured_isTheDefaultRecording() {
    assertThat(OutputPlan.outputs(StreamConfig.getDefaultInstance(), "show", "r1"))
        .containsExactly("var/recordings/show-r1.flv");
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
    assertThat(OutputPlan.continuation("var/hls/show/index.m3u8", 617, p -> true)).as("players poll one playlist")
        .isEqualTo("var/hls/show/index.m3u8");
  }
}
