package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammanager.kit.config.PlatformConfig.RedisSettings;
import io.streammanager.kit.redis.AiredFrames;
import io.streammanager.kit.redis.RedisConnector;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Time travel down to the pixel: a stream with a tween, a frame-exact schedule and a clock runs
 * live for about ten seconds; afterwards frames it aired are drawn again on demand by the
 * render-worker pool ({@code GET .../frame.png}) and each one's checksum equals the checksum the
 * encoder recorded when it aired.
 */
class FrameReplayIT {
  private static final String STREAM = "replay";
  private static final int WIDTH = 320;
  private static final int HEIGHT = 180;
  static SystemUnderTest system;
  static RedissonClient redis;
  static String runId;

  /** Every frame aired as itself, with its checksum. */
  static Map<Long, String> aired;

  @BeforeAll
  static void airTenSeconds() throws Exception {
    system = new SystemUnderTest("frame-replay", Map.of());
    redis = RedisConnector.connect(new RedisSettings(system.redis.url(), ""));
    // Given a live 320x180 30 fps stream: a background, a box, a clock with milliseconds (every
    // frame differs)
    ok(
        system.post(
            "/api/streams?wait=true",
            "{\"id\":\""
                + STREAM
                + "\",\"resolution\":\""
                + WIDTH
                + "x"
                + HEIGHT
                + "\",\"fps\":30,\"outputs\":[{\"url\":\"replay-{run}.flv\"}]}"));
    ok(
        system.post(
            "/api/streams/replay/layers?wait=true",
            "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"#203040\"}"));
    ok(
        system.post(
            "/api/streams/replay/layers?wait=true",
            "{\"id\":\"box\",\"type\":\"rect\",\"x\":10,\"y\":100,"
                + "\"width\":60,\"height\":40,\"color\":\"#FF0000\"}"));
    ok(
        system.post(
            "/api/streams/replay/layers?wait=true",
            "{\"id\":\"clock\",\"type\":\"clock\",\"x\":10,\"y\":20,"
                + "\"format\":\"HH:mm:ss.SSS\",\"timeZone\":\"UTC\",\"size\":28,\"color\":\"#FFFFFF\"}"));
    ok(system.post("/api/streams/replay/control?wait=true", "{\"action\":\"start\"}"));
    Await.until(
        Duration.ofSeconds(60),
        () -> "replay live",
        () -> status().path("state").asText().equals("live"));
    runId = status().path("runId").asText();
    // with a 3 s tween of the box across the picture and, 2 s on, a frame-exact colour change
    ok(
        system.send(
            "PATCH",
            "/api/streams/replay/layers/box?wait=true",
            "{\"x\":240,\"opacity\":0.5,"
                + "\"transition\":{\"durationMs\":3000,\"easing\":\"easeInOutCubic\"}}"));
    long scheduleAt = status().path("currentFrame").asLong() + 60;
    ok(
        system.post(
            "/api/streams/replay/batch?wait=true",
            "{\"at\":{\"frame\":"
                + scheduleAt
                + "},\"operations\":["
                + "{\"op\":\"patch\",\"id\":\"box\",\"changes\":{\"color\":\"#00FF00\"}}]}"));
    Await.until(
        Duration.ofSeconds(60),
        () -> "300 frames encoded, was " + status(),
        () -> status().path("framesEncoded").asLong() >= 300);
    ok(system.post("/api/streams/replay/control?wait=true", "{\"action\":\"stop\"}"));
    Await.until(
        Duration.ofSeconds(30),
        () -> "replay stopped, was " + status(),
        () -> status().path("state").asText().equals("stopped"));
    long encoded = status().path("framesEncoded").asLong();
    long repeated = status().path("framesDropped").asLong();
    AiredFrames.Reader reader = AiredFrames.reader(redis);
    Await.until(
        Duration.ofSeconds(10),
        () ->
            "every encoded frame's checksum stored ("
                + encoded
                + " encoded, "
                + repeated
                + " repeated)",
        () -> reader.all(STREAM, runId).size() >= encoded - repeated);
    aired = reader.all(STREAM, runId);
  }

  @AfterAll
  static void stop() throws Exception {
    if (redis != null) {
      redis.shutdown();
    }
    if (system != null) {
      system.close();
    }
  }

  @Test
  void framePng_twentyRandomAiredFrames_drawnAgainEqualWhatAired() throws Exception {
    List<Long> frames = new ArrayList<>(aired.keySet());
    Collections.shuffle(frames, new Random(20261126));
    Map<Long, String> expected = new LinkedHashMap<>();
    Map<Long, String> got = new LinkedHashMap<>();
    for (long n : frames.subList(0, 20)) {
      HttpResponse<byte[]> r = get("/api/streams/replay/frame.png?at=frame:" + n);
      assertThat(r.statusCode()).as("frame %d: %s", n, new String(r.body())).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
      assertThat(r.headers().firstValue("X-Frame-Number")).hasValue(Long.toString(n));
      assertThat(r.headers().firstValue("X-Run-Id")).hasValue(runId);
      expected.put(n, aired.get(n) + " match=true");
      got.put(
          n,
          r.headers().firstValue("X-Frame-Checksum").orElse("none")
              + " match="
              + r.headers().firstValue("X-Frame-Checksum-Match").orElse("none"));
    }
    assertThat(got).isEqualTo(expected);
  }

  @Test
  void framePng_atTheTimeAFrameWasOnAir_isThatFrame() throws Exception {
    // The frame shown during [pts(n), pts(n+1)): asking at pts(n) + 10 ms (a frame lasts 33.3 ms)
    // gives frame n.
    for (long n : List.of(45L, 150L, 275L)) {
      HttpResponse<byte[]> byFrame = get("/api/streams/replay/frame.png?at=frame:" + n);
      assertThat(byFrame.statusCode()).isEqualTo(200);
      Instant pts = Instant.parse(byFrame.headers().firstValue("X-Frame-Time").orElseThrow());

      HttpResponse<byte[]> byTime = get("/api/streams/replay/frame.png?at=" + pts.plusMillis(10));

      assertThat(byTime.statusCode()).as(new String(byTime.body())).isEqualTo(200);
      assertThat(headers(byTime)).isEqualTo(headers(byFrame));
      assertThat(byTime.headers().firstValue("X-Frame-Checksum-Match"))
          .hasValue(aired.containsKey(n) ? "true" : "unknown");
      assertThat(byTime.body()).isEqualTo(byFrame.body());
    }
  }

  @Test
  void framePng_decodesToAPictureOfTheStreamsSize() throws Exception {
    HttpResponse<byte[]> r = get("/api/streams/replay/frame.png?at=frame:100&run=" + runId);
    assertThat(r.statusCode()).isEqualTo(200);

    BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));

    assertThat(img.getWidth()).isEqualTo(WIDTH);
    assertThat(img.getHeight()).isEqualTo(HEIGHT);
    int bg = img.getRGB(300, 170) & 0xFFFFFF;
    assertThat(new int[] {bg >> 16, (bg >> 8) & 0xFF, bg & 0xFF})
        .as("the background #203040 at (300, 170)")
        .satisfies(
            c -> {
              assertThat(c[0]).isBetween(0x20 - 3, 0x20 + 3);
              assertThat(c[1]).isBetween(0x30 - 3, 0x30 + 3);
              assertThat(c[2]).isBetween(0x40 - 3, 0x40 + 3);
            });
  }

  @Test
  void framePng_outsideTheRunOrMalformed_isAProblemNamingIt() throws Exception {
    HttpResponse<byte[]> past = get("/api/streams/replay/frame.png?at=frame:999999");
    assertThat(past.statusCode()).isEqualTo(422);
    assertThat(past.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(SystemUnderTest.JSON.readTree(past.body()).path("detail").asText())
        .startsWith("run " + runId + " ended before frame 999999 (its last frame is ");

    HttpResponse<byte[]> noRun = get("/api/streams/replay/frame.png?at=2001-01-01T00:00:00Z");
    assertThat(noRun.statusCode()).isEqualTo(404);
    assertThat(SystemUnderTest.JSON.readTree(noRun.body()).path("detail").asText())
        .isEqualTo("no run of stream 'replay' was on air at 2001-01-01T00:00:00Z");

    HttpResponse<byte[]> malformed = get("/api/streams/replay/frame.png?at=yesterday");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(
            SystemUnderTest.JSON
                .readTree(malformed.body())
                .path("errors")
                .get(0)
                .path("field")
                .asText())
        .isEqualTo("/at");

    assertThat(get("/api/streams/nope/frame.png?at=frame:1").statusCode()).isEqualTo(404);
    assertThat(get("/api/streams/replay/frame.png?at=frame:1&run=no-such-run").statusCode())
        .isEqualTo(404);
  }

  @Test
  void replayRender_theWholeRun_isAClipOfItsFramesEachEqualToWhatAired() throws Exception {
    // Given the presentation times of the run's first and last frames (the run aired frames
    // 0..last)
    long last = aired.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
    Instant from =
        Instant.parse(
            get("/api/streams/replay/frame.png?at=frame:0")
                .headers()
                .firstValue("X-Frame-Time")
                .orElseThrow());
    Instant to =
        Instant.parse(
                get("/api/streams/replay/frame.png?at=frame:" + last)
                    .headers()
                    .firstValue("X-Frame-Time")
                    .orElseThrow())
            .plusMillis(1);
    long frames = last + 1;
    long airedInSpan = aired.size();
    java.nio.file.Path clip = system.work.resolve("clip.mp4");
    java.nio.file.Files.deleteIfExists(clip);

    // When `replay render` draws [from, to) on the render workers and encodes it
    java.nio.file.Path root = system.work.resolve("../../..").normalize();
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow",
                    "-cp",
                    root.resolve("encoder-worker/target/encoder-worker.jar").toString(),
                    "io.streammanager.encoder.ClipMain",
                    "--stream",
                    STREAM,
                    "--from",
                    from.toString(),
                    "--to",
                    to.toString(),
                    "--out",
                    clip.toString()))
            .redirectError(system.work.resolve("replay-render.err").toFile());
    pb.environment().keySet().removeIf(k -> k.matches("REDIS_.*|KAFKA_.*|ENV_FILE"));
    pb.environment()
        .putAll(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                system.kafka.bootstrapServers(),
                "REDIS_URL",
                system.redis.url(),
                "ENV_FILE",
                "/nonexistent/.env"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS))
        .as("replay render finished")
        .isTrue();

    // Then it says so, every aired frame of the run matches, and the file holds exactly the run's
    // frames
    assertThat(p.exitValue())
        .as(out + "\n" + java.nio.file.Files.readString(system.work.resolve("replay-render.err")))
        .isZero();
    assertThat(out)
        .matches(
            java.util.regex.Pattern.quote(clip.toString())
                + " "
                + frames
                + " frames in [0-9.]+ s \\([0-9.]+x real time\\); aired checksums: "
                + airedInSpan
                + " of "
                + airedInSpan
                + " match");
    JsonNode video = null;
    for (JsonNode st : MediaJudge.probe(clip).path("streams")) {
      if (st.path("codec_type").asText().equals("video")) {
        video = st;
      }
    }
    assertThat(video).as("a video stream in " + clip).isNotNull();
    assertThat(
            video.path("codec_name").asText()
                + " "
                + video.path("width").asInt()
                + "x"
                + video.path("height").asInt()
                + " "
                + video.path("nb_read_frames").asText())
        .isEqualTo("h264 " + WIDTH + "x" + HEIGHT + " " + frames);
  }

  private static List<String> headers(HttpResponse<byte[]> r) {
    List<String> out = new ArrayList<>();
    for (String h :
        List.of(
            "X-Frame-Number", "X-State-Version", "X-Run-Id", "X-Frame-Time", "X-Frame-Checksum")) {
      out.add(h + ": " + r.headers().firstValue(h).orElse("-"));
    }
    return out;
  }

  private static HttpResponse<byte[]> get(String path) throws Exception {
    return system.http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.apiPort + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode status() {
    return system.getJson("/api/streams/replay/status");
  }

  private static void ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
