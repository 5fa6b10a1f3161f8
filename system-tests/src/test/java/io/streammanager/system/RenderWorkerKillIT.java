package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A render worker killed with {@code kill -9} costs the output at most a second of repeated frames,
 * although its group session keeps its tick partitions unserved for 10 s: the encoder asks the live
 * worker for each frame that does not come ({@code sm.redraws}), with the tick it keeps of it. The
 * recording stays whole and in order. Then the one worker left stalls ({@code kill -STOP}) for
 * longer than the encoder waits for a run's frames (10 s): when it comes back, the stream is aired
 * again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RenderWorkerKillIT {
  private static final int FPS = 30;

  /** The target: 1 s at 30 fps. */
  private static final int MAX_REPEATED = FPS;

  /**
   * Watched after the kill: past the 10 s session, the rebalance and the takeover of partitions.
   */
  private static final int WATCHED_FRAMES = 16 * FPS;

  static SystemUnderTest system;

  @BeforeAll
  static void startSystem() throws Exception {
    system = new SystemUnderTest("render-kill", Map.of("STREAM_RESOLUTION", "320x180"));
    system.addInstance("render-worker", "render-worker-2");
  }

  @AfterAll
  static void stopSystem() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  private static JsonNode status() {
    return system.getJson("/api/streams/rk/status");
  }

  private static double metric(String instance, String name) {
    try {
      return system.metric(instance, name);
    } catch (Exception e) {
      return 0;
    }
  }

  @Test
  @Order(1)
  void oneOfTwoRenderWorkersKilled_atMostASecondOfRepeatedFrames_recordingWholeAndInOrder()
      throws Exception {
    // Given a live stream whose every frame differs (a clock with milliseconds), drawn by two
    // workers
    assertThat(
            system
                .post(
                    "/api/streams?wait=true",
                    "{\"id\":\"rk\",\"resolution\":\"320x180\",\"fps\":"
                        + FPS
                        + ",\"outputs\":[{\"url\":\"rk-{run}.mkv\"}]}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            system
                .post(
                    "/api/streams/rk/layers?wait=true",
                    "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"#203040\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            system
                .post(
                    "/api/streams/rk/layers?wait=true",
                    "{\"id\":\"clock\",\"type\":\"clock\",\"x\":10,"
                        + "\"y\":60,\"format\":\"HH:mm:ss.SSS\",\"size\":28,\"color\":\"#FFFFFF\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            system.post("/api/streams/rk/control?wait=true", "{\"action\":\"start\"}").statusCode())
        .isEqualTo(200);
    Await.until(
        Duration.ofSeconds(60),
        () -> "both workers drawing, 90 frames encoded, status " + status(),
        () ->
            metric("render-worker", "sm_frames_rendered_total") > 30
                && metric("render-worker-2", "sm_frames_rendered_total") > 30
                && status().path("framesEncoded").asLong() >= 90);
    double repeatedBefore = metric("encoder-worker", "sm_encoder_frames_repeated_total");
    long frameAtKill = status().path("currentFrame").asLong();

    // When one worker dies without a word
    system.process("render-worker-2").killNow();

    // Then for the next 16 s (its session, the rebalance, the takeover) at most a second of frames
    // is repeated, and the live worker drew the missing ones again
    Await.until(
        Duration.ofSeconds(60),
        () -> WATCHED_FRAMES + " frames after the kill, status " + status(),
        () -> status().path("currentFrame").asLong() >= frameAtKill + WATCHED_FRAMES);
    double repeated = metric("encoder-worker", "sm_encoder_frames_repeated_total") - repeatedBefore;
    double asked = metric("encoder-worker", "sm_encoder_redraws_requested_total");
    double redrawn = metric("render-worker", "sm_render_redraws_total");
    System.out.printf(
        "render kill: %.0f repeated frames in the %d frames after the kill; %.0f redraws asked,"
            + " %.0f drawn by the live worker%n",
        repeated, WATCHED_FRAMES, asked, redrawn);
    assertThat(redrawn).as("frames the live worker drew again").isGreaterThan(0);
    assertThat(repeated)
        .as("repeated frames after the kill (%.0f redraws asked)", asked)
        .isLessThanOrEqualTo(MAX_REPEATED);

    // And the recording has one packet per frame, timestamps rising
    assertThat(
            system.post("/api/streams/rk/control?wait=true", "{\"action\":\"stop\"}").statusCode())
        .isEqualTo(200);
    Await.until(
        Duration.ofSeconds(30),
        () -> "stopped, status " + status(),
        () -> status().path("state").asText().equals("stopped"));
    JsonNode done = status();
    Path recording = system.recordings("rk").resolve("rk-" + done.path("runId").asText() + ".mkv");
    Await.until(
        Duration.ofSeconds(20),
        () -> "recording " + recording,
        () -> Files.isRegularFile(recording));
    List<Long> dts = MediaJudge.videoPacketDts(recording);
    assertThat((long) dts.size())
        .as("packets in the recording")
        .isEqualTo(done.path("framesEncoded").asLong());
    for (int i = 1; i < dts.size(); i++) {
      assertThat(dts.get(i)).as("video dts at packet %d", i).isGreaterThan(dts.get(i - 1));
    }
  }

  @Test
  @Order(2)
  void theOnlyWorkerStallsLongerThanTheEncoderWaits_whenItComesBackTheStreamAirsAgain()
      throws Exception {
    // Given the stream live again, drawn by the one worker left
    assertThat(
            system.post("/api/streams/rk/control?wait=true", "{\"action\":\"start\"}").statusCode())
        .isEqualTo(200);
    double encodedBefore = metric("encoder-worker", "sm_encoder_frames_encoded_total");
    Await.until(
        Duration.ofSeconds(60),
        () -> "60 frames of the new run encoded, status " + status(),
        () -> metric("encoder-worker", "sm_encoder_frames_encoded_total") >= encodedBefore + 60);
    ServiceProcess worker = system.process("render-worker");

    // When it stops answering for 12 s of the stream's clock (the encoder closes the run's output
    // after 10 s without a frame), then comes back
    long frameAtStall = status().path("currentFrame").asLong();
    worker.stall();
    try {
      Await.until(
          Duration.ofSeconds(60),
          () -> "12 s of the stream's clock, status " + status(),
          () -> status().path("currentFrame").asLong() >= frameAtStall + 12 * FPS);
    } finally {
      worker.resume();
    }
    double encodedAtResume = metric("encoder-worker", "sm_encoder_frames_encoded_total");

    // Then the encoder airs the stream again: it did not stall on the run it closed
    Await.until(
        Duration.ofSeconds(60),
        () ->
            "90 frames encoded after the worker came back; encoder log:\n"
                + system.process("encoder-worker").tail(),
        () -> metric("encoder-worker", "sm_encoder_frames_encoded_total") >= encodedAtResume + 90);
    System.out.printf("worker stall: the encoder aired again after the worker came back%n");
  }
}
