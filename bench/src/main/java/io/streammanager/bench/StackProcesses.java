package io.streammanager.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The stack's processes by instance name, as the launcher that supervises them records them in
 * {@code var/run/<name>.pid} (a restarted one under its new pid): killed, stopped and continued the
 * way an operator or a failing machine would.
 */
final class StackProcesses {
  private final Path runDir;

  StackProcesses(Path runDir) {
    this.runDir = runDir;
  }

  /** The instance's pid now. */
  long pid(String name) throws IOException {
    Path file = runDir.resolve(name + ".pid");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no " + file + ": is " + name + " one of the stack's?");
    }
    return Long.parseLong(Files.readString(file).trim());
  }

  /** {@code kill -9}. */
  long kill(String name) throws IOException {
    long pid = pid(name);
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    return pid;
  }

  /** {@code kill -STOP}: the process stops answering, holding its sockets. */
  void stall(String name) throws IOException, InterruptedException {
    signal("STOP", pid(name));
  }

  /** {@code kill -CONT}. */
  void resume(String name) throws IOException, InterruptedException {
    signal("CONT", pid(name));
  }

  /**
   * Restarts local-stack's broker ({@code kill -USR1}: it stops and starts again on its ports and
   * data, Redis running on).
   */
  void restartBroker() throws IOException, InterruptedException {
    signal("USR1", pid("local-stack"));
  }

  /** True once the launcher restarted the instance under a pid other than {@code old}. */
  boolean restarted(String name, long old) {
    try {
      long now = pid(name);
      return now != old && ProcessHandle.of(now).isPresent();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void signal(String signal, long pid) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + pid + " failed");
    }
  }
}
