package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end, on real parts only: HTTP -> Kafka -> layer-service -> Redis ->
 * ticks -> render-worker -> chunks -> encoder-worker -> x264 + AAC -> RTMP -> nginx-rtmp, judged by
 * ffprobe/ffmpeg.
 */
class WalkingSkeletonIT {
  static final ObjectMapper JSON = SystemUnderTest.JSON;
  static SystemUnderTest system;
  static NginxRtmp nginx;

  @BeforeAll
  static void startSystem() throws Exception {
    system = new SystemUnderTest("e2e", Map.of("STREAM_URL", "rtmp://127.0.0.1:{nginx}/live/e2e"));
    nginx = system.nginx;
  }

  @AfterAll
  static void stopSystem() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void blueBackgroundAndMovingRedRect_reachNginxAsH264AacWithTheRightPixels() throws Exception {
    // Given a blue background and a red rect above it
    assertThat(
            post("/api/layers", "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"#0000FF\"}")
                .statusCode())
        .isEqualTo(202);
    HttpResponse<String> rect =
        post(
            "/api/layers",
            "{\"id\":\"box\",\"type\":\"rect\",\"x\":40,\"y\":40,\"width\":160,\"height\":120,\"color\":\"#FF0000\"}");
    assertThat(rect.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(rect.body()).get("commandId").asText()).isNotBlank();

    // When the stream runs ~5 s, the rect moves, and it runs ~4 s more
    long started = System.nanoTime();
    assertThat(post("/api/stream/control", "{\"action\":\"start\"}").statusCode()).isEqualTo(202);
    Await.until(
        Duration.ofSeconds(60),
        () -> "150 frames encoded, status " + status(),
        () -> status().path("framesEncoded").asLong() >= 150);
    assertThat(status().path("state").asText()).isEqualTo("live");
    String rectCommand = JSON.readTree(rect.body()).get("commandId").asText();
    Await.until(
        Duration.ofSeconds(10),
        () ->
            "WebSocket events: applied "
                + rectCommand
                + " and status live, got "
                + system.wsMessages.size()
                + " messages",
        () ->
            system.wsMessages.stream()
                    .anyMatch(
                        m -> m.contains(rectCommand) && m.contains("\"type\":\"layer.applied\""))
                && system.wsMessages.stream()
                    .anyMatch(
                        m ->
                            m.contains("\"type\":\"stream.status\"")
                                && m.contains("\"state\":\"live\"")));
    assertThat(
            post(
                    "/api/layers",
                    "{\"id\":\"box\",\"type\":\"rect\",\"x\":400,\"y\":40,\"width\":160,\"height\":120,\"color\":\"#FF0000\"}")
                .statusCode())
        .isEqualTo(202);
    long moved = status().path("framesEncoded").asLong();
    Await.until(
        Duration.ofSeconds(60),
        () -> "120 more frames, status " + status(),
        () -> status().path("framesEncoded").asLong() >= moved + 120);
    assertThat(post("/api/stream/control", "{\"action\":\"stop\"}").statusCode()).isEqualTo(202);
    double liveSeconds = (System.nanoTime() - started) / 1e9;
    Await.until(
        Duration.ofSeconds(30),
        () -> "state stopped, status " + status(),
        () -> status().path("state").asText().equals("stopped"));
    JsonNode finalStatus = status();
    assertThat(finalStatus.path("layers").asInt()).isEqualTo(2);
    assertThat(finalStatus.path("stateVersion").asLong()).isGreaterThanOrEqualTo(5);
    assertThat(finalStatus.path("output").asText()).isEqualTo(nginx.url("live", "e2e"));

    // And Prometheus counts what happened
    HttpResponse<String> metrics = system.metrics("encoder-worker");
    assertThat(metrics.headers().firstValue("content-type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    java.util.regex.Matcher encodedTotal =
        java.util.regex.Pattern.compile(
                "(?m)^sm_encoder_frames_encoded_total\\{service=\"encoder-worker\"} ([0-9.E]+)$")
            .matcher(metrics.body());
    assertThat(encodedTotal.find())
        .as("sm_encoder_frames_encoded_total in %s", metrics.body())
        .isTrue();
    assertThat(Double.parseDouble(encodedTotal.group(1)))
        .isEqualTo(finalStatus.path("framesEncoded").asDouble());
    assertThat(system.metrics("layer-service").body())
        .contains("sm_commands_applied_total{service=\"layer-service\"}");

    // Then nginx recorded H.264 + AAC at 640x360, 30 fps, with as many frames as the stream lived
    Path recording = nginx.recording("e2e");
    Await.until(
        Duration.ofSeconds(20),
        () -> "recording " + recording,
        () -> Files.isRegularFile(recording));
    JsonNode probe = MediaJudge.probe(recording);
    JsonNode video = stream(probe, "video");
    JsonNode audio = stream(probe, "audio");
    assertThat(video.get("codec_name").asText()).isEqualTo("h264");
    assertThat(video.get("profile").asText()).isEqualTo("Main");
    assertThat(video.get("width").asInt()).isEqualTo(640);
    assertThat(video.get("height").asInt()).isEqualTo(360);
    assertThat(video.get("r_frame_rate").asText()).isEqualTo("30/1");
    assertThat(audio.get("codec_name").asText()).isEqualTo("aac");
    assertThat(audio.get("sample_rate").asInt()).isEqualTo(48000);
    long frames = video.get("nb_read_frames").asLong();
    long encoded = finalStatus.path("framesEncoded").asLong();
    assertThat(frames)
        .as("frames in the recording vs frames the encoder reported")
        .isBetween(encoded - 3, encoded + 3);
    assertThat((double) frames)
        .as("frames vs %.1f s live at 30 fps", liveSeconds)
        .isBetween(liveSeconds * 30 - 60, liveSeconds * 30 + 3);
    List<Long> dts = MediaJudge.videoPacketDts(recording);
    for (int i = 1; i < dts.size(); i++) {
      assertThat(dts.get(i)).as("video dts at packet %d", i).isGreaterThan(dts.get(i - 1));
    }

    // And the pixels: red inside the rect's first place early, red at its new place late, blue
    // elsewhere
    byte[] early = MediaJudge.frameRgb(recording, 30);
    assertColor(
        MediaJudge.pixel(early, 640, 120, 100),
        255,
        0,
        0,
        "early frame, inside the rect (120,100)");
    assertColor(
        MediaJudge.pixel(early, 640, 480, 100),
        0,
        0,
        255,
        "early frame, outside the rect (480,100)");
    assertColor(
        MediaJudge.pixel(early, 640, 320, 300),
        0,
        0,
        255,
        "early frame, outside the rect (320,300)");
    byte[] late = MediaJudge.frameRgb(recording, (int) frames - 15);
    assertColor(
        MediaJudge.pixel(late, 640, 480, 100),
        255,
        0,
        0,
        "late frame, the rect's new centre (480,100)");
    assertColor(
        MediaJudge.pixel(late, 640, 120, 100),
        0,
        0,
        255,
        "late frame, the rect's old place (120,100)");
  }

  @Test
  void invalidLayer_isRefusedWithProblemJsonNamingEveryField() throws Exception {
    HttpResponse<String> r =
        post("/api/layers", "{\"id\":\"x\",\"type\":\"rect\",\"opacity\":2,\"color\":\"nope\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
    JsonNode body = JSON.readTree(r.body());
    List<String> fields = new ArrayList<>();
    body.get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("/opacity", "/color", "/width", "/height");
    assertThat(body.get("status").asInt()).isEqualTo(400);
  }

  private static void assertColor(int[] rgb, int r, int g, int b, String where) {
    assertThat(rgb)
        .as(where + " was rgb(%d,%d,%d)", rgb[0], rgb[1], rgb[2])
        .satisfies(
            p -> {
              assertThat(Math.abs(p[0] - r)).isLessThanOrEqualTo(40);
              assertThat(Math.abs(p[1] - g)).isLessThanOrEqualTo(40);
              assertThat(Math.abs(p[2] - b)).isLessThanOrEqualTo(40);
            });
  }

  private static JsonNode stream(JsonNode probe, String type) {
    for (JsonNode s : probe.get("streams")) {
      if (s.get("codec_type").asText().equals(type)) {
        return s;
      }
    }
    throw new AssertionError("no " + type + " stream in " + probe);
  }

  private static HttpResponse<String> post(String path, String json) throws Exception {
    return system.post(path, json);
  }

  private static JsonNode status() {
    return system.getJson("/api/stream/status");
  }
}
