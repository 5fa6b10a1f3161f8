package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.ByteString;
import io.streammanager.kit.config.PlatformConfig.RedisSettings;
import io.streammanager.kit.kafka.KafkaSettingsFactory;
import io.streammanager.kit.kafka.Publisher;
import io.streammanager.kit.redis.RedisConnector;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.BatchOperation;
import io.streammanager.proto.Command;
import io.streammanager.proto.Compression;
import io.streammanager.proto.DeadLetter;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.ImageRef;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerBatch;
import io.streammanager.proto.LayerRemove;
import io.streammanager.proto.LayerUpsert;
import io.streammanager.proto.OutputConfig;
import io.streammanager.proto.PixelFormat;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamCreate;
import io.streammanager.proto.TextBlock;
import io.streammanager.proto.Tick;
import io.streammanager.proto.Topics;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fuzz suite: at least 10,000 hostile requests generated from the gateway's own openapi.yaml
 * ({@link HostileRequests}), hand-written raw HTTP and WebSocket abuse, and poison records written
 * straight to every topic a service consumes, against the whole running system. Seeded ({@code
 * -Dfuzz.seed}, {@code -Dfuzz.requests}): the same seed sends the same requests. Then: no answer
 * was a 5xx, no process exited, every poison record is a dead letter, and a stream nobody may
 * change is byte for byte what it was.
 */
class FuzzIT {
  static final long SEED = Long.getLong("fuzz.seed", 20261203L);
  static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
  static final String ADMIN = "admin-token-for-fuzzing-0123456789";
  static final Map<String, String> TOKENS =
      Map.of(
          "admin",
          ADMIN,
          "fuzzer",
          "fuzzer-token-0123456789",
          "one",
          "one-stream-token-0123456789",
          "reader",
          "reader-token-0123456789",
          "viewer",
          "viewer-token-0123456789",
          "none",
          "");
  static final List<String> STREAMS =
      List.of("fz0", "fz1", "fz2", "fz3", "fz4", "default", "untouched");
  static final List<String> LAYERS = List.of("bg", "box", "t", "c", "nope");
  static SystemUnderTest system;

  @BeforeAll
  static void startSystem() throws Exception {
    system =
        new SystemUnderTest(
            "fuzz",
            Map.ofEntries(
                Map.entry("ADMIN_TOKEN", ADMIN),
                Map.entry(
                    "API_KEYS",
                    "fuzzer:"
                        + TOKENS.get("fuzzer")
                        + ":streams:write;one:"
                        + TOKENS.get("one")
                        + ":stream:fz0:write;reader:"
                        + TOKENS.get("reader")
                        + ":read;viewer:"
                        + TOKENS.get("viewer")
                        + ":stream:fz1:read"),
                Map.entry("RATE_LIMIT", "0"),
                Map.entry("AUTH_TRUST_LOOPBACK", "true"),
                Map.entry("MAX_STREAMS", "16"),
                Map.entry("MAX_PIXEL_RATE", String.valueOf(320 * 180 * 30)),
                Map.entry("MAX_BITRATE", "2000"),
                Map.entry("STREAM_RESOLUTION", "320x180"),
                Map.entry("STREAM_BITRATE", "500"),
                Map.entry("MAX_LAYERS", "64"),
                Map.entry("WS_MAX_CONNECTIONS_PER_ADDRESS", "40")));
  }

  @AfterAll
  static void stopSystem() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  static HttpResponse<String> admin(String method, String path, String json) throws Exception {
    return system.send(method, path, json, "Authorization", "Bearer " + ADMIN);
  }

  @Test
  void hostileRequestsAndPoisonRecords_neverBreakTheSystem() throws Exception {
    // Given streams to aim at, and one that nobody in the fuzz may change
    for (String id : List.of("untouched", "fz0", "fz1")) {
      assertThat(admin("POST", "/api/streams?wait=true", "{\"id\":\"" + id + "\"}").statusCode())
          .isEqualTo(200);
      assertThat(
              admin(
                      "POST",
                      "/api/streams/" + id + "/batch?wait=true",
                      "{\"operations\":["
                          + "{\"op\":\"upsert\",\"layer\":{\"id\":\"bg\",\"type\":\"color\",\"color\":\"#102030\"}},"
                          + "{\"op\":\"upsert\",\"layer\":{\"id\":\"box\",\"type\":\"rect\",\"x\":10,\"y\":10,\"width\":50,"
                          + "\"height\":40,\"color\":\"red\"}},{\"op\":\"upsert\",\"layer\":{\"id\":\"t\",\"type\":\"text\","
                          + "\"text\":\"untouched\",\"x\":5,\"y\":100}}]}")
                  .statusCode())
          .isEqualTo(200);
    }
    var redis = RedisConnector.connect(new RedisSettings(system.redis.url(), ""));
    StateStore store = new StateStore(redis);
    byte[] before = store.head("untouched").orElseThrow().toByteArray();
    String layersBefore = admin("GET", "/api/streams/untouched/layers", null).body();
    JsonNode openapi =
        new ObjectMapper(new YAMLFactory())
            .readTree(system.send("GET", "/openapi.yaml", null).body());

    // When the hostile requests, the raw HTTP and WebSocket abuse and the poison records are sent
    Map<String, AtomicLong> byClass = new TreeMap<>();
    List<String> failures = new CopyOnWriteArrayList<>();
    long start = System.nanoTime();
    int sent = sendHostileRequests(openapi, byClass, failures);
    int raw = sendRawAbuse(byClass, failures);
    int ws = sendWebSocketAbuse(failures);
    Map<String, String> poison = sendPoisonRecords();
    Set<String> deadLettered = awaitDeadLetters(poison.keySet(), Duration.ofSeconds(60));
    double seconds = (System.nanoTime() - start) / 1e9;

    System.out.printf(
        "fuzz.seed %d%nfuzz.requests %d%nfuzz.operations %d%nfuzz.raw_requests %d%n"
            + "fuzz.websocket_sessions %d%n",
        SEED,
        sent,
        new HostileRequests(SEED, openapi, STREAMS, LAYERS, TOKENS).operationCount(),
        raw,
        ws);
    byClass.forEach((k, v) -> System.out.printf("fuzz.status.%s %d%n", k, v.get()));
    System.out.printf(
        "fuzz.poison_records %d%nfuzz.dead_letters %d%nfuzz.seconds %.1f%n",
        poison.size(), deadLettered.size(), seconds);

    // Then nothing answered 5xx or leaked a stack trace, no process died, every poison record is a
    // dead letter
    assertThat(sent).isGreaterThanOrEqualTo(REQUESTS);
    assertThat(failures)
        .as("requests answered 5xx or with a stack trace (seed %d)", SEED)
        .isEmpty();
    assertThat(byClass.keySet()).doesNotContain("5xx");
    for (String service :
        List.of("api-gateway", "layer-service", "render-worker", "encoder-worker")) {
      assertThat(system.process(service).healthy())
          .as(service + " healthy after the fuzz")
          .isTrue();
    }
    Map<String, String> missing = new TreeMap<>(poison);
    missing.keySet().removeAll(deadLettered);
    assertThat(missing)
        .as("poison records not dead-lettered (topic-partition@offset -> what)")
        .isEmpty();
    // And the stream no fuzzing key may change is exactly what it was
    assertThat(store.head("untouched").orElseThrow().toByteArray()).isEqualTo(before);
    assertThat(admin("GET", "/api/streams/untouched/layers", null).body()).isEqualTo(layersBefore);
    redis.shutdown();
  }

  /**
   * The generated requests, 16 at a time; a request naming "untouched" goes only with keys that may
   * not change it.
   */
  private static int sendHostileRequests(
      JsonNode openapi, Map<String, AtomicLong> byClass, List<String> failures) throws Exception {
    HostileRequests gen = new HostileRequests(SEED, openapi, STREAMS, LAYERS, TOKENS);
    Random keys = new Random(SEED + 1);
    List<String> names =
        List.of(
            "fuzzer", "fuzzer", "fuzzer", "fuzzer", "admin", "admin", "one", "one", "reader",
            "viewer", "none");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<HostileRequests.Request> requests = new ArrayList<>();
    while (requests.size() < REQUESTS) {
      String key = names.get(keys.nextInt(names.size()));
      HostileRequests.Request r = gen.next(key);
      // No token from this machine is the trusted loopback admin (AUTH_TRUST_LOOPBACK): a writer
      // too.
      boolean writer = key.equals("admin") || key.equals("fuzzer") || key.equals("none");
      if (writer && (r.path().contains("/untouched") || r.path().startsWith("/api/keys"))) {
        continue;
      }
      requests.add(r);
    }
    AtomicLong clientRefused = new AtomicLong();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (HostileRequests.Request r : requests) {
        pool.submit(
            () -> {
              try {
                HttpRequest.Builder b =
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + system.apiPort + r.path()))
                        .timeout(Duration.ofSeconds(30));
                r.headers().forEach(b::header);
                b.method(
                    r.method(),
                    r.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : r.chunked()
                            ? HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(r.body()))
                            : HttpRequest.BodyPublishers.ofByteArray(r.body()));
                HttpResponse<String> res =
                    http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                count(byClass, res.statusCode() / 100 + "xx");
                if (res.statusCode() >= 500
                    || res.body().contains("Exception")
                    || res.body().contains("\tat ")) {
                  failures.add(res.statusCode() + " " + res.body() + " <- " + r.describe());
                }
              } catch (IllegalArgumentException e) {
                clientRefused
                    .incrementAndGet(); // a URI or header Java's client will not send: counted, not
                // sent
                count(byClass, "not_sendable");
              } catch (java.io.IOException e) {
                // The gateway may close a connection on a body it refuses (413): that is an answer
                // too.
                count(byClass, "closed");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.MINUTES))
          .as("the fuzz finished in 5 minutes")
          .isTrue();
    }
    return (int) (requests.size() - clientRefused.get());
  }

  /**
   * What only a raw socket sends: other Hosts and Origins without a token, broken framing, header
   * floods.
   */
  private static int sendRawAbuse(Map<String, AtomicLong> byClass, List<String> failures)
      throws Exception {
    int port = system.apiPort;
    String json = "{\"id\":\"evil\",\"type\":\"color\",\"color\":\"red\"}";
    List<byte[]> requests = new ArrayList<>();
    for (String host :
        List.of("evil.example", "127.0.0.1.evil.example", "localhost.", "[::2]", "", "a b")) {
      requests.add(
          RawHttp.request(
              "POST",
              "/api/streams/untouched/layers",
              json,
              "Content-Type: application/json",
              "Host: " + host));
    }
    for (String extra :
        List.of(
            "Origin: http://evil.example",
            "Origin: null",
            "Sec-Fetch-Site: cross-site",
            "Sec-Fetch-Site: same-site")) {
      requests.add(
          RawHttp.request(
              "POST",
              "/api/streams/untouched/layers",
              json,
              "Content-Type: application/json",
              extra));
      requests.add(RawHttp.request("DELETE", "/api/streams/untouched/layers/bg", null, extra));
    }
    // (From loopback these are trusted like any curl here: the socket decides, never a forwarding
    // header.)
    for (String extra : List.of("X-Forwarded-For: 10.9.8.7", "Forwarded: for=10.9.8.7")) {
      requests.add(
          RawHttp.request(
              "POST", "/api/streams/fz2/layers", json, "Content-Type: application/json", extra));
    }
    requests.add(RawHttp.request("POST", "/api/streams/untouched/layers", json));
    requests.add(
        ("POST /api/streams/untouched/layers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                + "\r\nTransfer-Encoding: chunked\r\nOrigin: http://evil.example\r\n\r\nzz\r\n"
                + json
                + "\r\n0\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    requests.add(
        ("GET /api/streams HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Pad: "
                + "a".repeat(70_000)
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    StringBuilder many = new StringBuilder("GET /api/streams HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (int i = 0; i < 500; i++) {
      many.append("X-").append(i).append(": ").append(i).append("\r\n");
    }
    requests.add(many.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
    requests.add(
        "BREW /api/streams HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.UTF_8));
    requests.add(
        "GET /api/streams/../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            .getBytes(StandardCharsets.UTF_8));
    requests.add("GET /api/streams HTTP/1.1\nHost: 127.0.0.1\n\n".getBytes(StandardCharsets.UTF_8));
    requests.add(
        ("POST /api/streams HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 99999999999\r\n\r\n{}")
            .getBytes(StandardCharsets.UTF_8));
    requests.add(
        ("POST /api/streams HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n{}")
            .getBytes(StandardCharsets.UTF_8));
    for (byte[] request : requests) {
      RawHttp.Answer a = RawHttp.send(port, request);
      count(byClass, a.status() < 0 ? "closed" : a.status() / 100 + "xx");
      if (a.status() >= 500) {
        failures.add(
            "raw: "
                + a.text().lines().findFirst().orElse("")
                + " <- "
                + new String(request, 0, Math.min(request.length, 120), StandardCharsets.UTF_8));
      }
      if (new String(request, StandardCharsets.UTF_8).contains("/api/streams/untouched")
          && a.status() >= 200
          && a.status() < 300) {
        failures.add(
            "raw: untouched was changed without a token: "
                + a.text().lines().findFirst().orElse(""));
      }
    }
    return requests.size();
  }

  /**
   * WebSocket clients sending what they should not; the hub answers or closes, and stays up for the
   * others.
   */
  private static int sendWebSocketAbuse(List<String> failures) throws Exception {
    Random random = new Random(SEED + 2);
    List<String> messages =
        List.of(
            "not json",
            "{}",
            "[]",
            "{\"type\":\"identify\",\"token\":\"nope\"}",
            "{\"type\":\"identify\",\"token\":" + "[".repeat(3000) + "}",
            "{\"type\":\"subscribe\",\"streams\":" + "[\"untouched\",\"*\"],\"events\":[\"x\"]}",
            "{\"type\":\"request\",\"method\":\"DELETE\",\"path\":\"/api/streams/untouched\"}",
            "{\"type\":\"request\",\"method\":\"GET\",\"path\":\"http://169.254.169.254/\"}",
            "{\"type\":\"request\",\"method\":\"GET\",\"path\":\"/api/../../etc\"}",
            "\u0000\uFFFF");
    int sessions = 0;
    for (int i = 0; i < 30; i++) {
      try (WsClient ws = WsClient.connect(system.wsPort)) {
        sessions++;
        if (i % 3 == 0) {
          ws.send("{\"type\":\"identify\",\"token\":\"" + TOKENS.get("viewer") + "\"}");
        }
        for (int m = 0; m < 5; m++) {
          ws.send(messages.get(random.nextInt(messages.size())));
        }
        ws.send(
            "{\"type\":\"request\",\"requestId\":\"end\",\"method\":\"GET\",\"path\":\"/api/streams\"}");
        String end = ws.await("\"requestId\":\"end\"", Duration.ofSeconds(10));
        if (end.contains("\"status\":5")) {
          failures.add("websocket: " + end);
        }
      }
    }
    return sessions;
  }

  /** Poison records on every topic a service consumes; topic-partition@offset -> what it was. */
  private static Map<String, String> sendPoisonRecords() throws Exception {
    Map<String, String> sent = new ConcurrentHashMap<>();
    byte[] garbage = {0x00, (byte) 0xFF, 0x13, 0x37};
    Instant now = Instant.now();
    try (Publisher publisher = new Publisher(system.kafka.bootstrapServers(), "fuzz-poison", 0)) {
      for (String topic :
          List.of(
              Topics.COMMANDS.name(),
              Topics.TICKS.name(),
              Topics.FRAMES.name(),
              Topics.EVENTS.name(),
              Topics.JOB_TICKS.name(),
              Topics.JOB_FRAMES.name(),
              Topics.REDRAWS.name())) {
        for (String key : List.of("untouched", "fz0", "p/" + topic)) {
          record(sent, publisher.sendRaw(topic, key, garbage).get(), "garbage");
        }
      }
      Command.Builder base =
          Command.newBuilder().setIssuedAt(ProtoTime.of(now)).setIssuedBy("fuzz-kafka");
      record(
          sent,
          publisher
              .send(
                  Topics.COMMANDS,
                  "untouched",
                  base.clone().setCommandId("p-noaction").setStreamId("untouched").build())
              .get(),
          "a command without an action");
      record(
          sent,
          publisher
              .send(
                  Topics.COMMANDS,
                  "untouched",
                  base.clone()
                      .setCommandId("p-text")
                      .setStreamId("untouched")
                      .setLayerUpsert(
                          LayerUpsert.newBuilder()
                              .setLayer(
                                  Layer.newBuilder()
                                      .setId("t")
                                      .setText(TextBlock.newBuilder().setText("x".repeat(50_000)))))
                      .build())
              .get(),
          "a text over MAX_TEXT_CHARS past the gateway");
      LayerBatch.Builder batch = LayerBatch.newBuilder();
      for (int i = 0; i < 101; i++) {
        batch.addOperations(
            BatchOperation.newBuilder().setRemove(LayerRemove.newBuilder().setLayerId("bg")));
      }
      record(
          sent,
          publisher
              .send(
                  Topics.COMMANDS,
                  "untouched",
                  base.clone()
                      .setCommandId("p-batch")
                      .setStreamId("untouched")
                      .setBatch(batch)
                      .build())
              .get(),
          "a batch over MAX_BATCH_OPERATIONS");
      record(
          sent,
          publisher
              .send(
                  Topics.COMMANDS,
                  "untouched",
                  base.clone()
                      .setCommandId("p-bomb")
                      .setStreamId("untouched")
                      .setLayerUpsert(
                          LayerUpsert.newBuilder()
                              .setLayer(
                                  Layer.newBuilder()
                                      .setId("bomb")
                                      .setImage(ImageRef.getDefaultInstance()))
                              .setImageData(ByteString.copyFrom(SecurityIT.bombPng())))
                      .build())
              .get(),
          "an inline pixel bomb past the gateway");
      record(
          sent,
          publisher
              .send(
                  Topics.COMMANDS,
                  "pgopher",
                  base.clone()
                      .setCommandId("p-gopher")
                      .setStreamId("pgopher")
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
                                              .setUrl("gopher:127.0.0.1:6379/9/x.flv"))))
                      .build())
              .get(),
          "a stream create with a gopher output past the gateway");
      // Emitted "later": a worker behind by seconds must not skip it as stale (it would never be
      // judged).
      Tick.Builder tick =
          Tick.newBuilder()
              .setStreamId("nosuch")
              .setRunId("r")
              .setFrame(7)
              .setStateVersion(99)
              .setEmittedAt(ProtoTime.of(Instant.now().plusSeconds(60)))
              .setPresentationTime(ProtoTime.of(now));
      record(
          sent,
          publisher.send(Topics.TICKS, Topics.tickKey("nosuch", 7), tick.build()).get(),
          "a tick of a snapshot that does not exist");
      record(
          sent,
          publisher.send(Topics.JOB_TICKS, "job-x", tick.clone().setJobId("job-x").build()).get(),
          "a render job of a snapshot that does not exist");
      record(
          sent,
          publisher.send(Topics.JOB_TICKS, "job-y", tick.clone().clearJobId().build()).get(),
          "a render job without a job id");
      FrameChunk.Builder chunk =
          FrameChunk.newBuilder()
              .setStreamId("nosuch")
              .setRunId("r")
              .setFrame(1)
              .setPixelFormat(PixelFormat.PIXEL_FORMAT_YUV420P)
              .setWidth(320)
              .setHeight(180)
              .setCompression(Compression.COMPRESSION_LZ4)
              .setRawSize(320 * 180 * 3 / 2)
              .setPayload(ByteString.copyFrom(garbage));
      record(
          sent,
          publisher
              .send(
                  Topics.FRAMES, "nosuch", chunk.clone().setChunkIndex(5).setChunkCount(1).build())
              .get(),
          "a chunk past its frame's chunk count");
      record(
          sent,
          publisher
              .send(
                  Topics.FRAMES,
                  "nosuch",
                  chunk
                      .clone()
                      .setChunkIndex(0)
                      .setChunkCount(1)
                      .setCompression(Compression.COMPRESSION_ZSTD)
                      .build())
              .get(),
          "a frame in a compression nobody reads");
    }
    return sent;
  }

  private static void record(Map<String, String> sent, RecordMetadata m, String what) {
    sent.put(m.topic() + "-" + m.partition() + "@" + m.offset(), what);
  }

  /**
   * The topic-partition@offset of every dead letter that names one of {@code wanted}, once all are
   * there.
   */
  private static Set<String> awaitDeadLetters(Set<String> wanted, Duration timeout) {
    var settings =
        KafkaSettingsFactory.consumer(system.kafka.bootstrapServers(), "fuzz-dlq", "fuzz-dlq");
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Set<String> found = ConcurrentHashMap.newKeySet();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(settings)) {
      c.subscribe(List.of(Topics.DEAD_LETTERS.name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!found.containsAll(wanted) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(300))) {
          DeadLetter letter = Topics.DEAD_LETTERS.parseValue(r.value());
          String at =
              letter.getSourceTopic() + "-" + letter.getPartition() + "@" + letter.getOffset();
          if (wanted.contains(at)) {
            found.add(at);
          }
        }
      }
    }
    return found;
  }

  private static void count(Map<String, AtomicLong> byClass, String what) {
    synchronized (byClass) {
      byClass.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }
  }
}
