package io.streammanager.encoder;

import io.streammanager.encoder.media.AudioCodecKind;
import io.streammanager.encoder.media.EncoderSettings;
import io.streammanager.proto.AudioCodec;
import io.streammanager.proto.StreamConfig;

/** From a stream's configuration to encoder settings: RENDER_QUALITY picks the x264 preset. */
public final class OutputPlan {
  private OutputPlan() {}

  /** low = ultrafast, medium = veryfast, high = fast (the presets a 2-core machine keeps up with in real time). */
  public static String preset(io.streammanager.proto.RenderQuality q) {
    return switch (q) {
      case RENDER_QUALITY_LOW -> "ultrafast";
      case RENDER_QUALITY_HIGH -> "fast";
      default -> "veryfast";
    };
  }

  /** Fills {stream} and {run} in an output URL or path. */
  public static String resolveUrl(String url, String streamId, String runId) {
    return url.replace("{stream}", streamId).replace("{run}", runId);
  }

  public static EncoderSettings settings(StreamConfig c, String url) {
    boolean audio = c.getAudio().getEnabled();
    AudioCodecKind codec = c.getAudio().getCodec() == AudioCodec.AUDIO_CODEC_OPUS ? AudioCodecKind.OPUS
        : AudioCodecKind.AAC;
    return new EncoderSettings((int) c.getWidth(), (int) c.getHeight(), (int) c.getFps(),
        (int) c.getVideoBitrateKbps(), preset(c.getQuality()), EncoderSettings.DEFAULT_PROFILE, 2 * (int) c.getFps(),
        audio, codec, audio ? (int) c.getAudio().getBitrateKbps() : 0, url);
  }
}
