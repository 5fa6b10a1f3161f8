package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./stream-manager up} as a user runs it, from a copy of the launcher with the built jars:
 * it supervises its processes like a small init (a service process that dies is restarted on its
 * own ports, logged and counted, and the others keep running), two gateways answer on one address
 * (the gateway-front) and a dead one fails no call, and a start that fails half-way leaves nothing
 * running.
 */
class LauncherSupervisionIT {
  private static final Duration START = Duration.ofMinutes(3);

  @Test
  void aKilledRenderWorker_isRestartedOnItsPorts_andTheOthersKeepRunning(@TempDir Path dir)
      throws Exception {
    LauncherCopy launcher = LauncherCopy.of(dir).withBuiltJars();
    Map<String, String> env = stackEnv();
    env.put("RENDER_WORKERS", "2");
    LauncherCopy.Started up = launcher.start(env, "up");
    try {
      Await.until(START, () -> "up ready:\n" + up.output(), () -> ready(up));
      assertThat(up.output())
          .contains("render-worker-2")
          .contains("var/logs/render-worker-2.log")
          .contains("var/logs/render-worker.log");
      Map<String, Long> before = pids(dir);
      assertThat(before)
          .containsOnlyKeys(
              "local-stack",
              "api-gateway",
              "layer-service",
              "render-worker",
              "encoder-worker",
              "render-worker-2");

      ProcessHandle.of(before.get("render-worker-2")).orElseThrow().destroyForcibly();

      Await.until(
          START,
          () -> "render-worker-2 restarted and healthy:\n" + up.output(),
          () -> up.output().contains("render-worker-2 is healthy again"));
      String out = up.output();
      assertThat(out)
          .containsPattern(
              "render-worker-2 exited \\(code 137\\) after \\d+s; restarting it in 1s \\(restart"
                  + " #1; log: .*/var/logs/render-worker-2.log\\)")
          .containsPattern("restarted render-worker-2 \\(pid \\d+, restart #1\\)")
          .doesNotContain("stopping");
      Map<String, Long> after = pids(dir);
      assertThat(after.get("render-worker-2")).isNotEqualTo(before.get("render-worker-2"));
      before.remove("render-worker-2");
      after.remove("render-worker-2");
      assertThat(after).as("the others were not restarted").isEqualTo(before);
      assertThat(before.values()).allMatch(pid -> ProcessHandle.of(pid).isPresent());
      assertThat(Files.readString(dir.resolve("var/logs/render-worker-2.log")))
          .as("the restart appends to the log it had")
          .containsPattern("(?s)worker \\S+ rendering.*worker \\S+ rendering");

      stop(up);
      assertThat(up.process().exitValue()).isZero();
      assertThat(up.output())
          .contains("restarts while running: render-worker-2 1")
          .contains("everything stopped");
      assertThat(pids(dir)).as("pid files removed").isEmpty();
      assertNothingLeft(dir, env);
    } finally {
      up.forceStop();
    }
  }

  @Test
  void twoGateways_answerOnOneAddress_andOneKilledFailsNoCall(@TempDir Path dir) throws Exception {
    LauncherCopy launcher = LauncherCopy.of(dir).withBuiltJars();
    Map<String, String> env = stackEnv();
    int port = FreePorts.block(21);
    int wsPort = FreePorts.block(21);
    env.put("PORT", Integer.toString(port));
    env.put("WS_PORT", Integer.toString(wsPort));
    env.put("GATEWAYS", "2");
    // The front passes the caller's Host on (loopback trust through it), and a list of origins with
    // spaces reaches every gateway whole.
    env.put("AUTH_TRUST_LOOPBACK", "true");
    env.put("ALLOWED_ORIGINS", "https://a.example, https://b.example");
    LauncherCopy.Started up = launcher.start(env, "up");
    try {
      Await.until(START, () -> "up ready:\n" + up.output(), () -> ready(up));
      assertThat(up.output())
          .contains(
              "gateway-front    (nginx: HTTP :" + port + " and WebSocket :" + wsPort + " to the 2")
          .contains("(HTTP :" + (port + 10) + ", WebSocket :" + (wsPort + 10) + ")")
          .contains("(HTTP :" + (port + 20) + ", WebSocket :" + (wsPort + 20) + ")");
      Map<String, Long> before = pids(dir);
      assertThat(before).containsKeys("gateway-front", "api-gateway", "api-gateway-2");
      String token = env.get("ADMIN_TOKEN");
      HttpClient http = HttpClient.newHttpClient();
      assertThat(call(http, port, token, "POST", "/api/streams?wait=true", "{\"id\":\"front\"}"))
          .isEqualTo(200);
      assertThat(call(http, port, null, "GET", "/api/streams", null))
          .as("a curl on this machine without a token, through the front")
          .isEqualTo(200);
      WebSocket ws =
          http.newWebSocketBuilder()
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + wsPort + "/ws"), new WebSocket.Listener() {})
              .get(10, TimeUnit.SECONDS);
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);

      ProcessHandle gateway = ProcessHandle.of(before.get("api-gateway")).orElseThrow();
      gateway.destroyForcibly();
      gateway.onExit().get(10, TimeUnit.SECONDS);
      List<Integer> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        answers.add(call(http, port, token, "GET", "/api/streams", null));
        answers.add(
            call(
                http,
                port,
                token,
                "POST",
                "/api/streams/front/layers?wait=true",
                "{\"id\":\"t" + i + "\",\"type\":\"text\",\"text\":\"" + i + "\"}"));
      }
      assertThat(answers)
          .as("every call through the front while one gateway is dead")
          .containsOnly(200);

      Await.until(
          START,
          () -> "api-gateway restarted and healthy:\n" + up.output(),
          () -> up.output().contains("api-gateway is healthy again"));
      stop(up);
      assertThat(up.process().exitValue()).isZero();
      assertNothingLeft(dir, env);
      assertThat(listening(port)).as("the front's port").isFalse();
    } finally {
      up.forceStop();
    }
  }

  private static int call(
      HttpClient http, int port, String token, String method, String path, String json)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void aStartThatFailsHalfWay_leavesNothingRunning(@TempDir Path dir) throws Exception {
    LauncherCopy launcher = LauncherCopy.of(dir).withBuiltJars();
    Map<String, String> env = stackEnv();
    env.put("TARGET_FPS", "abc");
    LauncherCopy.Started up = launcher.start(env, "up");
    try {
      assertThat(up.process().waitFor(START.toSeconds(), TimeUnit.SECONDS)).isTrue();

      assertThat(up.process().exitValue()).isEqualTo(1);
      assertThat(up.output())
          .contains("local stack ready")
          .contains("api-gateway did not become healthy (log: ")
          .contains("TARGET_FPS")
          .contains("everything stopped");
      assertNothingLeft(dir, env);
    } finally {
      up.forceStop();
    }
  }

  /** Free ports for everything the stack listens on, a token, and a small silent stream. */
  private static Map<String, String> stackEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", Integer.toString(FreePorts.next()));
    env.put("WS_PORT", Integer.toString(FreePorts.next()));
    env.put("METRICS_PORT", Integer.toString(FreePorts.block(6)));
    env.put("HEALTH_PORT", Integer.toString(FreePorts.block(6)));
    env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + FreePorts.next());
    env.put("REDIS_URL", "redis://127.0.0.1:" + FreePorts.next());
    env.put("ADMIN_TOKEN", "sm_launcher_supervision_test_token");
    env.put("STREAM_RESOLUTION", "320x180");
    env.put("AUDIO_ENABLED", "false");
    return env;
  }

  private static boolean ready(LauncherCopy.Started up) {
    if (!up.process().isAlive()) {
      throw new AssertionError("up ended:\n" + up.output());
    }
    return up.output().contains("ready. Ctrl-C stops everything.");
  }

  /** var/run/<instance>.pid, as the launcher writes them. */
  private static Map<String, Long> pids(Path dir) throws IOException {
    Map<String, Long> pids = new HashMap<>();
    try (var files = Files.list(dir.resolve("var/run"))) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".pid") && !name.equals("stack.pid")) {
          pids.put(
              name.substring(0, name.length() - 4), Long.parseLong(Files.readString(f).trim()));
        }
      }
    }
    return pids;
  }

  /** SIGTERM, as a service manager stops it (Ctrl-C takes the same path). */
  private static void stop(LauncherCopy.Started up) throws InterruptedException {
    up.process().destroy();
    assertThat(up.process().waitFor(2, TimeUnit.MINUTES)).as("up stopped").isTrue();
  }

  /** No process runs from the copy, and nothing listens on the stack's Kafka and Redis ports. */
  private static void assertNothingLeft(Path dir, Map<String, String> env) {
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .toList())
        .as("processes started from " + dir)
        .isEmpty();
    assertThat(listening(port(env.get("KAFKA_BOOTSTRAP_SERVERS")))).as("Kafka's port").isFalse();
    assertThat(listening(port(env.get("REDIS_URL")))).as("Redis's port (redis-server)").isFalse();
  }

  private static int port(String address) {
    Matcher m = Pattern.compile(":(\\d+)$").matcher(address);
    assertThat(m.find()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }
}
