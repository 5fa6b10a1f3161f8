package io.streammanager.encoder.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streammanager.encoder.media.FfmpegCli.Probe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round trips judged by the Debian ffmpeg/ffprobe CLI. Given 2 s of 30 fps frames, left half red
 * and right half blue (BT.709 limited range), when encoded to FLV (320x180) and to MP4 (322x182:
 * odd chroma width and height, padded strides), then the files hold exactly what the settings asked
 * for.
 */
class LiveEncoderTest {
  private static final int FPS = 30;
  private static final int FRAMES = 2 * FPS;
  private static final int VIDEO_KBPS = 800;
  private static final int COLOUR_TOLERANCE = 40;
  private static final double AAC_FRAME_SECONDS = 1024 / 48_000.0;

  @TempDir static Path dir;

  private static final Map<String, Encoded> OUTPUTS = new HashMap<>();

  private record Encoded(
      EncoderSettings settings, Path file, long framesWritten, long bytesWritten) {}

  @BeforeAll
  static void encodeRedBlueClips() {
    OUTPUTS.put(
        "flv", encodeRedBlue(EncoderSettings.of(320, 180, FPS, VIDEO_KBPS, path("red-blue.flv"))));
    OUTPUTS.put(
        "mp4", encodeRedBlue(EncoderSettings.of(322, 182, FPS, VIDEO_KBPS, path("red-blue.mp4"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"flv", "mp4"})
  void video_isMainProfileH264AtTheConfiguredSizeAnd30Fps(String container) {
    Encoded out = OUTPUTS.get(container);
    Probe probe = FfmpegCli.probe(out.file());

    assertThat(probe.stream("video", "codec_name")).isEqualTo("h264");
    assertThat(probe.stream("video", "profile")).isEqualTo("Main");
    assertThat(probe.stream("video", "pix_fmt")).isEqualTo("yuv420p");
    assertThat(probe.stream("video", "width")).isEqualTo(String.valueOf(out.settings().width()));
    assertThat(probe.stream("video", "height")).isEqualTo(String.valueOf(out.settings().height()));
    assertThat(probe.stream("video", "avg_frame_rate")).isEqualTo("30/1");
    assertThat(probe.stream("video", "nb_read_frames")).isEqualTo(String.valueOf(FRAMES));
  }

  @ParameterizedTest
  @ValueSource(strings = {"flv", "mp4"})
  void audio_isStereo48kHzAac(String container) {
    Probe probe = FfmpegCli.probe(OUTPUTS.get(container).file());

    assertThat(probe.stream("audio", "codec_name")).isEqualTo("aac");
    assertThat(probe.stream("audio", "sample_rate")).isEqualTo("48000");
    assertThat(probe.stream("audio", "channels")).isEqualTo("2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"flv", "mp4"})
  void frame30_leftHalfIsRedAndRightHalfIsBlue(String container) {
    Encoded out = OUTPUTS.get(container);
    int width = out.settings().width();
    int height = out.settings().height();

    byte[] rgb = FfmpegCli.rgbFrame(out.file(), 30);

    assertThat(rgb).hasSize(width * height * 3);
    assertColour(rgb, width, width / 4, height / 2, TestFrames.RED);
    assertColour(rgb, width, 3 * width / 4, height / 2, TestFrames.BLUE);
    assertColour(rgb, width, 2, 2, TestFrames.RED);
    assertColour(rgb, width, width - 3, height - 3, TestFrames.BLUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"flv", "mp4"})
  void videoPacketTimestamps_strictlyIncrease(String container) {
    List<Double> pts = column(FfmpegCli.packets(OUTPUTS.get(container).file(), "v", "pts_time"), 0);

    assertThat(pts).hasSize(FRAMES).isSorted().doesNotHaveDuplicates();
    assertThat(pts.getLast() - pts.getFirst())
        .isCloseTo((FRAMES - 1) / (double) FPS, within(0.002));
  }

  @ParameterizedTest
  @ValueSource(strings = {"flv", "mp4"})
  void audioTrack_endsWithTheVideoWithinOneAacFrame(String container) {
    Path file = OUTPUTS.get(container).file();

    double videoEnd = column(FfmpegCli.packets(file, "v", "pts_time"), 0).getLast() + 1.0 / FPS;
    double audioEnd =
        column(FfmpegCli.packets(file, "a", "pts_time"), 0).getLast() + AAC_FRAME_SECONDS;

    assertThat(audioEnd).isCloseTo(videoEnd, within(AAC_FRAME_SECONDS + 0.002));
  }

  @ParameterizedTest
  @ValueSource(strings = {"flv", "mp4"})
  void videoBitrate_isTheConfiguredConstantRate(String container) {
    List<Double> sizes = column(FfmpegCli.packets(OUTPUTS.get(container).file(), "v", "size"), 0);

    double kbps =
        sizes.stream().mapToDouble(Double::doubleValue).sum() * 8 / 1000 / (FRAMES / (double) FPS);

    assertThat(kbps).isCloseTo(VIDEO_KBPS, within(VIDEO_KBPS * 0.1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"flv", "mp4"})
  void counters_reportEveryFrameAndTheFinalFileSize(String container) throws IOException {
    Encoded out = OUTPUTS.get(container);

    assertThat(out.framesWritten()).isEqualTo(FRAMES);
    assertThat(out.bytesWritten()).isEqualTo(Files.size(out.file()));
  }

  @Test
  void keyframes_comeExactlyEveryIntervalAndNotAtSceneChanges() {
    EncoderSettings settings =
        new EncoderSettings(
            320, 180, FPS, VIDEO_KBPS, null, null, 15, false, null, 0, path("gop.ts"));
    byte[] redBlue = TestFrames.split(320, 180, TestFrames.RED, TestFrames.BLUE);
    byte[] blueRed = TestFrames.split(320, 180, TestFrames.BLUE, TestFrames.RED);
    try (LiveEncoder encoder = LiveEncoder.open(settings)) {
      for (int i = 0; i < FRAMES; i++) {
        encoder.writeVideoFrame(i, (i / 10) % 2 == 0 ? redBlue : blueRed);
      }
    }

    List<Long> keyframes = keyframes(Path.of(settings.outputUrl()));

    assertThat(keyframes).containsExactly(0L, 15L, 30L, 45L);
  }

  @Test
  void keyframes_stayOnTheGridOfFrameNumbers_whenFrameSlotsWereNeverEncoded() {
    EncoderSettings settings =
        new EncoderSettings(
            320, 180, FPS, VIDEO_KBPS, null, null, 15, false, null, 0, path("grid.ts"));
    byte[] frame = TestFrames.split(320, 180, TestFrames.RED, TestFrames.BLUE);
    List<Long> written = new java.util.ArrayList<>();
    try (LiveEncoder encoder = LiveEncoder.open(settings)) {
      for (long i = 0; i < FRAMES; i++) {
        // Slots 7 and 8 (before the grid point 15), and 29 and 30 (the grid point itself) missing.
        if (i != 7 && i != 8 && i != 29 && i != 30) {
          encoder.writeVideoFrame(i, frame);
          written.add(i);
        }
      }
    }

    List<Long> keyframes = keyframes(Path.of(settings.outputUrl()));

    // By a count of encoded frames they would fall at 0, 17 and 34; by frame number they stay on 0,
    // 15 and 45, and where the grid's own frame is missing the next frame (31) is the keyframe.
    assertThat(keyframes).containsExactly(0L, 15L, 31L, 45L);
  }

  @Test
  void writeVideoFrame_withAGap_leavesTheGapInVideoAndKeepsAudioRunning() {
    EncoderSettings settings = EncoderSettings.of(320, 180, FPS, VIDEO_KBPS, path("gap.flv"));
    byte[] frame = TestFrames.split(320, 180, TestFrames.RED, TestFrames.BLUE);
    try (LiveEncoder encoder = LiveEncoder.open(settings)) {
      for (int i = 0; i < FRAMES; i++) {
        if (i < 20 || i >= 35) {
          encoder.writeVideoFrame(i, frame);
        }
      }
    }

    Path file = Path.of(settings.outputUrl());
    List<Double> videoPts = column(FfmpegCli.packets(file, "v", "pts_time"), 0);
    double audioEnd =
        column(FfmpegCli.packets(file, "a", "pts_time"), 0).getLast() + AAC_FRAME_SECONDS;

    assertThat(videoPts).hasSize(FRAMES - 15).isSorted();
    assertThat(videoPts.get(20) - videoPts.get(19)).isCloseTo(16.0 / FPS, within(0.002));
    assertThat(audioEnd)
        .isCloseTo(videoPts.getLast() + 1.0 / FPS, within(AAC_FRAME_SECONDS + 0.002));
  }

  /** The frame numbers of the keyframes in a file, counted from its first frame. */
  private static List<Long> keyframes(Path file) {
    List<String[]> packets = FfmpegCli.packets(file, "v", "pts_time,flags");
    double firstPts = Double.parseDouble(packets.getFirst()[0]);
    return packets.stream()
        .filter(p -> p[1].contains("K"))
        .map(p -> Math.round((Double.parseDouble(p[0]) - firstPts) * FPS))
        .toList();
  }

  private static Encoded encodeRedBlue(EncoderSettings settings) {
    byte[] frame =
        TestFrames.split(settings.width(), settings.height(), TestFrames.RED, TestFrames.BLUE);
    LiveEncoder encoder = LiveEncoder.open(settings);
    try (encoder) {
      for (int i = 0; i < FRAMES; i++) {
        encoder.writeVideoFrame(i, frame);
      }
    }
    return new Encoded(
        settings, Path.of(settings.outputUrl()), encoder.framesWritten(), encoder.bytesWritten());
  }

  private static void assertColour(byte[] rgb, int width, int x, int y, int[] expected) {
    int at = (y * width + x) * 3;
    int[] actual = {rgb[at] & 0xff, rgb[at + 1] & 0xff, rgb[at + 2] & 0xff};
    for (int channel = 0; channel < 3; channel++) {
      assertThat(actual[channel])
          .as("channel %d of pixel (%d,%d): %s", channel, x, y, java.util.Arrays.toString(actual))
          .isCloseTo(expected[channel], within(COLOUR_TOLERANCE));
    }
  }

  private static List<Double> column(List<String[]> rows, int index) {
    return rows.stream().map(r -> Double.parseDouble(r[index])).toList();
  }

  private static String path(String name) {
    return dir.resolve(name).toString();
  }
}
