package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly one encoder airs a stream; a standby takes over when it dies. Two encoder processes share
 * the frames topic's group; the one airing the stream is killed with {@code kill -9}. The standby
 * continues the run at the live frame number: its recording goes next to the dead one's, named for
 * the frame it starts at ({@code -from<frame>}), and the gap, counted in frames of the stream's
 * clock, is under 5 s. The recording is Matroska, which stays readable after a kill (an MP4 needs
 * the index its encoder writes on close).
 */
class FailoverIT {
  private static final int FPS = 30;

  /** 5 s of the stream's clock. */
  private static final int MAX_GAP_FRAMES = 5 * FPS;

  static SystemUnderTest system;

  @BeforeAll
  static void startSystem() throws Exception {
    system = new SystemUnderTest("failover", Map.of("STREAM_RESOLUTION", "320x180"));
    system.addInstance("encoder-worker", "encoder-worker-2");
  }

  @AfterAll
  static void stopSystem() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  private static JsonNode status() {
    return system.getJson("/api/streams/fo/status");
  }

  private static double encoded(String instance) {
    try {
      return system.metric(instance, "sm_encoder_frames_encoded_total");
    } catch (Exception e) {
      return 0;
    }
  }

  @Test
  void activeEncoderKilled_standbyContinuesAtTheLiveFrameWithin5Seconds() throws Exception {
    // Given a live stream recorded to a file (Matroska: see the class comment) and sent to
    // nginx-rtmp, aired by one of two encoders
    assertThat(
            system
                .post(
                    "/api/streams?wait=true",
                    "{\"id\":\"fo\",\"resolution\":\"320x180\",\"fps\":"
                        + FPS
                        + ",\"outputs\":[{\"url\":\"rec/fo-{run}.mkv\"},"
                        + "{\"url\":\"rtmp://127.0.0.1:"
                        + system.nginx.port()
                        + "/live/fo\"}]}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            system
                .post(
                    "/api/streams/fo/layers?wait=true",
                    "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"#203040\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            system
                .post(
                    "/api/streams/fo/layers?wait=true",
                    "{\"id\":\"clock\",\"type\":\"clock\",\"x\":10,"
                        + "\"y\":60,\"format\":\"HH:mm:ss.SSS\",\"size\":28,\"color\":\"#FFFFFF\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            system.post("/api/streams/fo/control?wait=true", "{\"action\":\"start\"}").statusCode())
        .isEqualTo(200);
    Await.until(
        Duration.ofSeconds(60),
        () -> "60 frames aired, status " + status(),
        () -> encoded("encoder-worker") + encoded("encoder-worker-2") >= 60);
    String active = encoded("encoder-worker") > 0 ? "encoder-worker" : "encoder-worker-2";
    String standby = active.equals("encoder-worker") ? "encoder-worker-2" : "encoder-worker";
    ServiceProcess activeProcess = system.process(active);

    // When the active encoder dies without a word
    long liveFrameAtKill = status().path("currentFrame").asLong();
    activeProcess.killNow();

    // Then the standby airs the stream
    Await.until(
        Duration.ofSeconds(60),
        () -> "the standby airing 60 frames, status " + status(),
        () -> encoded(standby) >= 60);
    assertThat(
            system.post("/api/streams/fo/control?wait=true", "{\"action\":\"stop\"}").statusCode())
        .isEqualTo(200);
    Await.until(
        Duration.ofSeconds(30),
        () -> "stopped, status " + status(),
        () -> status().path("state").asText().equals("stopped"));
    String runId = status().path("runId").asText();

    // And the dead encoder's recording ends where the standby's continuation begins: later, under 5
    // s later, and at or after the frame that was live when the owner died; the continuation starts
    // with a keyframe, timestamps rising
    Path dir = system.recordings("fo").resolve("rec");
    Path first = dir.resolve("fo-" + runId + ".mkv");
    Path continuation;
    try (Stream<Path> files = Files.list(dir)) {
      continuation =
          files
              .filter(p -> p.getFileName().toString().startsWith("fo-" + runId + "-from"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no continuation recording in " + dir));
    }
    List<MediaJudge.Packet> before = MediaJudge.videoPackets(first);
    List<MediaJudge.Packet> after = MediaJudge.videoPackets(continuation);
    String name = continuation.getFileName().toString();
    assertThat(name).matches("fo-" + runId + "-from[0-9]+\\.mkv");
    long firstAiredByStandby =
        Long.parseLong(name.substring(name.indexOf("-from") + 5, name.length() - 4));
    System.out.printf(
        "failover: live frame at the kill %d, standby's first frame %d (%.2f s of stream time later)%n",
        liveFrameAtKill,
        firstAiredByStandby,
        (firstAiredByStandby - liveFrameAtKill) / (double) FPS);
    assertThat(before).as("frames the dead encoder left readable in " + first).isNotEmpty();
    assertThat(firstAiredByStandby)
        .as("no frame from the past: the dead encoder aired %d frames", before.size())
        .isGreaterThanOrEqualTo(before.size())
        .isGreaterThanOrEqualTo(liveFrameAtKill);
    assertThat(firstAiredByStandby - liveFrameAtKill)
        .as("frames between the kill and the standby's first frame")
        .isLessThanOrEqualTo(MAX_GAP_FRAMES);
    assertThat(after.size()).as("frames the standby aired").isGreaterThanOrEqualTo(60);
    assertThat(after.getFirst().key()).as("the continuation starts with a keyframe").isTrue();
    for (int i = 1; i < after.size(); i++) {
      assertThat(after.get(i).pts())
          .as("pts at packet %d", i)
          .isGreaterThan(after.get(i - 1).pts());
    }

    // And nginx-rtmp received the standby's publish of the same stream
    Path received = system.nginx.recording("fo");
    assertThat(MediaJudge.videoPackets(received))
        .as("frames nginx recorded of the standby's publish")
        .hasSizeGreaterThanOrEqualTo(60);
  }
}
