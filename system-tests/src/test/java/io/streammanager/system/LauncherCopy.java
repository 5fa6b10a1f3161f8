package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The launcher copied into a folder of its own (with the pom it reads its JDK from), so a test can
 * run it as a user would without touching the checkout it runs in.
 */
final class LauncherCopy {
  static final Path ROOT =
      Path.of(System.getProperty("sm.root", "..")).toAbsolutePath().normalize();

  /** What one run printed (stdout and stderr together) and its exit code. */
  record Run(int exitCode, String output) {}

  /** The jars the launcher starts: local-stack, bench and the four services. */
  static final List<String> MODULES =
      List.of(
          "local-stack",
          "bench",
          "api-gateway",
          "layer-service",
          "render-worker",
          "encoder-worker");

  private final Path dir;

  LauncherCopy(Path dir, String pom) throws IOException {
    this.dir = dir;
    Files.copy(ROOT.resolve("stream-manager"), dir.resolve("stream-manager"));
    Files.writeString(dir.resolve("pom.xml"), pom);
    dir.resolve("stream-manager").toFile().setExecutable(true);
  }

  static LauncherCopy of(Path dir) throws IOException {
    return new LauncherCopy(dir, Files.readString(ROOT.resolve("pom.xml")));
  }

  Path dir() {
    return dir;
  }

  /**
   * The checkout's built jars linked into the copy (the launcher then finds them up to date and
   * builds nothing), so {@code up} runs the real services from the copy's own {@code var/}.
   */
  LauncherCopy withBuiltJars() throws IOException {
    for (String module : MODULES) {
      Path jar = ROOT.resolve(module).resolve("target").resolve(module + ".jar");
      assertThat(jar).as("built first (mvn package)").exists();
      Path target = Files.createDirectories(dir.resolve(module).resolve("target"));
      Files.createSymbolicLink(target.resolve(module + ".jar"), jar);
    }
    Files.setLastModifiedTime(
        dir.resolve("pom.xml"), java.nio.file.attribute.FileTime.fromMillis(0));
    return this;
  }

  /** The bench scene's logo and font linked into the copy (what a benchmark's scene draws). */
  LauncherCopy withBenchAssets() throws IOException {
    Path fonts = Path.of("render-worker/src/main/resources/fonts");
    for (Path p : List.of(Path.of("docs/assets"), fonts)) {
      Files.createDirectories(dir.resolve(p).getParent());
      Files.createSymbolicLink(dir.resolve(p), ROOT.resolve(p));
    }
    return this;
  }

  /**
   * {@code ./stream-manager args...} left running with {@code env} added to a clean environment
   * (none of the stack's variables inherited), its output going to {@code launcher.out}.
   */
  Started start(Map<String, String> env, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("./stream-manager"));
    command.addAll(List.of(args));
    Path out = dir.resolve("launcher.out");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment()
        .keySet()
        .removeIf(
            k ->
                k.matches(
                    "PORT|WS_PORT|METRICS_PORT|HEALTH_PORT|STREAM_.*|AUDIO_.*|REDIS_.*|KAFKA_.*"
                        + "|TARGET_FPS|RENDER_QUALITY|ENV_FILE|ADMIN_TOKEN|API_KEYS|AUTH_.*"
                        + "|RENDER_WORKERS|ENCODER_WORKERS|LAYER_SERVICES|GATEWAYS"));
    pb.environment().putAll(env);
    return new Started(pb.start(), out);
  }

  /** A launcher left running and what it printed so far. */
  record Started(Process process, Path out) {
    /**
     * Whatever happened in the test, nothing of this launch outlives it: the launcher is stopped
     * (SIGTERM, then SIGKILL after 90 s), then anything still running from the copy's folder.
     */
    void forceStop() throws InterruptedException {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
      String dir = out.getParent().toString();
      ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().orElse("").contains(dir))
          .forEach(ProcessHandle::destroyForcibly);
    }

    String output() {
      try {
        return Files.readString(out);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** {@code ./stream-manager args...}, which must end within 60 s. */
  Run run(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("./stream-manager"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
    return new Run(p.exitValue(), out);
  }
}
