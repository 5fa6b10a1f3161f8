package io.streammanager.localstack;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-stack.jar}: Kafka and Redis as one long-lived process for {@code
 * ./stream-manager demo} and {@code up}. See {@link LocalStackConfig#USAGE} for arguments and
 * environment.
 *
 * <p>Its stdout is the launcher's contract, which is why it prints lines instead of logging them:
 *
 * <ul>
 *   <li>{@code local-stack ready kafka=127.0.0.1:<port> redis=redis://127.0.0.1:<port>} once both
 *       answer;
 *   <li>{@code local-stack stopped} after SIGTERM / Ctrl-C stopped Kafka, then Redis;
 *   <li>{@code local-stack broker restarting}, then {@code local-stack broker restarted after <s>
 *       s} on SIGUSR1: the broker stops and starts again on its ports and data while Redis runs on
 *       (a broker restart for {@code ./stream-manager chaos}, or by hand: {@code kill -USR1}).
 * </ul>
 *
 * Exit status 2 means bad arguments or environment, 1 a port in use or a start failure; every error
 * is on stderr.
 */
public final class LocalStackMain {

  private final Object lifecycle = new Object();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final PrintStream out;
  private LocalStack stack;
  private boolean shuttingDown;

  private LocalStackMain(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws InterruptedException {
    QuietLogging.installMainConfiguration();
    LocalStackConfig config;
    try {
      config = LocalStackConfig.parse(List.of(args), System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("local-stack: " + e.getMessage().replace("\n", "\nlocal-stack: "));
      System.err.println(LocalStackConfig.USAGE);
      System.exit(2);
      return;
    }
    if (config.help()) {
      System.out.println(LocalStackConfig.USAGE);
      return;
    }
    int status = new LocalStackMain(System.out).run(config);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Starts the stack and blocks until the JVM shuts down; returns a non-zero status when it cannot
   * start.
   */
  private int run(LocalStackConfig config) throws InterruptedException {
    config.notes().forEach(note -> out.println("local-stack: " + note));
    try {
      config.requirePortsFree();
    } catch (IllegalStateException e) {
      System.err.println("local-stack: " + e.getMessage());
      return 1;
    }
    // Registered before starting so a SIGTERM during start still stops whatever started (it waits
    // for start).
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "local-stack-shutdown"));
    out.println(
        "local-stack starting kafka="
            + LocalStackConfig.HOST
            + ":"
            + config.kafkaPort()
            + " redis=redis://"
            + LocalStackConfig.HOST
            + ":"
            + config.redisPort()
            + (config.dataDir() == null ? "" : " data-dir=" + config.dataDir().toAbsolutePath())
            + (config.redisPassword() == null ? "" : " (redis requires REDIS_PASSWORD)"));
    long started = System.nanoTime();
    synchronized (lifecycle) {
      if (shuttingDown) {
        return 0;
      }
      try {
        stack = LocalStack.start(config.kafkaSettings(), config.redisSettings());
      } catch (RuntimeException e) {
        System.err.println("local-stack failed to start: " + e.getMessage());
        return 1; // System.exit happens after this block releases the lock the shutdown hook takes
      }
    }
    out.printf(
        "local-stack kafka and redis answered after %.1f s%n", (System.nanoTime() - started) / 1e9);
    out.println(
        "local-stack ready kafka="
            + stack.kafka().bootstrapServers()
            + " redis="
            + stack.redis().url());
    sun.misc.Signal.handle(
        new sun.misc.Signal("USR1"),
        signal -> Thread.ofPlatform().name("broker-restart").start(this::restartBroker));
    stopped.await();
    return 0;
  }

  /** SIGUSR1: the broker stops and starts again (same ports, same data); Redis runs on. */
  private void restartBroker() {
    synchronized (lifecycle) {
      if (shuttingDown || stack == null) {
        return;
      }
      out.println("local-stack broker restarting");
      long started = System.nanoTime();
      try {
        stack.restartKafka();
        out.printf(
            "local-stack broker restarted after %.1f s%n", (System.nanoTime() - started) / 1e9);
        return;
      } catch (RuntimeException e) {
        System.err.println("local-stack: the broker did not restart: " + e.getMessage());
      }
    }
    // Outside the lock the shutdown hook takes: without a broker the stack is of no use.
    System.exit(1);
  }

  /** Shutdown hook: Kafka first, then Redis. */
  private void stop() {
    synchronized (lifecycle) {
      shuttingDown = true;
      if (stack == null) {
        return;
      }
      out.println("local-stack stopping");
      try {
        stack.close();
      } finally {
        out.println("local-stack stopped");
        out.flush();
        stopped.countDown();
      }
    }
  }
}
