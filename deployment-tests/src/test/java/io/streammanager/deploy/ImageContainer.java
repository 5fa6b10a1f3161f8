package io.streammanager.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An image run the way a container runtime runs it, without one: its layers extracted into a root
 * file system, then its entrypoint executed inside it (own mount and PID namespaces, /proc and /dev
 * mounted, chroot, the image's working directory, user and environment). It shares the host's
 * network, so it reaches a broker on 127.0.0.1. Needs root, as CI has.
 */
final class ImageContainer implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final String service;
  private final Process process;
  private final Path log;

  private ImageContainer(String service, Process process, Path log) {
    this.service = service;
    this.process = process;
    this.log = log;
  }

  /** Fails with what to do when this machine cannot run images from their root file system. */
  static void requireRoot() {
    String uid =
        Command.run(Duration.ofSeconds(10), List.of("id", "-u")).requireSuccess().out().strip();
    if (!uid.equals("0")) {
      throw new AssertionError(
          "starting the images from their root file system needs root (mount and PID "
              + "namespaces, chroot); CI runs as root. Run the build as root, or skip the integration tests with -Dquick");
    }
  }

  /**
   * Starts {@code image}'s entrypoint in {@code rootfs} with the image's environment plus {@code
   * env}.
   */
  static ImageContainer start(OciImage image, Path rootfs, Map<String, String> env) {
    JsonNode config = image.containerConfig();
    String[] user = config.path("User").asText().split(":");
    List<String> command =
        new ArrayList<>(
            List.of(
                Tools.required("unshare", "util-linux").toString(),
                "--mount",
                "--pid",
                "--fork",
                "--kill-child",
                "--mount-proc=" + rootfs.resolve("proc"),
                "/bin/sh",
                "-c",
                "root=$1; wd=$2; uid=$3; gid=$4; shift 4; "
                    + Tools.required("mount", "mount")
                    + " --rbind /dev \"$root/dev\""
                    + " && exec "
                    + Tools.required("unshare", "util-linux")
                    + " --root=\"$root\" --wd=\"$wd\" --setuid \"$uid\" --setgid \"$gid\" \"$@\"",
                "sh",
                rootfs.toString(),
                config.path("WorkingDir").asText("/"),
                user[0],
                user.length > 1 ? user[1] : user[0]));
    config.path("Entrypoint").forEach(arg -> command.add(arg.asText()));
    config.path("Cmd").forEach(arg -> command.add(arg.asText()));

    Map<String, String> environment = new HashMap<>();
    config
        .path("Env")
        .forEach(
            e -> {
              String[] kv = e.asText().split("=", 2);
              environment.put(kv[0], kv[1]);
            });
    environment.putAll(env);
    Path log = image.dir().resolve("container.log");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().clear();
      builder.environment().putAll(environment);
      return new ImageContainer(image.service(), builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + image.refName(), e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The last lines the container printed, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return service
          + " ("
          + log
          + "):\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return service + ": no log (" + e.getMessage() + ")";
    }
  }

  /**
   * SIGTERM to the service (as `docker stop` does), SIGKILL after {@link #STOP_TIMEOUT}. The JVM is
   * PID 1 of its namespace and changed its user, so it is signalled itself, not through the unshare
   * parent.
   */
  @Override
  public void close() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(STOP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        handle.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        handle.destroyForcibly();
      }
    }
  }
}
