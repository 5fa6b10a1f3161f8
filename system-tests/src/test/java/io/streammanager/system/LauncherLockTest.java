package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One local stack per checkout: while a launcher holds the checkout's lock, a second {@code up} (or
 * {@code demo}, {@code bench}) stops at once, naming the running one, and starts nothing, so it can
 * neither take its ports nor delete its broker's files.
 */
class LauncherLockTest {
  @Test
  void aSecondLaunchInOneCheckout_isRefused_namingTheRunningOne(@TempDir Path dir)
      throws Exception {
    LauncherCopy launcher = LauncherCopy.of(dir);
    Path run = Files.createDirectories(dir.resolve("var/run"));
    Process holder =
        new ProcessBuilder("flock", run.resolve("stack.lock").toString(), "sleep", "60").start();
    try {
      Files.writeString(run.resolve("stack.pid"), holder.pid() + " demo\n");
      Path data = Files.createDirectories(dir.resolve("var/data/kafka"));
      awaitLocked(run.resolve("stack.lock"));

      LauncherCopy.Run second = launcher.run("up");

      assertThat(second.exitCode()).isEqualTo(1);
      assertThat(second.output())
          .contains(
              "another ./stream-manager demo runs the local stack of this checkout (pid "
                  + holder.pid()
                  + "): stop it first (Ctrl-C there, or kill -INT "
                  + holder.pid()
                  + ")");
      assertThat(data).as("the running one's broker files").exists();
      assertThat(Files.readString(run.resolve("stack.pid"))).isEqualTo(holder.pid() + " demo\n");
    } finally {
      holder.destroy();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Until flock holds the lock (flock -n fails on it), checked the way the launcher checks it. */
  private static void awaitLocked(Path lock) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Process probe = new ProcessBuilder("flock", "-n", lock.toString(), "true").start();
      if (probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() != 0) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("flock never held " + lock);
  }
}
