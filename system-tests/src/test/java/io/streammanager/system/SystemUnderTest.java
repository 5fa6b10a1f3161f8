package io.streammanager.system;

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
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The whole system on real parts: an in-process KRaft broker, redis-server, nginx-rtmp (recording
 * everything) and the four services as processes started from their jars, plus an HTTP client and a
 * WebSocket listener.
 */
final class SystemUnderTest implements AutoCloseable {
  static final String[] SERVICES = {
    "api-gateway", "layer-service", "render-worker", "encoder-worker"
  };
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();
  Path work;
  KafkaBroker kafka;
  RedisServer redis;
  NginxRtmp nginx;
  int apiPort;
  int wsPort;
  final Queue<String> wsMessages = new ConcurrentLinkedQueue<>();
  java.net.http.WebSocket ws;
  private final List<ServiceProcess> services = new ArrayList<>();

  /** METRICS_PORT of each service. */
  final Map<String, Integer> metricsPorts = new HashMap<>();

  Path root;

  /** The environment every service got. */
  private final Map<String, String> common = new HashMap<>();

  /** Where the encoder writes a stream's file outputs: RECORDINGS_DIR/&lt;stream&gt;/. */
  Path recordings(String streamId) {
    return work.resolve("recordings").resolve(streamId);
  }

  /**
   * Starts everything; {@code env} adds to or overrides the services' environment ({@code {nginx}}
   * in a value is the RTMP receiver's port).
   */
  SystemUnderTest(String name, Map<String, String> env) throws Exception {
    try {
      start(name, env);
    } catch (Exception | Error e) {
      // Whatever started is stopped again: a failed start leaves no process behind.
      try {
        close();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private void start(String name, Map<String, String> env) throws Exception {
    root = Path.of(System.getProperty("sm.root", "..")).toAbsolutePath().normalize();
    work = Files.createDirectories(root.resolve("system-tests/target/" + name));
    kafka = KafkaBroker.start();
    redis = RedisServer.start();
    nginx = NginxRtmp.start(Files.createDirectories(work.resolve("nginx")));
    apiPort = FreePorts.next();
    wsPort = FreePorts.next();
    common.putAll(
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            kafka.bootstrapServers(),
            "REDIS_URL",
            redis.url(),
            "PORT",
            String.valueOf(apiPort),
            "WS_PORT",
            String.valueOf(wsPort),
            "STREAM_RESOLUTION",
            "640x360",
            "TARGET_FPS",
            "30",
            "STREAM_BITRATE",
            "1500",
            "AUDIO_ENABLED",
            "true",
            "AUDIO_CODEC",
            "aac",
            "RECORDINGS_DIR",
            work.resolve("recordings").toString()));
    env.forEach((k, v) -> common.put(k, v.replace("{nginx}", String.valueOf(nginx.port()))));
    for (String service : SERVICES) {
      Map<String, String> own = new HashMap<>(common);
      int metricsPort = FreePorts.next();
      metricsPorts.put(service, metricsPort);
      own.put("METRICS_PORT", String.valueOf(metricsPort));
      own.put("HEALTH_PORT", String.valueOf(FreePorts.next()));
      services.add(ServiceProcess.start(root, service, own, work.resolve("logs")));
    }
    for (ServiceProcess s : services) {
      Await.until(Duration.ofSeconds(90), () -> s.name + " healthy; log:\n" + s.tail(), s::healthy);
    }
    ws =
        http.newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://127.0.0.1:" + wsPort + "/ws"),
                new java.net.http.WebSocket.Listener() {
                  private final StringBuilder partial = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(
                      java.net.http.WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      wsMessages.add(partial.toString());
                      partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
  }

  /**
   * One more instance of a service with the same environment (its own ports), healthy; {@link
   * #close} stops it too. Its METRICS_PORT is kept under {@code instance}.
   */
  ServiceProcess addInstance(String module, String instance) throws Exception {
    return addInstance(module, instance, Map.of());
  }

  /** {@link #addInstance(String, String)} with {@code env} added (a second gateway's PORT, ...). */
  ServiceProcess addInstance(String module, String instance, Map<String, String> env)
      throws Exception {
    Map<String, String> own = new HashMap<>(common);
    own.putAll(env);
    int metricsPort = FreePorts.next();
    metricsPorts.put(instance, metricsPort);
    own.put("METRICS_PORT", String.valueOf(metricsPort));
    own.put("HEALTH_PORT", String.valueOf(FreePorts.next()));
    ServiceProcess p = ServiceProcess.start(root, module, instance, own, work.resolve("logs"));
    services.add(p);
    Await.until(Duration.ofSeconds(90), () -> instance + " healthy; log:\n" + p.tail(), p::healthy);
    return p;
  }

  /** The running process of a service or an added instance. */
  ServiceProcess process(String instance) {
    return services.stream()
        .filter(s -> s.name.equals(instance))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no process " + instance));
  }

  /** The sum of a metric's samples on a service's (or instance's) /metrics, 0 when absent. */
  double metric(String service, String name) throws Exception {
    double sum = 0;
    for (String line : metrics(service).body().split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  HttpResponse<String> send(String method, String path, String json, String... headers)
      throws Exception {
    return sendVia("127.0.0.1", method, path, json, headers);
  }

  /**
   * A call to the API through one of this machine's addresses (the gateway sees it come from
   * there).
   */
  HttpResponse<String> sendVia(
      String host, String method, String path, String json, String... headers) throws Exception {
    return sendTo(host, apiPort, method, path, json, headers);
  }

  /** A call to the API of the gateway listening on {@code port} (a second one, say). */
  HttpResponse<String> sendTo(
      String host, int port, String method, String path, String json, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null
        && java.util.Arrays.stream(headers).noneMatch("Content-Type"::equalsIgnoreCase)) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET /metrics of a service. */
  HttpResponse<String> metrics(String service) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPorts.get(service) + "/metrics"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return send("POST", path, json);
  }

  JsonNode getJson(String path) {
    try {
      return JSON.readTree(send("GET", path, null).body());
    } catch (Exception e) {
      throw new AssertionError("GET " + path + " failed", e);
    }
  }

  @Override
  public void close() throws Exception {
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).close();
    }
    services.clear();
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
}
