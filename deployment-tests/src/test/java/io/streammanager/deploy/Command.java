package io.streammanager.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external tool to completion with a time limit, keeping what it printed. */
final class Command {
  /** What a finished command left: its exit code, standard output and standard error. */
  record Result(List<String> command, int exitCode, String out, String err) {
    /** This result, or a failure that shows the command and everything it printed. */
    Result requireSuccess() {
      if (exitCode != 0) {
        throw new AssertionError(describe());
      }
      return this;
    }

    String describe() {
      return String.join(" ", command)
          + " exited "
          + exitCode
          + "\n--- stdout\n"
          + out
          + "\n--- stderr\n"
          + err;
    }
  }

  private Command() {}

  static Result run(Duration timeout, List<String> command) {
    return run(timeout, command, Map.of());
  }

  static Result run(Duration timeout, List<String> command, Map<String, String> env) {
    try {
      Path out = Files.createTempFile("sm-cmd", ".out");
      Path err = Files.createTempFile("sm-cmd", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(new ArrayList<>(command))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(
              String.join(" ", command)
                  + " did not finish within "
                  + timeout.toSeconds()
                  + " s; stderr so far:\n"
                  + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(
            List.copyOf(command),
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    }
  }
}
