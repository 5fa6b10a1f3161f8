package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
