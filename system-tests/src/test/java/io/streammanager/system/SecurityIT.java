package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammanager.kit.kafka.Publisher;
import io.streammanager.proto.Command;
import io.streammanager.proto.OutputConfig;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamCreate;
import io.streammanager.proto.Topics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The holes of the security review (../shared/reviews/security.md) against the running system, each
 * closed: output URLs that reach other protocols, stream keys shown to readers, pixel bombs,
 * unbounded outputs and encode cost, chunked and untyped bodies, loopback trust taken by a web
 * page, and WebSocket clients that never identify, come from another site, flood or outlive their
 * key.
 */
class SecurityIT {
  static final String ADMIN = "admin-token-for-security-0123456789";
  static final String READER = "reader-token-0123456789";
  static final String NEWS = "news-writer-token-0123456789";
  static final String VIEWER = "news-viewer-token-0123456789";
  static final String KEY = "SECRET-STREAM-KEY-42";
  static SystemUnderTest system;

  @BeforeAll
  static void startSystem() throws Exception {
    system =
        new SystemUnderTest(
            "security",
            Map.of(
                "ADMIN_TOKEN",
                ADMIN,
                "API_KEYS",
                "reader:"
                    + READER
                    + ":read;news:"
                    + NEWS
                    + ":stream:news1:write;viewer:"
                    + VIEWER
                    + ":stream:news1:read",
                "RATE_LIMIT",
                "0",
                "AUTH_TRUST_LOOPBACK",
                "true",
                "WS_MAX_CONNECTIONS_PER_KEY",
                "2",
                "STREAM_RESOLUTION",
                "320x180"));
    ok(
        as(
            ADMIN,
            "POST",
            "/api/streams?wait=true",
            "{\"id\":\"news1\",\"resolution\":\"320x180\",\"outputs\":"
                + "[{\"url\":\"rtmp://127.0.0.1:1/live/"
                + KEY
                + "\"},{\"url\":\"news1-{run}.flv\"}]}"));
    ok(
        as(
            ADMIN,
            "POST",
            "/api/streams?wait=true",
            "{\"id\":\"other\",\"resolution\":\"320x180\"}"));
  }

  @AfterAll
  static void stopSystem() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  static HttpResponse<String> as(String token, String method, String path, String json)
      throws Exception {
    return system.send(method, path, json, "Authorization", "Bearer " + token);
  }

  static void ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void outputs_otherProtocolsFilesAndMetadataHosts_areRefusedAndNothingIsContacted()
      throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      int port = listener.getLocalPort();
      for (String url :
          new String[] {
            "gopher:127.0.0.1:" + port + "/9/\\r\\nHSET sm:api-keys evil x\\r\\nx.flv",
            "gopher:127.0.0.1:" + port + "/9/x.flv",
            "file:/tmp/sm-owned.flv",
            "/tmp/sm-owned.flv",
            "../other/x.flv",
            "tcp:127.0.0.1:" + port + "/x.flv",
            "rtmp://169.254.169.254/live/k",
            "rtmp://2852039166/live/k",
            "srt://127.0.0.1:" + port + "?mode=listener"
          }) {
        HttpResponse<String> r =
            as(NEWS, "PATCH", "/api/streams/news1", "{\"outputs\":[{\"url\":\"" + url + "\"}]}");
        assertThat(r.statusCode()).as("%s: %s", url, r.body()).isEqualTo(400);
        assertThat(r.body()).contains("/outputs/0/url");
      }
      // And a command written straight to Kafka, past the gateway, is refused by layer-service by
      // the same rules
      try (Publisher publisher = new Publisher(system.kafka.bootstrapServers(), "security-it", 0)) {
        publisher
            .send(
                Topics.COMMANDS,
                "sneaky",
                Command.newBuilder()
                    .setCommandId("sneaky-1")
                    .setStreamId("sneaky")
                    .setStreamCreate(
                        StreamCreate.newBuilder()
                            .setConfig(
                                StreamConfig.newBuilder()
                                    .setWidth(320)
                                    .setHeight(180)
                                    .setFps(30)
                                    .setVideoBitrateKbps(500)
                                    .addOutputs(
                                        OutputConfig.newBuilder()
                                            .setUrl("gopher:127.0.0.1:" + port + "/9/x.flv"))))
                    .build())
            .get();
      }
      Await.until(
          Duration.ofSeconds(20),
          () -> "the sneaky create decided",
          () ->
              system.getJson("/api/commands/sneaky-1").path("status").asText().equals("rejected"));
      assertThat(system.getJson("/api/commands/sneaky-1").path("field").asText())
          .isEqualTo("/outputs/0/url");
      assertThat(as(ADMIN, "GET", "/api/streams/sneaky", null).statusCode()).isEqualTo(404);

      listener.setSoTimeout(500);
      org.assertj.core.api.Assertions.assertThatThrownBy(listener::accept)
          .as("nothing connected")
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void streamKeys_areShownOnlyToKeysThatMayChangeTheStream() throws Exception {
    String shown = "rtmp://127.0.0.1:1/live/***";
    JsonNode asReader =
        SystemUnderTest.JSON.readTree(as(READER, "GET", "/api/streams", null).body());
    assertThat(asReader.toString()).doesNotContain(KEY).contains(shown);
    assertThat(as(VIEWER, "GET", "/api/streams/news1", null).body())
        .doesNotContain(KEY)
        .contains(shown);
    assertThat(as(READER, "GET", "/api/streams/news1/status", null).body()).doesNotContain(KEY);
    assertThat(as(READER, "GET", "/api/streams/news1/state?at=version:1", null).body())
        .doesNotContain(KEY)
        .contains(shown);
    assertThat(as(NEWS, "GET", "/api/streams/news1", null).body()).contains(KEY);
    assertThat(as(ADMIN, "GET", "/api/streams/news1", null).body()).contains(KEY);

    // A stream-scoped key sees its own streams only
    JsonNode asNews = SystemUnderTest.JSON.readTree(as(NEWS, "GET", "/api/streams", null).body());
    assertThat(asNews.findValuesAsText("id")).containsExactly("news1");
    assertThat(as(NEWS, "GET", "/api/streams/other", null).statusCode()).isEqualTo(403);
    assertThat(as(VIEWER, "PATCH", "/api/streams/news1", "{\"name\":\"x\"}").statusCode())
        .isEqualTo(403);
  }

  @Test
  void websocket_aReaderHearsOnlyItsStreamsAndNeverAStreamKey() throws Exception {
    try (WsClient ws = WsClient.connect(system.wsPort)) {
      ws.send("{\"type\":\"identify\",\"requestId\":\"i\",\"token\":\"" + VIEWER + "\"}");
      ws.await("\"requestId\":\"i\"", Duration.ofSeconds(5));
      ws.send("{\"type\":\"subscribe\",\"requestId\":\"s\",\"streams\":[\"other\"]}");
      assertThat(ws.await("\"requestId\":\"s\"", Duration.ofSeconds(5))).contains("\"status\":403");
      ws.send("{\"type\":\"subscribe\",\"requestId\":\"t\"}");
      ws.await("\"requestId\":\"t\"", Duration.ofSeconds(5));
      ok(as(NEWS, "POST", "/api/streams/news1/control?wait=true", "{\"action\":\"start\"}"));
      ws.await("\"stream.status\"", Duration.ofSeconds(10));
      ws.await("\"output\":\"rtmp://127.0.0.1:1/live/***\"", Duration.ofSeconds(10));
      ok(as(NEWS, "POST", "/api/streams/news1/control?wait=true", "{\"action\":\"stop\"}"));
      as(
          ADMIN,
          "POST",
          "/api/streams/other/layers?wait=true",
          "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"red\"}");

      assertThat(ws.messages)
          .noneMatch(m -> m.contains(KEY))
          .noneMatch(m -> m.contains("\"streamId\":\"other\""));
    }
  }

  @Test
  void pictures_pixelBomb_isRefusedFromItsHeaderAtUploadAndInline() throws Exception {
    byte[] bomb = bombPng();
    HttpResponse<String> upload =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + system.apiPort + "/api/assets"))
                    .header("Authorization", "Bearer " + ADMIN)
                    .header("Content-Type", "image/png")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bomb))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(413);
    assertThat(upload.body()).contains("8192x8192").contains("ASSET_MAX_PIXELS");

    HttpResponse<String> inline =
        as(
            NEWS,
            "POST",
            "/api/streams/news1/layers",
            "{\"id\":\"bomb\",\"type\":\"image\","
                + "\"src\":\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(bomb)
                + "\"}");
    assertThat(inline.statusCode()).as(inline.body()).isEqualTo(400);
    assertThat(inline.body()).contains("/src").contains("ASSET_MAX_PIXELS");
    assertThat(system.process("layer-service").healthy()).isTrue();
    assertThat(system.process("api-gateway").healthy()).isTrue();
  }

  @Test
  void quotas_outputsAndEncodeCost_areRefusedNamingTheLimit() throws Exception {
    StringBuilder outputs = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      outputs
          .append(i == 0 ? "" : ",")
          .append("{\"url\":\"rtmp://127.0.0.1:1/live/k")
          .append(i)
          .append("\"}");
    }
    HttpResponse<String> many =
        as(NEWS, "PATCH", "/api/streams/news1", "{\"outputs\":[" + outputs + "]}");
    assertThat(many.statusCode()).isEqualTo(400);
    assertThat(many.body()).contains("at most 8 outputs per stream (MAX_OUTPUTS), were 9");

    HttpResponse<String> costly =
        as(
            NEWS,
            "PATCH",
            "/api/streams/news1",
            "{\"resolution\":\"7680x4320\"," + "\"fps\":120,\"bitrate\":100000}");
    assertThat(costly.statusCode()).isEqualTo(400);
    assertThat(costly.body()).contains("MAX_PIXEL_RATE").contains("MAX_BITRATE");

    HttpResponse<String> longText =
        as(
            NEWS,
            "POST",
            "/api/streams/news1/layers",
            "{\"id\":\"t\",\"type\":\"text\"," + "\"text\":\"" + "x".repeat(5000) + "\"}");
    assertThat(longText.statusCode()).isEqualTo(400);
    assertThat(longText.body()).contains("MAX_TEXT_CHARS");
  }

  @Test
  void requests_chunkedJsonOverTheLimitIs413_andJsonWithoutContentTypeIs415() throws Exception {
    byte[] big =
        ("{\"id\":\"t\",\"type\":\"text\",\"text\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> chunked =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + system.apiPort + "/api/streams/news1/layers"))
                    .header("Authorization", "Bearer " + ADMIN)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(big)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);

    RawHttp.Answer untyped =
        RawHttp.send(
            system.apiPort,
            RawHttp.request(
                "POST",
                "/api/streams/news1/control",
                "{\"action\":\"start\"}",
                "Authorization: Bearer " + ADMIN));
    assertThat(untyped.status()).as(untyped.text()).isEqualTo(415);
  }

  @Test
  void loopbackTrust_holdsOnlyForALoopbackHostAndNeverForAnotherSite() throws Exception {
    String host = "Host: 127.0.0.1:" + system.apiPort;
    assertThat(stopWithout("Content-Type: application/json", host))
        .as("curl on this machine")
        .isEqualTo(202);
    assertThat(stopWithout("Content-Type: application/json", "Host: localhost:" + system.apiPort))
        .isEqualTo(202);
    assertThat(
            stopWithout(
                "Content-Type: application/json", "Host: rebind.evil.example:" + system.apiPort))
        .as("DNS rebinding")
        .isEqualTo(401);
    assertThat(stopWithout("Content-Type: application/json", "Origin: http://evil.example"))
        .as("a page of another site")
        .isEqualTo(401);
    assertThat(stopWithout("Content-Type: application/json", host, "Origin: http://127.0.0.1:8888"))
        .as("a page on another port")
        .isEqualTo(401);
    assertThat(
            stopWithout(
                "Content-Type: application/json",
                host,
                "Origin: http://127.0.0.1:" + system.apiPort))
        .as("the gateway's own page")
        .isEqualTo(202);
    assertThat(stopWithout("Content-Type: application/json", "Sec-Fetch-Site: cross-site"))
        .as("a browser's cross-site request")
        .isEqualTo(401);
    assertThat(stopWithout("Content-Type: application/json", host, "X-Forwarded-For: 203.0.113.7"))
        .as("another machine's call passed on by a proxy on this machine")
        .isEqualTo(401);
    assertThat(
            stopWithout(
                "Content-Type: application/json", host, "Forwarded: for=203.0.113.7;proto=http"))
        .as("the same, told in RFC 7239's header")
        .isEqualTo(401);
    assertThat(stopWithout("Content-Type: application/json", host, "X-Forwarded-For: 127.0.0.1"))
        .as("a curl on this machine through a proxy on it")
        .isEqualTo(202);
    assertThat(stopWithout("Content-Type: text/plain")).as("a form a page may post").isEqualTo(415);
  }

  /** A stop of news1 sent without an Authorization header, with these headers: its status. */
  private static int stopWithout(String... headers) throws Exception {
    return RawHttp.send(
            system.apiPort,
            RawHttp.request("POST", "/api/streams/news1/control", "{\"action\":\"stop\"}", headers))
        .status();
  }

  @Test
  void websocket_anotherSitesOriginIsRefused() throws Exception {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WsClient.connect(system.wsPort, "Origin", "http://evil.example").close())
        .hasStackTraceContaining("Unexpected HTTP response status code 403");
    try (WsClient sameHost =
        WsClient.connect(system.wsPort, "Origin", "http://127.0.0.1:" + system.apiPort)) {
      sameHost.send("{\"type\":\"identify\",\"requestId\":\"i\",\"token\":\"" + READER + "\"}");
      assertThat(sameHost.await("\"requestId\":\"i\"", Duration.ofSeconds(5)))
          .contains("\"status\":200");
    }
  }

  @Test
  void websocket_clientsThatDoNotIdentifyFloodOrOutliveTheirKey_areDisconnected() throws Exception {
    try (WsClient silent = WsClient.connect(system.wsPort);
        WsClient flood = WsClient.connect(system.wsPort)) {
      flood.send(
          "{\"type\":\"identify\",\"token\":\""
              + READER
              + "\",\"pad\":\""
              + "x".repeat(1_100_000)
              + "\"}");
      assertThat(flood.awaitClose(Duration.ofSeconds(10)))
          .as("a message over 1 MiB")
          .isEqualTo(1009);
      assertThat(silent.awaitClose(Duration.ofSeconds(15)))
          .as("no identify within 10 s")
          .isEqualTo(1008);
    }

    JsonNode minted =
        SystemUnderTest.JSON.readTree(
            as(ADMIN, "POST", "/api/keys", "{\"name\":\"temp\"," + "\"scopes\":[\"read\"]}")
                .body());
    String token = minted.get("token").asText();
    try (WsClient a = WsClient.connect(system.wsPort);
        WsClient b = WsClient.connect(system.wsPort);
        WsClient c = WsClient.connect(system.wsPort)) {
      for (WsClient ws : new WsClient[] {a, b, c}) {
        ws.send("{\"type\":\"identify\",\"requestId\":\"i\",\"token\":\"" + token + "\"}");
        ws.await("\"requestId\":\"i\"", Duration.ofSeconds(5));
      }
      assertThat(c.await("\"requestId\":\"i\"", Duration.ofSeconds(5)))
          .as("a third connection of one key")
          .contains("\"status\":429")
          .contains("WS_MAX_CONNECTIONS_PER_KEY");

      assertThat(as(ADMIN, "DELETE", "/api/keys/temp", null).statusCode()).isEqualTo(204);
      assertThat(a.awaitClose(Duration.ofSeconds(10))).as("the key was revoked").isEqualTo(1008);
    }
  }

  /** A 16-bit RGBA PNG that says it is 8192x8192 (512 MiB decoded) in a few hundred bytes. */
  static byte[] bombPng() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    chunk(
        out,
        "IHDR",
        ByteBuffer.allocate(13)
            .putInt(8192)
            .putInt(8192)
            .put((byte) 16)
            .put((byte) 6)
            .put((byte) 0)
            .put((byte) 0)
            .put((byte) 0)
            .array());
    Deflater deflater = new Deflater(9);
    deflater.setInput(new byte[8192 * 8 + 1]);
    deflater.finish();
    byte[] idat = new byte[4096];
    int n = deflater.deflate(idat);
    chunk(out, "IDAT", java.util.Arrays.copyOf(idat, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
