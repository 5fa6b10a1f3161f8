package io.streammanager.encoder.media;

import java.util.ArrayList;
import java.util.List;

/**
 * What one {@link LiveEncoder} produces. Checked when built: every problem is reported at once,
 * each naming its field.
 *
 * @param width frame width in pixels: even (H.264 4:2:0 cannot code an odd size), 2..7680
 * @param height frame height in pixels: even, 2..4320
 * @param fps frames per second, 1..240; the video time base is 1/fps
 * @param videoBitrateKbps constant video bit rate, 1..1000000; also the VBV max rate and (1 s)
 *     buffer size
 * @param x264Preset x264 speed preset, {@code ultrafast} .. {@code placebo}; null means {@value
 *     #DEFAULT_PRESET}
 * @param h264Profile {@code baseline}, {@code main} or {@code high}; null means {@value
 *     #DEFAULT_PROFILE}
 * @param keyframeIntervalFrames frames from one keyframe to the next (fixed, no scene-cut
 *     keyframes); 0 means 2 s ({@code 2 * fps})
 * @param audioEnabled whether the output has an audio track
 * @param audioCodec AAC or Opus; required when audio is enabled, null means AAC otherwise
 * @param audioBitrateKbps audio bit rate, 8..512 when audio is enabled
 * @param outputUrl {@code rtmp://}, {@code rtmps://} or {@code srt://} URL, or a file path ending
 *     {@code .flv}, {@code .mp4}, {@code .mkv}, {@code .ts} or {@code .m3u8} (HLS): the one output
 *     of a {@link LiveEncoder}; null when the outputs are given separately ({@link Broadcast})
 */
public record EncoderSettings(
    int width,
    int height,
    int fps,
    int videoBitrateKbps,
    String x264Preset,
    String h264Profile,
    int keyframeIntervalFrames,
    boolean audioEnabled,
    AudioCodecKind audioCodec,
    int audioBitrateKbps,
    String outputUrl) {

  public static final String DEFAULT_PRESET = "veryfast";
  public static final String DEFAULT_PROFILE = "main";
  public static final int DEFAULT_AUDIO_KBPS = 128;
  private static final List<String> PRESETS =
      List.of(
          "ultrafast",
          "superfast",
          "veryfast",
          "faster",
          "fast",
          "medium",
          "slow",
          "slower",
          "veryslow",
          "placebo");
  private static final List<String> PROFILES = List.of("baseline", "main", "high");

  public EncoderSettings {
    x264Preset = x264Preset == null ? DEFAULT_PRESET : x264Preset;
    h264Profile = h264Profile == null ? DEFAULT_PROFILE : h264Profile;
    keyframeIntervalFrames = keyframeIntervalFrames == 0 ? 2 * fps : keyframeIntervalFrames;
    audioCodec = audioCodec == null && !audioEnabled ? AudioCodecKind.AAC : audioCodec;

    List<String> problems = new ArrayList<>();
    checkDimension(problems, "width", width, 7680);
    checkDimension(problems, "height", height, 4320);
    check(problems, fps >= 1 && fps <= 240, "fps must be 1..240, got " + fps);
    check(
        problems,
        videoBitrateKbps >= 1 && videoBitrateKbps <= 1_000_000,
        "videoBitrateKbps must be 1..1000000, got " + videoBitrateKbps);
    check(
        problems,
        PRESETS.contains(x264Preset),
        "x264Preset must be one of " + PRESETS + ", got '" + x264Preset + "'");
    check(
        problems,
        PROFILES.contains(h264Profile),
        "h264Profile must be one of " + PROFILES + ", got '" + h264Profile + "'");
    check(
        problems,
        keyframeIntervalFrames > 0,
        "keyframeIntervalFrames must be positive (0 means 2 s), got " + keyframeIntervalFrames);
    if (audioEnabled) {
      check(problems, audioCodec != null, "audioCodec must be set when audio is enabled");
      check(
          problems,
          audioBitrateKbps >= 8 && audioBitrateKbps <= 512,
          "audioBitrateKbps must be 8..512 when audio is enabled, got " + audioBitrateKbps);
    }
    check(
        problems,
        outputUrl == null || OutputTarget.parse(outputUrl).isPresent(),
        "outputUrl must be "
            + OutputTarget.ALLOWED
            + ", got '"
            + OutputTarget.redact(outputUrl)
            + "'");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid encoder settings: " + String.join("; ", problems));
    }
  }

  /** Default preset and profile, 2 s keyframes, AAC at {@value #DEFAULT_AUDIO_KBPS} kbps. */
  public static EncoderSettings of(
      int width, int height, int fps, int videoBitrateKbps, String outputUrl) {
    return new EncoderSettings(
        width,
        height,
        fps,
        videoBitrateKbps,
        null,
        null,
        0,
        true,
        AudioCodecKind.AAC,
        DEFAULT_AUDIO_KBPS,
        outputUrl);
  }

  /** A copy with audio enabled in the given codec and bit rate. */
  public EncoderSettings withAudio(AudioCodecKind codec, int bitrateKbps) {
    return new EncoderSettings(
        width,
        height,
        fps,
        videoBitrateKbps,
        x264Preset,
        h264Profile,
        keyframeIntervalFrames,
        true,
        codec,
        bitrateKbps,
        outputUrl);
  }

  /** A copy without an audio track. */
  public EncoderSettings withoutAudio() {
    return new EncoderSettings(
        width,
        height,
        fps,
        videoBitrateKbps,
        x264Preset,
        h264Profile,
        keyframeIntervalFrames,
        false,
        audioCodec,
        0,
        outputUrl);
  }

  /** A copy writing to another output. */
  public EncoderSettings withOutputUrl(String url) {
    return new EncoderSettings(
        width,
        height,
        fps,
        videoBitrateKbps,
        x264Preset,
        h264Profile,
        keyframeIntervalFrames,
        audioEnabled,
        audioCodec,
        audioBitrateKbps,
        url);
  }

  OutputTarget output() {
    return OutputTarget.parse(outputUrl).orElseThrow();
  }

  /** Bytes of one I420 frame: Y {@code w*h}, then U and V {@code ((w+1)/2)*((h+1)/2)} each. */
  public int frameBytes() {
    return width * height + 2 * ((width + 1) / 2) * ((height + 1) / 2);
  }

  /** Shows the output with its stream key hidden. */
  @Override
  public String toString() {
    return "EncoderSettings["
        + width
        + "x"
        + height
        + "@"
        + fps
        + ", video "
        + videoBitrateKbps
        + " kbps "
        + h264Profile
        + "/"
        + x264Preset
        + ", keyint "
        + keyframeIntervalFrames
        + ", audio "
        + (audioEnabled ? audioCodec + " " + audioBitrateKbps + " kbps" : "off")
        + (outputUrl == null ? "" : ", output " + OutputTarget.redact(outputUrl))
        + "]";
  }

  private static void checkDimension(List<String> problems, String field, int value, int max) {
    check(
        problems,
        value >= 2 && value <= max && value % 2 == 0,
        field
            + " must be an even number 2.."
            + max
            + " (H.264 4:2:0 cannot code odd sizes), got "
            + value);
  }

  private static void check(List<String> problems, boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
  }
}
