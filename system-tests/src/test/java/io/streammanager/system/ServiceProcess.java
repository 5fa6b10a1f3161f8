package io.streammanager.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service started from its jar as a separate OS process, exactly as the launcher starts it. */
final class ServiceProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  final String name;
  final Path log;
  private final Process process;
  private final int healthPort;

  private ServiceProcess(String name, Process process, Path log, int healthPort) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.healthPort = healthPort;
  }

  static ServiceProcess start(Path root, String module, Map<String, String> env, Path logDir)
      throws IOException {
    return start(root, module, module, env, logDir);
  }

  /**
   * Another instance of a module (e.g. a second render worker), logging to {@code <instance>.log}.
   */
  static ServiceProcess start(
      Path root, String module, String instance, Map<String, String> env, Path logDir)
      throws IOException {
    Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build the services first (mvn package)");
    }
    Files.createDirectories(logDir);
    Path log = logDir.resolve(instance + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    java,
                    "--enable-native-access=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow",
                    "--add-modules",
                    "jdk.incubator.vector",
                    "-Xmx512m",
                    "-jar",
                    jar.toString()))
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment()
        .keySet()
        .removeIf(
            k ->
                k.matches(
                    "PORT|WS_PORT|METRICS_PORT|HEALTH_PORT|STREAM_.*|AUDIO_.*"
                        + "|REDIS_.*|KAFKA_.*|TARGET_FPS|RENDER_QUALITY|ENV_FILE"));
    pb.environment().put("ENV_FILE", "/nonexistent/.env");
    pb.environment().putAll(env);
    return new ServiceProcess(instance, pb.start(), log, Integer.parseInt(env.get("HEALTH_PORT")));
  }

  boolean healthy() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          name + " exited with " + process.exitValue() + "; log:\n" + tail());
    }
    try {
      HttpResponse<Void> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits for the process to end by itself and gives its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          name + " still runs after " + timeout.toSeconds() + " s; log:\n" + tail());
    }
    return process.exitValue();
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** {@code kill -9}: the process gets no chance to close anything (a crash, a lost machine). */
  void killNow() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /**
   * {@code kill -STOP}: the process stops answering anyone (a stall, a frozen VM) until resumed.
   */
  void stall() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** {@code kill -CONT} after {@link #stall}. */
  void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    int exit =
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
            .inheritIO()
            .start()
            .waitFor();
    if (exit != 0) {
      throw new IllegalStateException(
          "kill -" + name + " " + process.pid() + " exited with " + exit);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
