package io.streammanager.encoder.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.encoder.media.FfmpegCli.Probe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given one broadcast of 4 s of 30 fps frames to an FLV file, an MP4 file, an HLS playlist, an RTMP
 * ingest that refuses connections and a URL that names no output, when it is closed, then every
 * working output holds the whole stream from the same single encode, and the broken ones are
 * reported without holding anything up.
 */
class BroadcastTest {
  private static final int FPS = 30;
  private static final int FRAMES = 4 * FPS;
  private static final String REFUSED = "rtmp://127.0.0.1:1/live/secret-key";

  @TempDir static Path dir;

  private static List<OutputStatus> whileRunning;
  private static List<OutputStatus> afterClose;

  @BeforeAll
  static void broadcastToFiveOutputs() {
    EncoderSettings settings = EncoderSettings.of(320, 180, FPS, 800, null);
    OutputPolicy fastRetries =
        new OutputPolicy(
            30,
            Duration.ofSeconds(2),
            new Backoff(
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                0,
                RandomGenerator.of("L64X128MixRandom")));
    List<Broadcast.Output> outputs =
        Stream.of(
                path("show.flv"),
                path("show.mp4"),
                path("hls/index.m3u8"),
                REFUSED,
                "http://example.com/not-an-output")
            .map(u -> new Broadcast.Output(u, null))
            .toList();
    byte[] redBlue = TestFrames.split(320, 180, TestFrames.RED, TestFrames.BLUE);
    byte[] blueRed = TestFrames.split(320, 180, TestFrames.BLUE, TestFrames.RED);
    Broadcast broadcast =
        Broadcast.open(settings, SilenceSource.INSTANCE, outputs, fastRetries, "test-output");
    try (broadcast) {
      for (int i = 0; i < FRAMES; i++) {
        broadcast.writeVideoFrame(i, (i / 10) % 2 == 0 ? redBlue : blueRed);
      }
      Await.until(
          Duration.ofSeconds(20),
          () -> "the refused RTMP output to retry: " + broadcast.outputs(),
          () -> broadcast.outputs().get(3).reconnects() >= 1);
      whileRunning = broadcast.outputs();
    }
    afterClose = broadcast.outputs();
  }

  @Test
  void files_holdEveryFrameOfTheSameEncode() {
    List<String> flvSizes = column(FfmpegCli.packets(dir.resolve("show.flv"), "v", "size"));
    List<String> mp4Sizes = column(FfmpegCli.packets(dir.resolve("show.mp4"), "v", "size"));

    assertThat(flvSizes).hasSize(FRAMES).isEqualTo(mp4Sizes);
  }

  @Test
  void everyWorkingOutput_isMainProfileH264WithKeyframesEvery2sAndAac() {
    for (Path file :
        List.of(dir.resolve("show.flv"), dir.resolve("show.mp4"), dir.resolve("hls/index.m3u8"))) {
      Probe probe = FfmpegCli.probe(file);
      assertThat(probe.stream("video", "profile")).as(file.toString()).isEqualTo("Main");
      assertThat(probe.stream("video", "nb_read_frames"))
          .as(file.toString())
          .isEqualTo(String.valueOf(FRAMES));
      assertThat(probe.stream("audio", "codec_name")).as(file.toString()).isEqualTo("aac");
      assertThat(probe.stream("audio", "sample_rate")).as(file.toString()).isEqualTo("48000");
      assertThat(keyframeTimes(file)).as(file.toString()).containsExactly(0.0, 2.0);
    }
  }

  @Test
  void hls_isASlidingPlaylistOf2sSegments() throws IOException {
    String playlist = Files.readString(dir.resolve("hls/index.m3u8"));

    assertThat(playlist)
        .contains("#EXT-X-TARGETDURATION:2", "#EXT-X-INDEPENDENT-SEGMENTS", "#EXT-X-ENDLIST");
    // FFmpeg's hls muxer measures the first segment from its first packet to the next keyframe: one
    // frame short.
    assertThat(
            playlist
                .lines()
                .filter(l -> l.startsWith("#EXTINF:"))
                .map(l -> Double.parseDouble(l.substring("#EXTINF:".length(), l.length() - 1)))
                .toList())
        .hasSize(2)
        .allSatisfy(d -> assertThat(d).isBetween(2.0 - 1.0 / FPS - 0.001, 2.0));
    assertThat(playlist.lines().filter(l -> l.endsWith(".ts")).toList())
        .containsExactly("index0.ts", "index1.ts");
    for (String segment : List.of("index0.ts", "index1.ts")) {
      List<String[]> packets = FfmpegCli.packets(dir.resolve("hls").resolve(segment), "v", "flags");
      assertThat(packets).as(segment).hasSize(2 * FPS);
      assertThat(packets.getFirst()[0]).as(segment + " starts with a keyframe").contains("K");
    }
  }

  @Test
  void refusedRtmp_reconnectsWithItsErrorAndKeyHidden_whileTheOthersAreLive() {
    assertThat(whileRunning.subList(0, 3))
        .extracting(OutputStatus::state)
        .containsOnly(OutputState.LIVE);
    OutputStatus rtmp = whileRunning.get(3);
    assertThat(rtmp.state()).isEqualTo(OutputState.RECONNECTING);
    assertThat(rtmp.url()).isEqualTo("rtmp://127.0.0.1:1/live/***");
    assertThat(rtmp.error())
        .startsWith("cannot open output rtmp://127.0.0.1:1/live/***: ")
        .doesNotContain("secret");
    assertThat(rtmp.bytesWritten()).isZero();
  }

  @Test
  void unknownOutput_isFailedNamingWhatIsAllowed() {
    OutputStatus bad = whileRunning.get(4);

    assertThat(bad.state()).isEqualTo(OutputState.FAILED);
    assertThat(bad.error())
        .isEqualTo("output http://example.com/*** is not " + OutputTarget.ALLOWED);
  }

  @Test
  void afterClose_filesAreStoppedWithTheirSizes() throws IOException {
    assertThat(afterClose.subList(0, 3))
        .extracting(OutputStatus::state)
        .containsOnly(OutputState.STOPPED);
    assertThat(afterClose.get(0).bytesWritten()).isEqualTo(Files.size(dir.resolve("show.flv")));
    assertThat(afterClose.get(1).bytesWritten()).isEqualTo(Files.size(dir.resolve("show.mp4")));
    assertThat(afterClose.get(0).packetsDropped()).isZero();
    assertThat(afterClose.get(3).state()).isEqualTo(OutputState.STOPPED);
    assertThat(afterClose.get(4).state()).isEqualTo(OutputState.FAILED);
  }

  private static List<Double> keyframeTimes(Path file) {
    List<String[]> packets = FfmpegCli.packets(file, "v", "pts_time,flags");
    double first = Double.parseDouble(packets.getFirst()[0]);
    return packets.stream()
        .filter(p -> p[1].contains("K"))
        .map(p -> Math.round((Double.parseDouble(p[0]) - first) * 1000) / 1000.0)
        .toList();
  }

  private static List<String> column(List<String[]> rows) {
    return rows.stream().map(r -> r[0]).toList();
  }

  private static String path(String name) {
    return dir.resolve(name).toString();
  }
}
