package io.streammanager.encoder;

import io.streammanager.encoder.media.AudioCodecKind;
import io.streammanager.encoder.media.EncoderSettings;
import io.streammanager.kit.config.OutputUrls;
import io.streammanager.kit.config.PlatformConfig;
import io.streammanager.proto.AudioCodec;
import io.streammanager.proto.OutputConfig;
import io.streammanager.proto.StreamConfig;
import java.nio.file.Path;
import java.util.List;

/** From a stream's configuration to encoder settings: RENDER_QUALITY picks the x264 preset. */
public final class OutputPlan {
  private OutputPlan() {}

  /**
   * low = ultrafast, medium = veryfast, high = fast (the presets a 2-core machine keeps up with in
   * real time).
   */
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

  /**
   * Where this encoder may write: file outputs below {@code recordingsDir/<stream>/}, streaming
   * outputs to the hosts the rules allow (RECORDINGS_DIR, OUTPUT_HOSTS, STREAM_URL).
   */
  public record Destinations(Path recordingsDir, OutputUrls.Rules rules) {
    public static Destinations of(PlatformConfig config) {
      return new Destinations(
          config.outputs().recordingsPath(), config.outputs().rules(config.stream().url()));
    }

    /** Any host, recordings below {@code recordingsDir} (tests, tools). */
    public static Destinations under(Path recordingsDir) {
      return new Destinations(recordingsDir, OutputUrls.Rules.ANY_HOST);
    }
  }

  /**
   * One output of a run.
   *
   * @param url what the encoder opens: a streaming URL, or the absolute path of a recording
   *     (placeholders filled)
   * @param refusal why the configured output may not be opened (it stays FAILED), or null
   */
  public record Planned(String url, String refusal) {}

  /**
   * Every output of a run, placeholders filled, in the configured order; without any configured
   * output, the default recording ({@link PlatformConfig#DEFAULT_RECORDING}). The rules are checked
   * again here, whatever layer-service let through: an output that breaks them is planned as
   * refused, never opened.
   */
  public static List<Planned> outputs(
      StreamConfig c, String streamId, String runId, Destinations where) {
    List<String> urls =
        c.getOutputsList().stream().map(OutputConfig::getUrl).filter(u -> !u.isBlank()).toList();
    return (urls.isEmpty() ? List.of(PlatformConfig.DEFAULT_RECORDING) : urls)
        .stream().map(u -> plan(u, streamId, runId, where)).toList();
  }

  private static Planned plan(String url, String streamId, String runId, Destinations where) {
    String problem =
        io.streammanager.proto.Ids.NAME.matcher(streamId).matches()
            ? OutputUrls.problem(url, where.rules(), streamId)
            : "the stream id '" + streamId + "' cannot name a folder";
    String resolved = resolveUrl(url, streamId, runId);
    if (problem != null) {
      return new Planned(
          OutputUrls.redact(resolved),
          "output " + OutputUrls.redact(resolved) + " refused: " + problem);
    }
    if (OutputUrls.isNetwork(resolved)) {
      return new Planned(resolved, null);
    }
    try {
      return new Planned(
          OutputUrls.recordingPath(where.recordingsDir(), streamId, resolved).toString(), null);
    } catch (IllegalArgumentException e) {
      return new Planned(resolved, "output " + resolved + " refused: " + e.getMessage());
    }
  }

  /**
   * Where a run's recording goes when it is (re)opened at {@code frame}: a file or HLS playlist
   * that already exists (the run was taken over from an encoder that died, or its encoder failed
   * and reopens) is never overwritten; the rest of the run goes next to it as {@code
   * <name>-from<frame>.<ext>}. Network outputs are unchanged, and so is an HLS playlist: players
   * keep polling its one name, and the HLS muxer continues its segments.
   */
  public static String continuation(
      String url, long frame, java.util.function.Predicate<java.nio.file.Path> exists) {
    if (url.contains("://") || url.toLowerCase(java.util.Locale.ROOT).endsWith(".m3u8")) {
      return url;
    }
    java.nio.file.Path path = java.nio.file.Path.of(url);
    if (!exists.test(path)) {
      return url;
    }
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String next =
        dot > 0
            ? name.substring(0, dot) + "-from" + frame + name.substring(dot)
            : name + "-from" + frame;
    return path.resolveSibling(next).toString();
  }

  /**
   * What to encode (once, for every output): the outputs themselves are given to the broadcast
   * separately.
   */
  public static EncoderSettings settings(StreamConfig c) {
    boolean audio = c.getAudio().getEnabled();
    AudioCodecKind codec =
        c.getAudio().getCodec() == AudioCodec.AUDIO_CODEC_OPUS
            ? AudioCodecKind.OPUS
            : AudioCodecKind.AAC;
    return new EncoderSettings(
        (int) c.getWidth(),
        (int) c.getHeight(),
        (int) c.getFps(),
        (int) c.getVideoBitrateKbps(),
        preset(c.getQuality()),
        EncoderSettings.DEFAULT_PROFILE,
        2 * (int) c.getFps(),
        audio,
        codec,
        audio ? (int) c.getAudio().getBitrateKbps() : 0,
        null);
  }
}
