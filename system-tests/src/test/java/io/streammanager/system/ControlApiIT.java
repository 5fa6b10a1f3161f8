package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The control API over a real socket against the running system: streams, layers (merge patch,
 * PUT), atomic batches, frame-exact schedules judged in the encoded output, and the error statuses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlApiIT {
  static SystemUnderTest system;

  @BeforeAll
  static void startSystem() throws Exception {
    system = new SystemUnderTest("control-api", Map.of());
  }

  @AfterAll
  static void stopSystem() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return SystemUnderTest.JSON.readTree(r.body());
  }

  @Test
  @Order(1)
  void createStream_thenGetAndList_showItsConfiguration() throws Exception {
    HttpResponse<String> created =
        system.post(
            "/api/streams?wait=true",
            "{\"id\":\"news1\",\"name\":\"News\","
                + "\"resolution\":\"640x360\",\"fps\":30,\"bitrate\":1200,\"outputs\":[{\"url\":\""
                + system.nginx.url("live", "news1")
                + "\"}],\"audio\":{\"enabled\":true,\"codec\":\"aac\",\"bitrate\":96}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(json(created).get("status").asText()).isEqualTo("applied");
    assertThat(created.headers().firstValue("Location"))
        .hasValueSatisfying(l -> l.startsWith("/api/commands/"));

    JsonNode stream = system.getJson("/api/streams/news1");
    assertThat(stream.get("name").asText()).isEqualTo("News");
    assertThat(stream.get("resolution").asText()).isEqualTo("640x360");
    assertThat(stream.get("bitrate").asInt()).isEqualTo(1200);
    assertThat(stream.get("audio").get("bitrate").asInt()).isEqualTo(96);
    assertThat(stream.get("state").asText()).isEqualTo("stopped");
    List<String> ids = new ArrayList<>();
    system.getJson("/api/streams").forEach(s -> ids.add(s.get("id").asText()));
    assertThat(ids).contains("news1");

    HttpResponse<String> again = system.post("/api/streams", "{\"id\":\"news1\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.headers().firstValue("content-type")).hasValue("application/problem+json");
  }

  @Test
  @Order(2)
  void layers_createPatchPutAndList() throws Exception {
    assertThat(
            system
                .post(
                    "/api/streams/news1/layers?wait=true",
                    "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"#0000FF\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            system
                .post(
                    "/api/streams/news1/layers?wait=true",
                    "{\"id\":\"box\",\"type\":\"rect\",\"x\":40,"
                        + "\"y\":40,\"width\":160,\"height\":120,\"color\":\"#FF0000\"}")
                .statusCode())
        .isEqualTo(200);

    HttpResponse<String> patched =
        system.send(
            "PATCH", "/api/streams/news1/layers/box?wait=true", "{\"x\":60,\"cornerRadius\":null}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    JsonNode box = system.getJson("/api/streams/news1/layers/box");
    assertThat(box.get("x").asDouble()).isEqualTo(60);
    assertThat(box.get("width").asDouble()).isEqualTo(160);

    HttpResponse<String> put =
        system.send(
            "PUT",
            "/api/streams/news1/layers/box?wait=true",
            "{\"type\":\"rect\","
                + "\"x\":40,\"y\":40,\"width\":160,\"height\":120,\"color\":\"#FF0000\"}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    // A batch may patch a layer it creates itself: later operations see the earlier ones.
    HttpResponse<String> createThenPatch =
        system.post(
            "/api/streams/news1/batch?wait=true",
            "{\"operations\":["
                + "{\"op\":\"upsert\",\"layer\":{\"id\":\"tag\",\"type\":\"rect\",\"x\":0,\"y\":0,\"width\":10,"
                + "\"height\":10,\"color\":\"red\"}},{\"op\":\"patch\",\"id\":\"tag\",\"changes\":{\"x\":5}}]}");
    assertThat(createThenPatch.statusCode()).as(createThenPatch.body()).isEqualTo(200);
    assertThat(system.getJson("/api/streams/news1/layers/tag").get("x").asDouble()).isEqualTo(5);
    assertThat(system.send("DELETE", "/api/streams/news1/layers/tag?wait=true", null).statusCode())
        .isEqualTo(200);
    List<String> ids = new ArrayList<>();
    system.getJson("/api/streams/news1/layers").forEach(l -> ids.add(l.get("id").asText()));
    assertThat(ids).containsExactly("bg", "box");
  }

  @Test
  @Order(3)
  void errors_haveTheirStatusAndNameTheField() throws Exception {
    HttpResponse<String> unknownField =
        system.send("PATCH", "/api/streams/news1/layers/box", "{\"radius\":3}");
    assertThat(unknownField.statusCode()).isEqualTo(400);
    assertThat(json(unknownField).get("errors").get(0).get("field").asText()).isEqualTo("/radius");

    assertThat(system.send("PATCH", "/api/streams/news1/layers/ghost", "{\"x\":1}").statusCode())
        .isEqualTo(404);
    assertThat(system.send("GET", "/api/streams/nope", null).statusCode()).isEqualTo(404);
    assertThat(
            system.send("DELETE", "/api/streams/news1/layers/ghost?wait=true", null).statusCode())
        .isEqualTo(404);
    assertThat(
            system
                .send("POST", "/api/streams/news1/layers", "x", "Content-Type", "text/plain")
                .statusCode())
        .isEqualTo(415);
    assertThat(system.send("POST", "/api/streams/news1/layers", "{not json").statusCode())
        .isEqualTo(400);

    long version = system.getJson("/api/streams/news1").get("stateVersion").asLong();
    HttpResponse<String> stale =
        system.send(
            "PATCH",
            "/api/streams/news1/layers/box",
            "{\"x\":1}",
            "If-Match",
            String.valueOf(version - 1));
    assertThat(stale.statusCode()).isEqualTo(412);
    HttpResponse<String> fresh =
        system.send(
            "PATCH",
            "/api/streams/news1/layers/box?wait=true",
            "{\"x\":40}",
            "If-Match",
            String.valueOf(version));
    assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);

    HttpResponse<String> badBatch =
        system.post(
            "/api/streams/news1/batch?wait=true",
            "{\"operations\":[{\"op\":\"upsert\",\"layer\":{\"id\":\"new\",\"type\":\"color\",\"color\":\"red\"}},"
                + "{\"op\":\"remove\",\"id\":\"ghost\"}]}");
    assertThat(badBatch.statusCode()).isEqualTo(404);
    assertThat(json(badBatch).get("errors").get(0).get("field").asText())
        .isEqualTo("/operations/1/id");
    assertThat(system.send("GET", "/api/streams/news1/layers/new", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  @Order(4)
  void idempotencyKey_repeatedRequest_getsTheFirstAnswerAndAppliesOnce() throws Exception {
    long before = system.getJson("/api/streams/news1").get("stateVersion").asLong();
    String body = "{\"id\":\"once\",\"type\":\"color\",\"color\":\"#00000000\"}";
    HttpResponse<String> first =
        system.send("POST", "/api/streams/news1/layers?wait=true", body, "Idempotency-Key", "k-1");
    HttpResponse<String> second =
        system.send("POST", "/api/streams/news1/layers?wait=true", body, "Idempotency-Key", "k-1");
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(system.getJson("/api/streams/news1").get("stateVersion").asLong())
        .isEqualTo(before + 1);
  }

  @Test
  @Order(5)
  void scheduledBatch_appearsWholeInExactlyItsFrame_evenUnderCpuLoad() throws Exception {
    assertThat(
            system
                .post("/api/streams/news1/control?wait=true", "{\"action\":\"start\"}")
                .statusCode())
        .isEqualTo(200);
    // Two busy threads (as many as the machine has cores) compete with every service while the
    // schedule is due.
    java.util.concurrent.atomic.AtomicBoolean busy =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    List<Thread> burners = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      burners.add(
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    long x = 0;
                    while (busy.get()) {
                      x += System.nanoTime() % 7;
                    }
                    if (x == 42) {
                      System.out.print("");
                    }
                  }));
    }
    try {
      scheduledBatch();
    } finally {
      busy.set(false);
      for (Thread t : burners) {
        t.join();
      }
    }
  }

  private void scheduledBatch() throws Exception {
    Await.until(
        Duration.ofSeconds(60),
        () -> "news1 live",
        () -> system.getJson("/api/streams/news1/status").path("state").asText().equals("live"));
    long target = system.getJson("/api/streams/news1/status").path("currentFrame").asLong() + 90;
    HttpResponse<String> scheduled =
        system.post(
            "/api/streams/news1/batch?wait=true",
            "{\"at\":{\"frame\":"
                + target
                + "},\"operations\":[{\"op\":\"patch\",\"id\":\"box\",\"changes\":{\"color\":\"#00FF00\"}},"
                + "{\"op\":\"upsert\",\"layer\":{\"id\":\"dot\",\"type\":\"rect\",\"x\":400,\"y\":200,\"width\":100,"
                + "\"height\":100,\"color\":\"#FFFF00\"}}]}");
    assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
    JsonNode pending = system.getJson("/api/streams/news1/schedule");
    assertThat(pending).hasSize(1);
    assertThat(pending.get(0).get("at").get("frame").asLong()).isEqualTo(target);

    Await.until(
        Duration.ofSeconds(60),
        () -> "frames past " + target,
        () ->
            system.getJson("/api/streams/news1/status").path("framesEncoded").asLong()
                > target + 30);
    assertThat(system.getJson("/api/streams/news1/schedule")).isEmpty();
    assertThat(system.post("/api/streams/news1/control", "{\"action\":\"stop\"}").statusCode())
        .isEqualTo(202);
    Await.until(
        Duration.ofSeconds(30),
        () -> "news1 stopped",
        () -> system.getJson("/api/streams/news1/status").path("state").asText().equals("stopped"));

    // Exactly frame N: the frames the encoder is given, by frame number, decoded (BT.709 limited
    // range YUV).
    java.util.Map<Long, byte[]> frames =
        FramesTap.frames(
            system.kafka.bootstrapServers(),
            "news1",
            java.util.Set.of(target - 1, target),
            Duration.ofSeconds(30));
    assertThat(frames)
        .as("frames %d and %d on the frames topic", target - 1, target)
        .containsOnlyKeys(target - 1, target);
    assertYuv(
        FramesTap.yuv(frames.get(target - 1), 640, 360, 120, 100),
        63,
        102,
        240,
        "frame N-1, box red");
    assertYuv(
        FramesTap.yuv(frames.get(target - 1), 640, 360, 450, 250),
        32,
        240,
        118,
        "frame N-1, no dot (blue)");
    assertYuv(
        FramesTap.yuv(frames.get(target), 640, 360, 120, 100), 173, 42, 26, "frame N, box green");
    assertYuv(
        FramesTap.yuv(frames.get(target), 640, 360, 450, 250), 219, 16, 138, "frame N, dot yellow");

    // And in what nginx recorded: the two changes of the batch never appear one without the other.
    Path recording = system.nginx.recording("news1");
    Await.until(
        Duration.ofSeconds(20),
        () -> "recording " + recording,
        () -> Files.isRegularFile(recording));
    int frameCount = 0;
    for (JsonNode st : MediaJudge.probe(recording).get("streams")) {
      if (st.path("codec_type").asText().equals("video")) {
        frameCount = st.path("nb_read_frames").asInt();
      }
    }
    boolean sawBoth = false;
    int from = (int) Math.max(0, target - 40);
    List<byte[]> around =
        MediaJudge.framesRgb(
            recording, from, (int) Math.min(frameCount - 1, target + 40), 640, 360);
    assertThat(around).as("decoded frames around the target").hasSizeGreaterThan(40);
    for (int i = 0; i < around.size(); i++) {
      byte[] rgb = around.get(i);
      boolean green = MediaJudge.pixel(rgb, 640, 120, 100)[1] > 200;
      boolean yellow =
          MediaJudge.pixel(rgb, 640, 450, 250)[0] > 200
              && MediaJudge.pixel(rgb, 640, 450, 250)[1] > 200;
      assertThat(green)
          .as("recorded frame %d: box green and dot yellow appear together", from + i)
          .isEqualTo(yellow);
      sawBoth |= green;
    }
    assertThat(sawBoth).as("the batch is in the recording").isTrue();
  }

  private static void assertYuv(int[] yuv, int y, int u, int v, String where) {
    assertThat(yuv)
        .as(where + " was yuv(%d,%d,%d)", yuv[0], yuv[1], yuv[2])
        .satisfies(
            p -> {
              assertThat(Math.abs(p[0] - y)).isLessThanOrEqualTo(3);
              assertThat(Math.abs(p[1] - u)).isLessThanOrEqualTo(3);
              assertThat(Math.abs(p[2] - v)).isLessThanOrEqualTo(3);
            });
  }

  @Test
  @Order(6)
  void websocket_requestAnsweredByRequestId_andLayerAppliedWithTheNewVersion() throws Exception {
    system.ws.sendText("{\"type\":\"identify\",\"token\":\"\",\"requestId\":\"id-1\"}", true).get();
    system
        .ws
        .sendText(
            "{\"type\":\"subscribe\",\"requestId\":\"sub-1\",\"streams\":[\"news1\"],"
                + "\"events\":[\"layer.applied\"]}",
            true)
        .get();
    Await.until(
        Duration.ofSeconds(10),
        () -> "subscribe answered",
        () ->
            system.wsMessages.stream()
                .anyMatch(
                    m -> m.contains("\"requestId\":\"sub-1\"") && m.contains("\"status\":200")));
    system.wsMessages.clear();

    system
        .ws
        .sendText(
            "{\"type\":\"request\",\"requestId\":\"r-7\",\"method\":\"PATCH\","
                + "\"path\":\"/api/streams/news1/layers/box?wait=true\",\"body\":{\"x\":44}}",
            true)
        .get();

    Await.until(
        Duration.ofSeconds(15),
        () -> "response r-7 and layer.applied, got " + system.wsMessages,
        () ->
            system.wsMessages.stream().anyMatch(m -> m.contains("\"requestId\":\"r-7\""))
                && system.wsMessages.stream()
                    .anyMatch(m -> m.contains("\"type\":\"layer.applied\"")));
    JsonNode response =
        SystemUnderTest.JSON.readTree(
            system.wsMessages.stream()
                .filter(m -> m.contains("\"requestId\":\"r-7\""))
                .findFirst()
                .orElseThrow());
    JsonNode applied =
        SystemUnderTest.JSON.readTree(
            system.wsMessages.stream()
                .filter(m -> m.contains("\"type\":\"layer.applied\""))
                .findFirst()
                .orElseThrow());
    assertThat(response.get("status").asInt()).isEqualTo(200);
    long version = response.get("body").get("stateVersion").asLong();
    assertThat(applied.get("streamId").asText()).isEqualTo("news1");
    assertThat(applied.get("stateVersion").asLong()).isEqualTo(version);
    assertThat(applied.get("commandId").asText())
        .isEqualTo(response.get("body").get("commandId").asText());
    assertThat(applied.get("layerIds").get(0).asText()).isEqualTo("box");
    assertThat(system.wsMessages).noneMatch(m -> m.contains("\"type\":\"stream.status\""));
  }

  @Test
  @Order(7)
  void assets_uploadSniffedAndLimited_thenUsedByAnImageLayer() throws Exception {
    Path root = Path.of(System.getProperty("sm.root", "..")).toAbsolutePath().normalize();
    byte[] png = Files.readAllBytes(root.resolve("docs/assets/demo-logo.png"));
    HttpResponse<String> up =
        system.http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + system.apiPort + "/api/assets"))
                .header("Content-Type", "application/octet-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(png))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
    JsonNode asset = json(up);
    assertThat(asset.get("type").asText()).isEqualTo("image/png");
    assertThat(asset.get("width").asInt()).isEqualTo(240);
    String id = asset.get("id").asText();

    HttpResponse<byte[]> down =
        system.http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + system.apiPort + "/api/assets/" + id))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(down.body()).isEqualTo(png);
    assertThat(down.headers().firstValue("content-type")).hasValue("image/png");

    HttpResponse<String> layer =
        system.post(
            "/api/streams/news1/layers?wait=true",
            "{\"id\":\"logo\",\"type\":\"image\",\"x\":10,\"y\":10,\"src\":\"asset:" + id + "\"}");
    assertThat(layer.statusCode()).as(layer.body()).isEqualTo(200);
    assertThat(system.getJson("/api/streams/news1/layers/logo").get("src").asText())
        .isEqualTo("asset:" + id);
    HttpResponse<String> missing =
        system.post(
            "/api/streams/news1/layers?wait=true",
            "{\"id\":\"ghost\",\"type\":\"image\",\"src\":\"asset:" + "0".repeat(64) + "\"}");
    assertThat(missing.statusCode()).isEqualTo(404);

    byte[] broken = java.util.Arrays.copyOf(png, 40);
    HttpResponse<String> unreadable =
        system.http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + system.apiPort + "/api/assets"))
                .header("Content-Type", "image/png")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(broken))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(unreadable.statusCode()).as(unreadable.body()).isEqualTo(422);
    HttpResponse<String> text =
        system.send("POST", "/api/assets", "just text", "Content-Type", "image/png");
    assertThat(text.statusCode())
        .as("type is sniffed from the bytes, not trusted from the header")
        .isEqualTo(415);
    HttpResponse<String> bomb =
        system.http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + system.apiPort + "/api/assets"))
                .header("Content-Type", "image/png")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofByteArray(pngHeader(30_000, 30_000)))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(bomb.statusCode()).as(bomb.body()).isEqualTo(413);
    assertThat(json(bomb).get("detail").asText()).contains("30000x30000");
  }

  /**
   * A PNG signature and IHDR claiming a huge picture: enough for a reader to see its size, nothing
   * to decode.
   */
  static byte[] pngHeader(int width, int height) {
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes())
        .putInt(width)
        .putInt(height)
        .put((byte) 8)
        .put((byte) 6)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(ihdr.array());
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4);
    out.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
        .putInt(13)
        .put(ihdr.array())
        .putInt((int) crc.getValue());
    return out.array();
  }

  @Test
  @Order(8)
  void hostileInput_neverGetsA5xx() throws Exception {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    List<String> bodies =
        List.of(
            "",
            "null",
            "[]",
            "42",
            "\"text\"",
            "{",
            deep,
            "{\"id\":null,\"type\":null}",
            "{\"id\":\"" + "x".repeat(10_000) + "\",\"type\":\"rect\"}",
            "{\"id\":\"a\",\"type\":\"text\",\"text\":\"\\u0000\\ud800\",\"size\":1e308}",
            "{\"id\":\"a\",\"type\":\"rect\",\"x\":1e999,\"width\":-0,\"height\":\"NaN\",\"color\":[]}",
            "{\"operations\":[{\"op\":\"patch\",\"id\":\"box\",\"changes\":[1]}],\"at\":{\"frame\":-1}}",
            "{\"operations\":null,\"transition\":{\"durationMs\":1e12,\"easing\":7}}",
            "{\"action\":{\"start\":true},\"at\":{\"time\":\"yesterday\"}}",
            "{\"id\":\"s\",\"resolution\":\"99999x99999\",\"fps\":1.5,\"outputs\":[{\"url\":\"file:///etc/passwd\"}]}",
            "{\"x\":{\"y\":{\"z\":null}},\"crop\":{\"left\":\"a\"},\"type\":\"ellipse\"}");
    List<String[]> targets =
        List.of(
            new String[] {"POST", "/api/layers"},
            new String[] {"POST", "/api/streams/news1/layers"},
            new String[] {"PUT", "/api/streams/news1/layers/box"},
            new String[] {"PATCH", "/api/streams/news1/layers/box"},
            new String[] {"POST", "/api/streams/news1/batch"},
            new String[] {"POST", "/api/streams/news1/control"},
            new String[] {"POST", "/api/streams"},
            new String[] {"PATCH", "/api/streams/news1"},
            new String[] {"POST", "/api/stream/control"},
            new String[] {"DELETE", "/api/streams/news1/layers/%00"},
            new String[] {"GET", "/api/commands/..%2F"});
    for (String[] t : targets) {
      for (String body : bodies) {
        HttpResponse<String> r = system.send(t[0], t[1], body.isEmpty() ? null : body);
        assertThat(r.statusCode())
            .as(
                "%s %s with %s -> %s",
                t[0], t[1], body.length() > 60 ? body.substring(0, 60) + "..." : body, r.body())
            .isLessThan(500);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
      }
    }
  }

  @Test
  @Order(9)
  void deleteStream_removesIt() throws Exception {
    HttpResponse<String> deleted = system.send("DELETE", "/api/streams/news1?wait=true", null);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(system.send("GET", "/api/streams/news1", null).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(11)
  void history_stateAtAVersionOrTime_andDiff_explainWhatChangedAndWhy() throws Exception {
    assertThat(
            system
                .post("/api/streams?wait=true", "{\"id\":\"hist1\",\"resolution\":\"320x180\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            system
                .post(
                    "/api/streams/hist1/layers?wait=true",
                    "{\"id\":\"bg\",\"type\":\"color\"," + "\"color\":\"#000000\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            system
                .post(
                    "/api/streams/hist1/layers?wait=true",
                    "{\"id\":\"box\",\"type\":\"rect\",\"x\":10,"
                        + "\"y\":10,\"width\":20,\"height\":20,\"color\":\"#FF0000\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            system
                .send("PATCH", "/api/streams/hist1/layers/box?wait=true", "{\"x\":50}")
                .statusCode())
        .isEqualTo(200);
    // Only layer-service can decide this one (a schedule needs a live stream): rejected, and in the
    // history.
    assertThat(
            system
                .send(
                    "PATCH",
                    "/api/streams/hist1/layers/box?wait=true",
                    "{\"x\":60,\"at\":{\"frame\":90}}")
                .statusCode())
        .isEqualTo(422);

    // The history: every decision, in order, with who sent it and what came of it
    JsonNode history = system.getJson("/api/streams/hist1/history");
    List<String> lines = new ArrayList<>();
    history
        .get("items")
        .forEach(
            i ->
                lines.add(
                    i.get("action").asText()
                        + " "
                        + i.get("result").asText()
                        + " "
                        + (i.has("stateVersion")
                            ? "v" + i.get("stateVersion").asLong()
                            : i.get("code").asText() + " " + i.get("field").asText())
                        + " by "
                        + i.get("issuedBy").asText()));
    assertThat(lines)
        .containsExactly(
            "stream_create applied v1 by anonymous",
            "layer_upsert applied v2 by anonymous",
            "layer_upsert applied v3 by anonymous",
            "layer_patch applied v4 by anonymous",
            "layer_patch rejected invalid /at by anonymous");
    assertThat(history.get("next").isNull()).isTrue();
    JsonNode firstPage = system.getJson("/api/streams/hist1/history?limit=2");
    assertThat(firstPage.get("items")).hasSize(2);
    JsonNode secondPage = system.getJson(firstPage.get("next").asText());
    assertThat(secondPage.get("items").get(0).get("stateVersion").asLong()).isEqualTo(3);

    // The state at a version, and at the time version 3 was decided, is the state of version 3
    JsonNode v3 = system.getJson("/api/streams/hist1/state?at=version:3");
    assertThat(v3.get("version").asLong()).isEqualTo(3);
    assertThat(v3.get("layers").get(1).get("x").asDouble()).isEqualTo(10);
    String decidedV3 = history.get("items").get(2).get("decidedAt").asText();
    assertThat(system.getJson("/api/streams/hist1/state?at=" + decidedV3).get("version").asLong())
        .isEqualTo(3);

    // The diff names the layer and the property that changed
    JsonNode diff = system.getJson("/api/streams/hist1/diff?from=3&to=4");
    assertThat(diff.get("changed").toString())
        .isEqualTo("[{\"id\":\"box\",\"changes\":{\"x\":{\"from\":10.0," + "\"to\":50.0}}}]");
    assertThat(diff.get("added")).isEmpty();
    assertThat(diff.get("removed")).isEmpty();

    // Bad queries name the field
    HttpResponse<String> badLimit = system.send("GET", "/api/streams/hist1/history?limit=0", null);
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(json(badLimit).get("errors").get(0).get("field").asText()).isEqualTo("/limit");
    HttpResponse<String> badAt = system.send("GET", "/api/streams/hist1/state?at=yesterday", null);
    assertThat(badAt.statusCode()).isEqualTo(400);
    assertThat(json(badAt).get("errors").get(0).get("field").asText()).isEqualTo("/at");
  }

  @Test
  @Order(10)
  void commandsRightAfterACreateAnswered202_followItInsteadOfA404() throws Exception {
    HttpResponse<String> created =
        system.post("/api/streams", "{\"id\":\"quick1\",\"resolution\":\"320x180\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    HttpResponse<String> layer =
        system.post(
            "/api/streams/quick1/layers?wait=true",
            "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"#00FF00\"}");
    assertThat(layer.statusCode()).as(layer.body()).isEqualTo(200);
    assertThat(system.getJson("/api/streams/quick1/layers").get(0).get("id").asText())
        .isEqualTo("bg");
    // A command layer-service finds semantically invalid answers 422 naming the field: a schedule
    // needs a live stream
    HttpResponse<String> notLive =
        system.post(
            "/api/streams/quick1/layers?wait=true",
            "{\"id\":\"later\",\"type\":\"color\",\"color\":\"red\",\"at\":{\"frame\":100}}");
    assertThat(notLive.statusCode()).as(notLive.body()).isEqualTo(422);
    assertThat(json(notLive).get("errors").get(0).get("field").asText()).isEqualTo("/at");
    assertThat(system.send("DELETE", "/api/streams/quick1?wait=true", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  @Order(11)
  void anUnknownLayer_isAnswered404AtOnce_byEveryMethod_withOrWithoutWait() throws Exception {
    assertThat(
            system
                .post("/api/streams?wait=true", "{\"id\":\"same1\",\"resolution\":\"320x180\"}")
                .statusCode())
        .isEqualTo(200);
    List<String> answers = new ArrayList<>();
    for (String wait : List.of("", "?wait=true")) {
      answers.add(
          status(system.send("PATCH", "/api/streams/same1/layers/ghost" + wait, "{\"x\":1}")));
      answers.add(status(system.send("DELETE", "/api/streams/same1/layers/ghost" + wait, null)));
      answers.add(
          status(
              system.post(
                  "/api/streams/same1/batch" + wait,
                  "{\"operations\":[{\"op\":\"remove\",\"id\":\"ghost\"}]}")));
      answers.add(
          status(
              system.post(
                  "/api/streams/same1/batch" + wait,
                  "{\"operations\":[{\"op\":\"patch\",\"id\":\"ghost\",\"changes\":{\"x\":1}}]}")));
      answers.add(status(system.send("DELETE", "/api/streams/nope1/layers/ghost" + wait, null)));
    }
    assertThat(answers).containsOnly("404");
    assertThat(system.getJson("/api/streams/same1/history").get("items")).hasSize(1);

    // A layer just posted (202, not yet applied) is known: a PATCH and a DELETE right after it
    // follow it in order.
    assertThat(
            system
                .post(
                    "/api/streams/same1/layers",
                    "{\"id\":\"fresh\",\"type\":\"color\",\"color\":\"red\"}")
                .statusCode())
        .isEqualTo(202);
    assertThat(
            system
                .send("PATCH", "/api/streams/same1/layers/fresh", "{\"opacity\":0.5}")
                .statusCode())
        .isEqualTo(202);
    assertThat(
            system.send("DELETE", "/api/streams/same1/layers/fresh?wait=true", null).statusCode())
        .isEqualTo(200);
    assertThat(system.getJson("/api/streams/same1/history").get("items"))
        .extracting(i -> i.get("action").asText() + " " + i.get("result").asText())
        .containsExactly(
            "stream_create applied",
            "layer_upsert applied",
            "layer_patch applied",
            "layer_remove applied");
    assertThat(system.send("DELETE", "/api/streams/same1?wait=true", null).statusCode())
        .isEqualTo(200);
  }

  private static String status(HttpResponse<String> r) {
    return r.statusCode() + (r.statusCode() == 404 ? "" : " " + r.body());
  }

  private static void assertColor(int[] rgb, int r, int g, int b, String where) {
    assertThat(rgb)
        .as(where + " was rgb(%d,%d,%d)", rgb[0], rgb[1], rgb[2])
        .satisfies(
            p -> {
              assertThat(Math.abs(p[0] - r)).isLessThanOrEqualTo(48);
              assertThat(Math.abs(p[1] - g)).isLessThanOrEqualTo(48);
              assertThat(Math.abs(p[2] - b)).isLessThanOrEqualTo(48);
            });
  }
}
