package io.streammanager.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real {@code redis-server} (found on PATH) running as a subprocess on 127.0.0.1, without
 * persistence.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *     config.useSingleServer().setAddress(redis.url());
 * }
 * }</pre>
 *
 * {@link #start} returns once the server answers PING (about 30 ms). Its output goes to a temporary
 * log file, quoted in the error when it does not start. {@link #close} sends SHUTDOWN NOSAVE, falls
 * back to killing the process and waits until it is gone; a JVM shutdown hook kills it too when
 * close is never called.
 */
public final class RedisServer implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(10);

  /**
   * How to start redis-server.
   *
   * @param port TCP port on 127.0.0.1, 0 = a free port
   * @param password {@code --requirepass} value; null = no password
   * @param executable program name looked up on PATH, or a path to it; "redis-server" by default
   * @param shutdownHook whether a JVM shutdown hook kills the process if {@link #close} was not
   *     called; true by default, false for an owner that closes it from its own hook (as {@link
   *     LocalStackMain})
   */
  public record Settings(int port, String password, String executable, boolean shutdownHook) {

    public Settings {
      List<String> errors = new ArrayList<>();
      if (!Ports.isValidOrZero(port)) {
        errors.add("port must be 0 (a free port) or 1.." + Ports.MAX_PORT + ", was " + port);
      }
      if (password != null && password.isEmpty()) {
        errors.add("password must not be empty (use null for no password)");
      }
      if (executable == null || executable.isBlank()) {
        errors.add("executable must not be blank (use redis-server)");
      }
      if (!errors.isEmpty()) {
        throw new IllegalArgumentException(
            "invalid RedisServer.Settings: " + String.join("; ", errors));
      }
    }

    /** A free port, no password, redis-server from PATH, with a shutdown hook. */
    public static Settings defaults() {
      return new Settings(0, null, "redis-server", true);
    }

    public Settings withPort(int newPort) {
      return new Settings(newPort, password, executable, shutdownHook);
    }

    public Settings withPassword(String newPassword) {
      return new Settings(port, newPassword, executable, shutdownHook);
    }

    public Settings withExecutable(String newExecutable) {
      return new Settings(port, password, newExecutable, shutdownHook);
    }

    public Settings withShutdownHook(boolean newShutdownHook) {
      return new Settings(port, password, executable, newShutdownHook);
    }
  }

  private final Process process;
  private final int port;
  private final String password;
  private final Path logFile;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisServer(
      Process process, int port, String password, Path logFile, Thread shutdownHook) {
    this.process = process;
    this.port = port;
    this.password = password;
    this.logFile = logFile;
    this.shutdownHook = shutdownHook;
  }

  /** Starts redis-server with {@link Settings#defaults()}. */
  public static RedisServer start() {
    return start(Settings.defaults());
  }

  /**
   * Starts redis-server and waits up to {@link #START_TIMEOUT} until it answers PING.
   *
   * @throws IllegalStateException when redis-server is not installed, the port is taken or it does
   *     not answer
   */
  public static RedisServer start(Settings settings) {
    Path executable = findExecutable(settings.executable());
    int port = settings.port() == 0 ? Ports.free(HOST, 1)[0] : settings.port();
    if (settings.port() != 0) {
      Ports.requireFree(
          HOST, port, "Redis port", "pick another RedisServer.Settings.port (0 = free)");
    }
    Path logFile = createLogFile();
    List<String> command = command(executable, port);
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
      try (var stdin = process.getOutputStream()) {
        if (settings.password() != null) {
          stdin.write(
              ("requirepass \""
                      + settings.password().replace("\\", "\\\\").replace("\"", "\\\"")
                      + "\"\n")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      deleteQuietly(logFile);
      throw new IllegalStateException("cannot run " + executable + ": " + e.getMessage(), e);
    }
    Thread hook = null;
    if (settings.shutdownHook()) {
      hook = new Thread(() -> kill(process), "redis-server-" + port + "-reaper");
      Runtime.getRuntime().addShutdownHook(hook);
    }
    RedisServer server = new RedisServer(process, port, settings.password(), logFile, hook);
    try {
      server.awaitPong();
      return server;
    } catch (RuntimeException e) {
      String log = server.logTail();
      server.close();
      throw new IllegalStateException(
          "redis-server on "
              + HOST
              + ":"
              + port
              + " did not start: "
              + e.getMessage()
              + (log.isEmpty() ? "" : "\n--- redis-server output ---\n" + log),
          e);
    }
  }

  /**
   * The command line: no password on it ({@code ps} shows it to every local user); "-" makes
   * redis-server read the rest of its configuration, the password, from stdin.
   */
  static List<String> command(Path executable, int port) {
    return List.of(
        executable.toString(),
        "-",
        "--port",
        Integer.toString(port),
        "--bind",
        HOST,
        "--save",
        "",
        "--appendonly",
        "no");
  }

  /** "redis://127.0.0.1:port" (without the password). */
  public String url() {
    return "redis://" + HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** The operating-system process id of redis-server. */
  public long pid() {
    return process.pid();
  }

  /**
   * Stops redis-server (SHUTDOWN NOSAVE, then killing it) and waits until the process is gone.
   * Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (process.isAlive()) {
        requestShutdown();
        if (!awaitExit(STOP_TIMEOUT)) {
          kill(process);
        }
      }
    } finally {
      removeShutdownHook();
      deleteQuietly(logFile);
    }
  }

  private void awaitPong() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String lastProblem = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited with status " + process.exitValue());
      }
      try (RespConnection connection = RespConnection.open(HOST, port, PROBE_TIMEOUT)) {
        if (password != null) {
          String auth = connection.call("AUTH", password);
          if (!"OK".equals(auth)) {
            throw new IllegalStateException("AUTH answered " + auth);
          }
        }
        String pong = connection.call("PING");
        if ("PONG".equals(pong)) {
          return;
        }
        lastProblem = "PING answered " + pong;
      } catch (IOException e) {
        lastProblem = e.toString();
      }
      awaitExit(
          PROBE_INTERVAL); // returns at once if redis-server dies; otherwise the probe interval
    }
    throw new IllegalStateException(
        "no PONG within " + START_TIMEOUT.toSeconds() + " s (" + lastProblem + ")");
  }

  private void requestShutdown() {
    try (RespConnection connection = RespConnection.open(HOST, port, STOP_TIMEOUT)) {
      if (password != null) {
        connection.call("AUTH", password);
      }
      connection.call("SHUTDOWN", "NOSAVE"); // on success the server closes the connection
    } catch (IOException expected) {
      // EOF after SHUTDOWN, or the server is already going: awaitExit decides
    }
  }

  private boolean awaitExit(Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** SIGTERM, then SIGKILL if it lingers; waits until the process is gone. */
  private static void kill(Process process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void removeShutdownHook() {
    if (shutdownHook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException jvmShuttingDown) {
      // the hook runs anyway and finds the process gone
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  static Path findExecutable(String name) {
    if (name.contains(File.separator)) {
      Path path = Path.of(name);
      if (Files.isExecutable(path)) {
        return path;
      }
      throw new IllegalStateException(
          name
              + " is not an executable file: install Redis with"
              + " `sudo apt-get install redis-server` or point RedisServer.Settings.executable at redis-server");
    }
    String pathVariable = System.getenv().getOrDefault("PATH", "");
    for (String dir : pathVariable.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        name
            + " was not found on PATH ("
            + pathVariable
            + "): install it with"
            + " `sudo apt-get install redis-server` (Debian/Ubuntu) and try again");
  }

  private static Path createLogFile() {
    try {
      return Files.createTempFile("local-stack-redis-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the redis-server log file", e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a stray temp file is harmless
    }
  }
}
