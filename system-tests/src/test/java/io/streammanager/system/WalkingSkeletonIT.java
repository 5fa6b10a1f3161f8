package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streammanager.localstack.KafkaBroker;
import io.streammanager.localstack.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end, on real parts only: HTTP -> Kafka -> layer-service -> Redis -> ticks ->
 * render-worker -> chunks -> encoder-worker -> x264 + AAC -> RTMP -> nginx-rtmp, judged by ffprobe/ffmpeg.
 */
class WalkingSkeletonIT {
  static final String[] SERVICES = {"api-gateway", "layer-service", "render-worker", "encoder-worker"};
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static Path work;
  static KafkaBroker kafka;
  static RedisServer redis;
  static NginxRtmp nginx;
  static final List<ServiceProcess> services = new ArrayList<>();
  static int apiPort;
  static int wsPort;
  static final java.util.Queue<String> wsMessages = new java.util.concurrent.ConcurrentLinkedQueue<>();

  @BeforeAll
  static void startSystem() throws Exception {
    Path root = Path.of(System.getProperty("sm.root", "..")).toAbsolutePath().normalize();
    work = Files.createDirectories(root.resolve("system-tests/target/e2e"));
    kafka = KafkaBroker.start();
    redis = RedisServer.start();
    nginx = NginxRtmp.start(Files.createDirectories(work.resolve("nginx")));
    apiPort = FreePorts.next();
    wsPort = FreePorts.next();
    Map<String, String> env = new HashMap<>(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "REDIS_URL", redis.url(),
        "PORT", String.valueOf(apiPort), "WS_PORT", String.valueOf(wsPort),
        "STREAM_RESOLUTION", "640x360", "TARGET_FPS", "30", "STREAM_BITRATE", "1500",
        "STREAM_URL", nginx.url("live", "e2e"), "AUDIO_ENABLED", "true", "AUDIO_CODEC", "aac"));
    for (String name : SERVICES) {
      Map<String, String> own = new HashMap<>(env);
      own.put("METRICS_PORT", String.valueOf(FreePorts.next()));
      own.put("HEALTH_PORT", String.valueOf(FreePorts.next()));
      services.add(ServiceProcess.start(root, name, own, work.resolve("logs")));
    }
    for (ServiceProcess s : services) {
      Await.until(Duration.ofSeconds(90), () -> s.name + " healthy; log:\n" + s.tail(), s::healthy);
    }
    HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + wsPort + "/ws"),
        new java.net.http.WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data,
              boolean last) {
            partial.append(data);
            if (last) {
              wsMessages.add(partial.toString());
              partial.setLength(0);
            }
            ws.request(1);
            return null;
          }
        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopSystem() throws Exception {
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).close();
    }
    if (nginx != null) {
      nginx.close();
    }
    if (redis != null) {
      redis.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void blueBackgroundAndMovingRedRect_reachNginxAsH264AacWithTheRightPixels() throws Exception {
    // Given a blue background and a red rect above it
    assertThat(post("/api/layers", "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"#0000FF\"}").statusCode())
        .isEqualTo(202);
    HttpResponse<String> rect = post("/api/layers",
        "{\"id\":\"box\",\"type\":\"rect\",\"x\":40,\"y\":40,\"width\":160,\"height\":120,\"color\":\"#FF0000\"}");
    assertThat(rect.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(rect.body()).get("commandId").asText()).isNotBlank();

    // When the stream runs ~5 s, the rect moves, and it runs ~4 s more
    long started = System.nanoTime();
    assertThat(post("/api/stream/control", "{\"action\":\"start\"}").statusCode()).isEqualTo(202);
    Await.until(Duration.ofSeconds(60), () -> "150 frames encoded, status " + status(),
        () -> status().path("framesEncoded").asLong() >= 150);
    assertThat(status().path("state").asText()).isEqualTo("live");
    String rectCommand = JSON.readTree(rect.body()).get("commandId").asText();
    Await.until(Duration.ofSeconds(10), () -> "WebSocket events: applied " + rectCommand + " and status live, got "
        + wsMessages.size() + " messages", () -> wsMessages.stream().anyMatch(m -> m.contains(rectCommand)
            && m.contains("\"type\":\"command.applied\"")) && wsMessages.stream().anyMatch(m ->
            m.contains("\"type\":\"stream.status\"") && m.contains("\"state\":\"live\"")));
    assertThat(post("/api/layers",
        "{\"id\":\"box\",\"type\":\"rect\",\"x\":400,\"y\":40,\"width\":160,\"height\":120,\"color\":\"#FF0000\"}")
        .statusCode()).isEqualTo(202);
    long moved = status().path("framesEncoded").asLong();
    Await.until(Duration.ofSeconds(60), () -> "120 more frames, status " + status(),
        () -> status().path("framesEncoded").asLong() >= moved + 120);
    assertThat(post("/api/stream/control", "{\"action\":\"stop\"}").statusCode()).isEqualTo(202);
    double liveSeconds = (System.nanoTime() - started) / 1e9;
    Await.until(Duration.ofSeconds(30), () -> "state stopped, status " + status(),
        () -> status().path("state").asText().equals("stopped"));
    JsonNode finalStatus = status();
    assertThat(finalStatus.path("layers").asInt()).isEqualTo(2);
    assertThat(finalStatus.path("stateVersion").asLong()).isGreaterThanOrEqualTo(5);
    assertThat(finalStatus.path("output").asText()).isEqualTo(nginx.url("live", "e2e"));

    // Then nginx recorded H.264 + AAC at 640x360, 30 fps, with as many frames as the stream lived
    Path recording = nginx.recording("e2e");
    Await.until(Duration.ofSeconds(20), () -> "recording " + recording, () -> Files.isRegularFile(recording));
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
    assertThat(frames).as("frames in the recording vs frames the encoder reported").isBetween(encoded - 3,
        encoded + 3);
    assertThat((double) frames).as("frames vs %.1f s live at 30 fps", liveSeconds)
        .isBetween(liveSeconds * 30 - 60, liveSeconds * 30 + 3);
    List<Long> dts = MediaJudge.videoPacketDts(recording);
    for (int i = 1; i < dts.size(); i++) {
      assertThat(dts.get(i)).as("video dts at packet %d", i).isGreaterThan(dts.get(i - 1));
    }

    // And the pixels: red inside the rect's first place early, red at its new place late, blue elsewhere
    byte[] early = MediaJudge.frameRgb(recording, 30);
    assertColor(MediaJudge.pixel(early, 640, 120, 100), 255, 0, 0, "early frame, inside the rect (120,100)");
    assertColor(MediaJudge.pixel(early, 640, 480, 100), 0, 0, 255, "early frame, outside the rect (480,100)");
    assertColor(MediaJudge.pixel(early, 640, 320, 300), 0, 0, 255, "early frame, outside the rect (320,300)");
    byte[] late = MediaJudge.frameRgb(recording, (int) frames - 15);
    assertColor(MediaJudge.pixel(late, 640, 480, 100), 255, 0, 0, "late frame, the rect's new centre (480,100)");
    assertColor(MediaJudge.pixel(late, 640, 120, 100), 0, 0, 255, "late frame, the rect's old place (120,100)");
  }

  @Test
  void invalidLayer_isRefusedWithProblemJsonNamingEveryField() throws Exception {
    HttpResponse<String> r = post("/api/layers", "{\"id\":\"x\",\"type\":\"rect\",\"opacity\":2,\"color\":\"nope\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
    JsonNode body = JSON.readTree(r.body());
    List<String> fields = new ArrayList<>();
    body.get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("/opacity", "/color", "/width");
    assertThat(body.get("status").asInt()).isEqualTo(400);
  }

  private static void assertColor(int[] rgb, int r, int g, int b, String where) {
    assertThat(rgb).as(where + " was rgb(%d,%d,%d)", rgb[0], rgb[1], rgb[2]).satisfies(p -> {
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
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode status() {
    try {
      return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort
          + "/api/stream/status")).build(), HttpResponse.BodyHandlers.ofString()).body());
    } catch (Exception e) {
      throw new AssertionError("status request failed", e);
    }
  }
}
