package io.streammanager.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.kit.config.PlatformConfig.Audio;
import io.streammanager.kit.config.PlatformConfig.AudioCodecName;
import io.streammanager.kit.config.PlatformConfig.Quality;
import io.streammanager.kit.config.PlatformConfig.Resolution;
import io.streammanager.kit.config.PlatformConfig.StreamDefaults;
import io.streammanager.proto.AudioCodec;
import io.streammanager.proto.AudioConfig;
import io.streammanager.proto.OutputConfig;
import io.streammanager.proto.RenderQuality;
import io.streammanager.proto.StreamConfig;
import org.junit.jupiter.api.Test;

class StreamConfigsTest {
  @Test
  void fromDefaults_emptyUrl_recordsToTheDefaultRecording() {
    StreamDefaults d =
        new StreamDefaults(
            new Resolution(1280, 720),
            25,
            Quality.LOW,
            2500,
            "",
            new Audio(true, AudioCodecName.OPUS, 96));

    assertThat(StreamConfigs.fromDefaults("default", d))
        .isEqualTo(
            StreamConfig.newBuilder()
                .setName("default")
                .setWidth(1280)
                .setHeight(720)
                .setFps(25)
                .setVideoBitrateKbps(2500)
                .setQuality(RenderQuality.RENDER_QUALITY_LOW)
                .addOutputs(OutputConfig.newBuilder().setUrl("{stream}-{run}.flv"))
                .setAudio(
                    AudioConfig.newBuilder()
                        .setEnabled(true)
                        .setCodec(AudioCodec.AUDIO_CODEC_OPUS)
                        .setBitrateKbps(96))
                .build());
  }

  @Test
  void fromDefaults_url_isTheOnlyOutput() {
    StreamDefaults d =
        new StreamDefaults(
            new Resolution(1920, 1080),
            30,
            Quality.HIGH,
            4500,
            "rtmp://live.example.com/app/key",
            new Audio(false, AudioCodecName.AAC, 128));

    assertThat(StreamConfigs.fromDefaults("show", d).getOutputsList())
        .containsExactly(
            OutputConfig.newBuilder().setUrl("rtmp://live.example.com/app/key").build());
  }

  @Test
  void quality_eachLevel_mapsToTheProtoValue() {
    assertThat(StreamConfigs.quality(Quality.LOW)).isEqualTo(RenderQuality.RENDER_QUALITY_LOW);
    assertThat(StreamConfigs.quality(Quality.MEDIUM))
        .isEqualTo(RenderQuality.RENDER_QUALITY_MEDIUM);
    assertThat(StreamConfigs.quality(Quality.HIGH)).isEqualTo(RenderQuality.RENDER_QUALITY_HIGH);
  }

  @Test
  void codec_eachName_mapsToTheProtoValue() {
    assertThat(StreamConfigs.codec(AudioCodecName.AAC)).isEqualTo(AudioCodec.AUDIO_CODEC_AAC);
    assertThat(StreamConfigs.codec(AudioCodecName.OPUS)).isEqualTo(AudioCodec.AUDIO_CODEC_OPUS);
  }
}
