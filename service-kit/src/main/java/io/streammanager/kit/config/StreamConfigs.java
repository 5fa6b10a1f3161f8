package io.streammanager.kit.config;

import io.streammanager.proto.AudioCodec;
import io.streammanager.proto.AudioConfig;
import io.streammanager.proto.OutputConfig;
import io.streammanager.proto.RenderQuality;
import io.streammanager.proto.StreamConfig;

/** The configured defaults as the {@link StreamConfig} a new stream gets. */
public final class StreamConfigs {
  private StreamConfigs() {}

  public static StreamConfig fromDefaults(String name, PlatformConfig.StreamDefaults d) {
    return StreamConfig.newBuilder()
        .setName(name)
        .setWidth(d.resolution().width())
        .setHeight(d.resolution().height())
        .setFps(d.fps())
        .setVideoBitrateKbps(d.bitrateKbps())
        .setQuality(quality(d.quality()))
        .addOutputs(
            OutputConfig.newBuilder()
                .setUrl(d.url().isEmpty() ? PlatformConfig.DEFAULT_RECORDING : d.url()))
        .setAudio(
            AudioConfig.newBuilder()
                .setEnabled(d.audio().enabled())
                .setCodec(codec(d.audio().codec()))
                .setBitrateKbps(d.audio().bitrateKbps()))
        .build();
  }

  public static RenderQuality quality(PlatformConfig.Quality q) {
    return switch (q) {
      case LOW -> RenderQuality.RENDER_QUALITY_LOW;
      case MEDIUM -> RenderQuality.RENDER_QUALITY_MEDIUM;
      case HIGH -> RenderQuality.RENDER_QUALITY_HIGH;
    };
  }

  public static AudioCodec codec(PlatformConfig.AudioCodecName c) {
    return switch (c) {
      case AAC -> AudioCodec.AUDIO_CODEC_AAC;
      case OPUS -> AudioCodec.AUDIO_CODEC_OPUS;
    };
  }
}
