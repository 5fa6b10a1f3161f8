package io.streammanager.encoder.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.encoder.media.FfmpegCli.Probe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One live encode at 30 fps fanned out to a real nginx-rtmp ingest and to files, judged by Debian's
 * ffprobe: what every output holds, and what happens when the ingest goes away and comes back.
 */
class BroadcastIT {
  private static final int FPS = 30;
  private static final int WIDTH = 320;
  private static final int HEIGHT = 180;
  private static final int KBPS = 800;
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path dir;

  /**
   * Given nginx-rtmp, an MP4 file and an HLS playlist as the outputs of one stream, when 8 s are
   * encoded live, then each holds H.264 Main with a keyframe exactly every 2 s, strictly increasing
   * DTS and a 48 kHz stereo AAC track, and the two files hold every frame.
   */
  @Test
  void threeOutputs_eachHoldTheWholeStreamAsIngestServersWantIt() throws Exception {
    try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("nginx"))) {
      List<String> urls =
          List.of(
              nginx.url("three"),
              dir.resolve("rec/three.mp4").toString(),
              dir.resolve("hls/three.m3u8").toString());
      Broadcast broadcast = open(urls);
      try (LiveSource source = new LiveSource(broadcast, WIDTH, HEIGHT, FPS)) {
        Await.until(
            PATIENCE,
            () -> "8 s of frames, outputs " + broadcast.outputs(),
            () -> source.frames() >= 8 * FPS);
      }
      long frames = broadcast.framesWritten();
      assertThat(broadcast.outputs())
          .extracting(OutputStatus::state)
          .containsOnly(OutputState.STOPPED);
      assertThat(broadcast.outputs()).extracting(OutputStatus::reconnects).containsOnly(0L);
      assertThat(broadcast.outputs()).extracting(OutputStatus::packetsDropped).containsOnly(0L);

      List<Path> received = nginx.recordings("three");
      assertThat(received).hasSize(1);
      for (Path file :
          List.of(
              received.getFirst(), dir.resolve("rec/three.mp4"), dir.resolve("hls/three.m3u8"))) {
        assertBroadcastGrade(file, frames);
      }
    }
  }

  /**
   * Given nginx-rtmp, an FLV recording and an HLS playlist as the outputs, when nginx stops for 10
   * s and starts again, then the RTMP output reconnects on its own and publishes again from a
   * keyframe, while the recording and the HLS stream have every frame without a gap.
   */
  @Test
  void ingestGoesAwayAndComesBack_rtmpResumesAtAKeyframe_recordingAndHlsHaveNoGap()
      throws Exception {
    try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("nginx"))) {
      Path recording = dir.resolve("rec/again.flv");
      Path hls = dir.resolve("hls/again.m3u8");
      Broadcast broadcast = open(List.of(nginx.url("again"), recording.toString(), hls.toString()));
      long framesBeforeOutage;
      long framesAfterOutage;
      try (LiveSource source = new LiveSource(broadcast, WIDTH, HEIGHT, FPS)) {
        Await.until(
            PATIENCE,
            () -> "3 s live on rtmp, outputs " + broadcast.outputs(),
            () -> source.frames() >= 3 * FPS && firstOutput(broadcast).state() == OutputState.LIVE);
        nginx.stop();
        Await.until(
            PATIENCE,
            () -> "rtmp reconnecting, outputs " + broadcast.outputs(),
            () -> firstOutput(broadcast).state() == OutputState.RECONNECTING);
        framesBeforeOutage = source.frames();
        Await.until(
            PATIENCE,
            () -> "10 s of frames while nginx is down",
            () -> source.frames() >= framesBeforeOutage + 10 * FPS);
        nginx.startAgain();
        Await.until(
            PATIENCE,
            () -> "rtmp live again, outputs " + broadcast.outputs(),
            () -> firstOutput(broadcast).state() == OutputState.LIVE);
        framesAfterOutage = source.frames();
        Await.until(
            PATIENCE, () -> "4 s more", () -> source.frames() >= framesAfterOutage + 4 * FPS);
      }
      long frames = broadcast.framesWritten();
      OutputStatus rtmp = firstOutput(broadcast);
      assertThat(rtmp.reconnects()).isEqualTo(1);
      assertThat(rtmp.state()).isEqualTo(OutputState.STOPPED);
      assertThat(broadcast.outputs().subList(1, 3))
          .extracting(OutputStatus::reconnects)
          .containsOnly(0L);
      assertThat(broadcast.outputs().subList(1, 3))
          .extracting(OutputStatus::packetsDropped)
          .containsOnly(0L);

      // The recording: every frame, 1/30 s apart, no gap while the ingest was away.
      assertNoGap(recording, frames);
      assertBroadcastGrade(recording, frames);
      // HLS: its sliding playlist (6 segments of 2 s) holds the newest frames, all of them, without
      // a gap.
      double firstSegment = seconds(FfmpegCli.packets(hls, "v", "pts_time")).getFirst();
      long mediaSequence = Math.round(firstSegment / 2);
      assertThat(java.nio.file.Files.readString(hls))
          .contains("#EXT-X-MEDIA-SEQUENCE:" + mediaSequence);
      assertThat(firstSegment).isEqualTo(mediaSequence * 2.0);
      long window = frames - mediaSequence * 2 * FPS;
      assertThat(window).as("frames in the playlist").isBetween(5L * 2 * FPS, 6L * 2 * FPS);
      assertNoGap(hls, window);
      assertBroadcastGrade(hls, window);

      // The ingest: a first publish up to the outage and a second one, from a keyframe, after it.
      List<Path> received = nginx.recordings("again");
      assertThat(received).hasSize(2);
      List<String[]> second = FfmpegCli.packets(received.get(1), "v", "pts_time,flags");
      assertThat(second.getFirst()[1])
          .as("the second publish starts with a keyframe")
          .contains("K");
      assertThat(second.size())
          .as("frames after the reconnect")
          .isBetween(2 * FPS, (int) (frames - framesAfterOutage + 2 * FPS));
      assertBroadcastGrade(received.get(1), second.size());
    }
  }

  /**
   * Given an RTMP ingest that accepts the TCP connection but never answers (a black hole) and an
   * FLV recording, when 5 s are encoded live, then the black hole's connect is cut at the I/O
   * timeout and its full queue drops packets for it alone, while the recording gets every frame.
   */
  @Test
  void deadIngest_isCutAtTheIoTimeoutAndNeverHoldsUpTheRecording() throws Exception {
    try (java.net.ServerSocket blackHole =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Path recording = dir.resolve("rec/steady.flv");
      OutputPolicy policy =
          new OutputPolicy(
              1,
              Duration.ofSeconds(2),
              new Backoff(
                  Duration.ofMillis(250),
                  Duration.ofSeconds(1),
                  0,
                  RandomGenerator.of("L64X128MixRandom")));
      Broadcast broadcast =
          Broadcast.open(
              EncoderSettings.of(WIDTH, HEIGHT, FPS, KBPS, null),
              SilenceSource.INSTANCE,
              List.of(
                  new Broadcast.Output(
                      "rtmp://127.0.0.1:" + blackHole.getLocalPort() + "/live/void", null),
                  new Broadcast.Output(recording.toString(), null)),
              policy,
              "it-output");
      try (LiveSource source = new LiveSource(broadcast, WIDTH, HEIGHT, FPS)) {
        Await.until(
            PATIENCE,
            () -> "the black hole cut and 5 s of frames, outputs " + broadcast.outputs(),
            () -> source.frames() >= 5 * FPS && firstOutput(broadcast).reconnects() >= 1);
      }
      long frames = broadcast.framesWritten();
      OutputStatus dead = firstOutput(broadcast);
      assertThat(dead.bytesWritten()).isZero();
      assertThat(dead.packetsDropped()).as("packets dropped for the black hole").isPositive();
      assertThat(dead.error())
          .isEqualTo(
              "cannot open output rtmp://127.0.0.1:"
                  + blackHole.getLocalPort()
                  + "/live/***: no progress within the I/O timeout of 2000 ms");
      OutputStatus file = broadcast.outputs().get(1);
      assertThat(file.packetsDropped()).isZero();
      assertThat(file.reconnects()).isZero();
      assertNoGap(recording, frames);
      assertBroadcastGrade(recording, frames);
    }
  }

  /**
   * Given Debian's ffmpeg listening for SRT and recording what arrives, when 5 s are encoded live
   * to it, then it received MPEG-TS it can decode from its first keyframe: H.264 Main with the
   * codec headers in band, keyframes every 2 s, no gap, AAC.
   */
  @Test
  void srtOutput_deliversMpegTsThatAListenerDecodes() throws Exception {
    int port;
    try (java.net.DatagramSocket probe =
        new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path received = dir.resolve("srt-received.ts");
    Process listener =
        new ProcessBuilder(
                "ffmpeg",
                "-hide_banner",
                "-v",
                "error",
                "-i",
                "srt://127.0.0.1:" + port + "?mode=listener",
                "-c",
                "copy",
                "-f",
                "mpegts",
                received.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("srt-listener.log").toFile())
            .start();
    try {
      Broadcast broadcast = open(List.of("srt://127.0.0.1:" + port + "?mode=caller"));
      try (LiveSource source = new LiveSource(broadcast, WIDTH, HEIGHT, FPS)) {
        Await.until(
            PATIENCE,
            () -> "5 s of frames with srt live, outputs " + broadcast.outputs(),
            () -> source.frames() >= 5 * FPS && firstOutput(broadcast).state() == OutputState.LIVE);
      }
      assertThat(listener.waitFor(20, java.util.concurrent.TimeUnit.SECONDS))
          .as("the listener ends with the stream")
          .isTrue();
      long frames = broadcast.framesWritten();
      List<Double> pts = seconds(FfmpegCli.packets(received, "v", "pts_time"));
      // It may have joined a keyframe late (if our first connect came before it listened): 2 s at
      // most.
      assertThat((long) pts.size()).as("frames received").isBetween(frames - 2 * FPS, frames);
      assertNoGap(received, pts.size());
      assertBroadcastGrade(received, pts.size());
    } finally {
      listener.destroy();
    }
  }

  private static void assertNoGap(Path file, long frames) {
    List<Double> pts = seconds(FfmpegCli.packets(file, "v", "pts_time"));
    assertThat(pts).as(file.getFileName() + ": frames").hasSize((int) frames);
    for (int i = 1; i < pts.size(); i++) {
      assertThat(pts.get(i) - pts.get(i - 1))
          .as("%s: frame %d follows frame %d", file.getFileName(), i, i - 1)
          .isCloseTo(1.0 / FPS, org.assertj.core.data.Offset.offset(0.0015));
    }
  }

  private static OutputStatus firstOutput(Broadcast b) {
    return b.outputs().getFirst();
  }

  private static Broadcast open(List<String> urls) {
    OutputPolicy policy =
        new OutputPolicy(
            4,
            Duration.ofSeconds(5),
            new Backoff(
                Duration.ofMillis(250),
                Duration.ofSeconds(2),
                0.2,
                RandomGenerator.of("L64X128MixRandom")));
    List<Broadcast.Output> outputs = new ArrayList<>();
    urls.forEach(u -> outputs.add(new Broadcast.Output(u, null)));
    return Broadcast.open(
        EncoderSettings.of(WIDTH, HEIGHT, FPS, KBPS, null),
        SilenceSource.INSTANCE,
        outputs,
        policy,
        "it-output");
  }

  /**
   * H.264 Main, {@code frames} frames, a keyframe exactly every 2 s, the video bit rate within 10 %
   * of the target over every whole 2 s window, strictly increasing DTS, 48 kHz stereo AAC.
   */
  private static void assertBroadcastGrade(Path file, long frames) {
    String name = file.getFileName().toString();
    Probe probe = FfmpegCli.probe(file);
    assertThat(probe.stream("video", "codec_name")).as(name).isEqualTo("h264");
    assertThat(probe.stream("video", "profile")).as(name).isEqualTo("Main");
    assertThat(probe.stream("video", "nb_read_frames")).as(name).isEqualTo(String.valueOf(frames));
    assertThat(probe.stream("audio", "codec_name")).as(name).isEqualTo("aac");
    assertThat(probe.stream("audio", "sample_rate")).as(name).isEqualTo("48000");
    assertThat(probe.stream("audio", "channels")).as(name).isEqualTo("2");

    // ffprobe prints the entries in its own order: pts_time, dts_time, size, flags
    List<String[]> video = FfmpegCli.packets(file, "v", "pts_time,dts_time,size,flags");
    double first = Double.parseDouble(video.getFirst()[0]);
    List<Long> keyframes = new ArrayList<>();
    List<Long> expected = new ArrayList<>();
    for (String[] p : video) {
      if (p[3].contains("K")) {
        keyframes.add(Math.round((Double.parseDouble(p[0]) - first) * FPS));
      }
    }
    for (long k = 0; k < video.size(); k += 2 * FPS) {
      expected.add(k);
    }
    assertThat(keyframes).as(name + ": keyframe frame numbers").isEqualTo(expected);
    for (int window = 0; window + 2 * FPS <= video.size(); window += 2 * FPS) {
      long bytes =
          video.subList(window, window + 2 * FPS).stream()
              .mapToLong(p -> Long.parseLong(p[2]))
              .sum();
      assertThat(bytes * 8 / 2.0 / 1000)
          .as(name + ": kbps from frame " + window)
          .isCloseTo(KBPS, org.assertj.core.data.Offset.offset(KBPS * 0.1));
    }
    assertThat(seconds(video.stream().map(p -> new String[] {p[1]}).toList()))
        .as(name + ": video DTS")
        .isSorted()
        .doesNotHaveDuplicates();
    assertThat(seconds(FfmpegCli.packets(file, "a", "dts_time")))
        .as(name + ": audio DTS")
        .isSorted()
        .doesNotHaveDuplicates();
  }

  private static List<Double> seconds(List<String[]> rows) {
    return rows.stream().map(r -> Double.parseDouble(r[0])).toList();
  }
}
