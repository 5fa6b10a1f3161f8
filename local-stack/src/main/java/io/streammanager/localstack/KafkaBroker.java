package io.streammanager.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one node) running in this JVM.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start()) {
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 *
 * Start takes about 3 s. {@link #start} returns once the broker answers an AdminClient {@code
 * describeCluster}; {@link #close} shuts it down, waits for that and deletes a temporary data
 * directory.
 */
public final class KafkaBroker implements AutoCloseable {

  /** Longest time {@link #start} waits for the broker to answer. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  /**
   * How to start a broker.
   *
   * @param host address of both listeners and the advertised one; "127.0.0.1" by default
   * @param port PLAINTEXT (client) port, 0 = a free port
   * @param controllerPort CONTROLLER (KRaft quorum) port, 0 = a free port
   * @param dataDir where server.properties and the logs go, kept on close (a restart reuses it);
   *     null = a temporary directory deleted on close
   * @param numPartitions partitions of a topic created without a count (broker {@code
   *     num.partitions})
   */
  public record Settings(
      String host, int port, int controllerPort, Path dataDir, int numPartitions) {

    public Settings {
      List<String> errors = new ArrayList<>();
      if (host == null || host.isBlank()) {
        errors.add("host must not be blank (use 127.0.0.1)");
      }
      if (!Ports.isValidOrZero(port)) {
        errors.add("port must be 0 (a free port) or 1.." + Ports.MAX_PORT + ", was " + port);
      }
      if (!Ports.isValidOrZero(controllerPort)) {
        errors.add(
            "controllerPort must be 0 (a free port) or 1.."
                + Ports.MAX_PORT
                + ", was "
                + controllerPort);
      }
      if (port != 0 && port == controllerPort) {
        errors.add("port and controllerPort must differ, both are " + port);
      }
      if (numPartitions < 1) {
        errors.add("numPartitions must be at least 1, was " + numPartitions);
      }
      if (!errors.isEmpty()) {
        throw new IllegalArgumentException(
            "invalid KafkaBroker.Settings: " + String.join("; ", errors));
      }
    }

    /** 127.0.0.1, free ports, a temporary data directory, 3 partitions per topic. */
    public static Settings defaults() {
      return new Settings("127.0.0.1", 0, 0, null, 3);
    }

    public Settings withPort(int newPort) {
      return new Settings(host, newPort, controllerPort, dataDir, numPartitions);
    }

    public Settings withControllerPort(int newControllerPort) {
      return new Settings(host, port, newControllerPort, dataDir, numPartitions);
    }

    public Settings withDataDir(Path newDataDir) {
      return new Settings(host, port, controllerPort, newDataDir, numPartitions);
    }

    public Settings withNumPartitions(int newNumPartitions) {
      return new Settings(host, port, controllerPort, dataDir, newNumPartitions);
    }
  }

  private final KafkaRaftServer server;
  private final String host;
  private final int port;
  private final int controllerPort;
  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  private KafkaBroker(
      KafkaRaftServer server,
      String host,
      int port,
      int controllerPort,
      Path dataDir,
      boolean deleteDataDirOnClose) {
    this.server = server;
    this.host = host;
    this.port = port;
    this.controllerPort = controllerPort;
    this.dataDir = dataDir;
    this.deleteDataDirOnClose = deleteDataDirOnClose;
  }

  /** Starts a broker with {@link Settings#defaults()}. */
  public static KafkaBroker start() {
    return start(Settings.defaults());
  }

  /**
   * Formats the storage (unless already formatted), starts the broker and waits up to {@link
   * #START_TIMEOUT} until it answers {@code describeCluster}.
   *
   * @throws IllegalStateException when a fixed port is taken or the broker does not come up, saying
   *     why
   */
  public static KafkaBroker start(Settings settings) {
    QuietLogging.quietKafkaUnlessConfigured();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String host = settings.host();
    int[] ports = choosePorts(settings);
    int port = ports[0];
    int controllerPort = ports[1];
    boolean temporary = settings.dataDir() == null;
    Path dataDir = createDataDir(settings.dataDir());
    KafkaRaftServer server = null;
    try {
      Properties properties =
          BrokerProperties.of(
              host, port, controllerPort, dataDir.resolve("logs"), settings.numPartitions());
      Path propertiesFile = dataDir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(propertiesFile)) {
        properties.store(out, "single-node KRaft broker written by " + KafkaBroker.class.getName());
      }
      formatStorage(propertiesFile, clusterId(dataDir.resolve("logs")));
      server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
      server.startup();
      KafkaBroker broker = new KafkaBroker(server, host, port, controllerPort, dataDir, temporary);
      broker.awaitAnswer(deadline);
      return broker;
    } catch (IOException | RuntimeException e) {
      stopQuietly(server);
      if (temporary) {
        deleteRecursively(dataDir);
      }
      throw new IllegalStateException(
          "Kafka broker on "
              + host
              + ":"
              + port
              + " (data "
              + dataDir
              + ") did not start: "
              + e.getMessage(),
          e);
    }
  }

  /** "host:port" of the PLAINTEXT listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return host + ":" + port;
  }

  public String host() {
    return host;
  }

  /** The PLAINTEXT (client) port. */
  public int port() {
    return port;
  }

  /** The CONTROLLER (KRaft quorum) port; clients never use it. */
  public int controllerPort() {
    return controllerPort;
  }

  /** Directory holding server.properties and the logs. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Shuts the broker down, waits for it and deletes a temporary data directory. Safe to call twice.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      if (deleteDataDirOnClose) {
        deleteRecursively(dataDir);
      }
    }
  }

  private static int[] choosePorts(Settings settings) {
    int[] free = Ports.free(settings.host(), 2);
    int port = settings.port();
    int controllerPort = settings.controllerPort();
    if (port == 0) {
      port = free[0] != controllerPort ? free[0] : free[1];
    } else {
      Ports.requireFree(
          settings.host(), port, "Kafka port", "pick another KafkaBroker.Settings.port (0 = free)");
    }
    if (controllerPort == 0) {
      controllerPort = free[1] != port ? free[1] : free[0];
    } else {
      Ports.requireFree(
          settings.host(),
          controllerPort,
          "Kafka controller port",
          "pick another KafkaBroker.Settings.controllerPort (0 = free)");
    }
    return new int[] {port, controllerPort};
  }

  private static Path createDataDir(Path requested) {
    try {
      return requested == null
          ? Files.createTempDirectory("local-stack-kafka-")
          : Files.createDirectories(requested);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the Kafka data directory "
              + (requested == null ? "in " + System.getProperty("java.io.tmpdir") : requested),
          e);
    }
  }

  /**
   * The cluster id already in {@code logDir/meta.properties} (a restart with a data dir), else a
   * new one. Kafka 4.4's {@code format --ignore-formatted} still fails when the given id differs
   * from the stored one.
   */
  private static String clusterId(Path logDir) throws IOException {
    Path metaProperties = logDir.resolve("meta.properties");
    if (Files.exists(metaProperties)) {
      Properties meta = new Properties();
      try (InputStream in = Files.newInputStream(metaProperties)) {
        meta.load(in);
      }
      String stored = meta.getProperty("cluster.id");
      if (stored != null && !stored.isBlank()) {
        return stored;
      }
    }
    return Uuid.randomUuid().toString();
  }

  /**
   * {@code kafka-storage.sh format}; an already formatted directory (restart with a data dir) is
   * kept.
   */
  private static void formatStorage(Path propertiesFile, String clusterId) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status =
          StorageTool.execute(
              new String[] {
                "format",
                "--cluster-id",
                clusterId,
                "--config",
                propertiesFile.toString(),
                "--ignore-formatted"
              },
              out);
    }
    if (status != 0) {
      throw new IllegalStateException(
          "formatting the KRaft storage failed (status "
              + status
              + "): "
              + output.toString(StandardCharsets.UTF_8).strip());
    }
  }

  private void awaitAnswer(long deadline) {
    long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) Math.max(5_000, remainingMs)))) {
      Collection<Node> nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs((int) remainingMs))
              .nodes()
              .get(remainingMs + 1_000, TimeUnit.MILLISECONDS);
      if (nodes.isEmpty()) {
        throw new IllegalStateException("describeCluster answered without any broker");
      }
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(
          "the broker did not answer describeCluster within "
              + START_TIMEOUT.toSeconds()
              + " s: "
              + cause,
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker to answer", e);
    }
  }

  private static void stopQuietly(KafkaRaftServer server) {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException ignored) {
      // already failing: the start error is the one to report
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the temporary Kafka directory " + dir, e);
    }
  }
}
