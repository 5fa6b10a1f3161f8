package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Render workers scale by adding processes: three workers share one live stream's ticks; one leaves
 * and another joins while it is live. Every frame number is rendered and reaches the encoder, which
 * writes each exactly once, in order.
 */
class RenderScalingIT {
  static SystemUnderTest system;

  @BeforeAll
  static void startSystem() throws Exception {
    system = new SystemUnderTest("scaling", Map.of("STREAM_RESOLUTION", "320x180"));
  }

  @AfterAll
  static void stopSystem() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  private static JsonNode status() {
    return system.getJson("/api/streams/scale/status");
  }

  private static double rendered(String instance) {
    try {
      return system.metric(instance, "sm_frames_rendered_total");
    } catch (Exception e) {
      return 0;
    }
  }

  private static String skippedByWorker() {
    StringBuilder b = new StringBuilder();
    for (String w : List.of("render-worker", "render-worker-3", "render-worker-4")) {
      try {
        b.append(w).append('=').append(system.metric(w, "sm_frames_skipped_total")).append(' ');
      } catch (Exception e) {
        b.append(w).append("=? ");
      }
    }
    return b.toString().trim();
  }

  @Test
  void threeWorkers_oneLeavesAndOneJoinsWhileLive_everyFrameArrivesAndIsWrittenOnceInOrder()
      throws Exception {
    // Given a stream whose every frame differs (a clock with milliseconds) and three render workers
    assertThat(
            system
                .post(
                    "/api/streams?wait=true",
                    "{\"id\":\"scale\",\"resolution\":\"320x180\",\"fps\":30,"
                        + "\"outputs\":[{\"url\":\"scale-{run}.flv\"}]}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            system
                .post(
                    "/api/streams/scale/layers?wait=true",
                    "{\"id\":\"bg\",\"type\":\"color\"," + "\"color\":\"#203040\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            system
                .post(
                    "/api/streams/scale/layers?wait=true",
                    "{\"id\":\"clock\",\"type\":\"clock\",\"x\":10,"
                        + "\"y\":60,\"format\":\"HH:mm:ss.SSS\",\"size\":28,\"color\":\"#FFFFFF\"}")
                .statusCode())
        .isEqualTo(200);
    ServiceProcess second = system.addInstance("render-worker", "render-worker-2");
    system.addInstance("render-worker", "render-worker-3");
    assertThat(
            system
                .post("/api/streams/scale/control?wait=true", "{\"action\":\"start\"}")
                .statusCode())
        .isEqualTo(200);
    Await.until(
        Duration.ofSeconds(60),
        () -> "all three workers rendering",
        () ->
            rendered("render-worker") > 0
                && rendered("render-worker-2") > 0
                && rendered("render-worker-3") > 0);

    // When one worker leaves and another joins while the stream is live
    second.close();
    system.addInstance("render-worker", "render-worker-4");
    Await.until(
        Duration.ofSeconds(60),
        () -> "the new worker rendering",
        () -> rendered("render-worker-4") > 0);
    long afterJoin = status().path("framesEncoded").asLong();
    Await.until(
        Duration.ofSeconds(60),
        () -> "60 more frames encoded, status " + status(),
        () -> status().path("framesEncoded").asLong() >= afterJoin + 60);
    assertThat(
            system
                .post("/api/streams/scale/control?wait=true", "{\"action\":\"stop\"}")
                .statusCode())
        .isEqualTo(200);
    Await.until(
        Duration.ofSeconds(30),
        () -> "stopped, status " + status(),
        () -> status().path("state").asText().equals("stopped"));
    JsonNode done = status();
    long frames = done.path("framesEncoded").asLong();

    // Then every frame number of the run was rendered and reached the frames topic
    Set<Long> all = LongStream.range(0, frames).boxed().collect(Collectors.toSet());
    Map<Long, byte[]> rendered =
        FramesTap.frames(system.kafka.bootstrapServers(), "scale", all, Duration.ofSeconds(60));
    List<Long> missing = all.stream().filter(f -> !rendered.containsKey(f)).sorted().toList();
    assertThat(missing)
        .as(
            "frame numbers of %d missing from sm.frames; ticks skipped as stale by the workers: %s",
            frames, skippedByWorker())
        .isEmpty();

    // And the encoder wrote each frame number exactly once, in order: the recording has them all,
    // DTS increasing
    Path recording =
        system.recordings("scale").resolve("scale-" + done.path("runId").asText() + ".flv");
    Await.until(
        Duration.ofSeconds(20),
        () -> "recording " + recording,
        () -> Files.isRegularFile(recording));
    JsonNode video = null;
    for (JsonNode s : MediaJudge.probe(recording).get("streams")) {
      if (s.get("codec_type").asText().equals("video")) {
        video = s;
      }
    }
    assertThat(video).as("a video stream in " + recording).isNotNull();
    assertThat(video.get("nb_read_frames").asLong())
        .as("frames in the recording")
        .isEqualTo(frames);
    List<Long> dts = MediaJudge.videoPacketDts(recording);
    for (int i = 1; i < dts.size(); i++) {
      assertThat(dts.get(i)).as("video dts at packet %d", i).isGreaterThan(dts.get(i - 1));
    }
  }
}
