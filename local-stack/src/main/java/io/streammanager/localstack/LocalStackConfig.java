package io.streammanager.localstack;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@link LocalStackMain} serves, read from its arguments and the same environment variables
 * the services read, so that a service started with the same environment finds the stack.
 *
 * @param kafkaPort Kafka's client port: {@code --kafka-port N}, else the port of {@value
 *     #KAFKA_BOOTSTRAP_SERVERS} when it points at 127.0.0.1/localhost, else {@value
 *     #DEFAULT_KAFKA_PORT}
 * @param redisPort Redis port: {@code --redis-port N}, else the port of {@value #REDIS_URL} when it
 *     points at 127.0.0.1/localhost, else {@value #DEFAULT_REDIS_PORT}
 * @param redisPassword {@value #REDIS_PASSWORD}, else the password in {@value #REDIS_URL}, else
 *     null (none)
 * @param dataDir {@code --data-dir DIR}: Kafka's data is kept there across restarts; null = a
 *     temporary directory deleted on exit
 * @param help {@code --help} was given
 * @param notes things worth telling the user (e.g. an ignored non-local address)
 */
record LocalStackConfig(
    int kafkaPort,
    int redisPort,
    String redisPassword,
    Path dataDir,
    boolean help,
    List<String> notes) {

  static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
  static final String REDIS_URL = "REDIS_URL";
  static final String REDIS_PASSWORD = "REDIS_PASSWORD";
  static final int DEFAULT_KAFKA_PORT = 9092;
  static final int DEFAULT_REDIS_PORT = 6379;
  static final String HOST = "127.0.0.1";

  static final String USAGE =
      """
            usage: java -jar local-stack.jar [--kafka-port N] [--redis-port N] [--data-dir DIR]
              Runs a single-node Kafka broker and redis-server on 127.0.0.1 until SIGTERM / Ctrl-C.
              --kafka-port N  Kafka port (default: port of KAFKA_BOOTSTRAP_SERVERS if it is 127.0.0.1/localhost, else 9092)
              --redis-port N  Redis port (default: port of REDIS_URL if it is 127.0.0.1/localhost, else 6379)
              --data-dir DIR  keep Kafka's data in DIR/kafka across restarts (default: a temporary directory)
              REDIS_PASSWORD  if set, redis-server requires this password""";

  private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost");

  LocalStackConfig {
    notes = List.copyOf(notes);
  }

  /**
   * Reads arguments and environment.
   *
   * @throws IllegalArgumentException listing every problem found, one per line
   */
  static LocalStackConfig parse(List<String> args, Map<String, String> env) {
    List<String> errors = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Integer kafkaPortArg = null;
    Integer redisPortArg = null;
    Path dataDir = null;
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "-h", "--help" -> help = true;
        case "--kafka-port", "--redis-port", "--data-dir" -> {
          if (i + 1 >= args.size()) {
            errors.add(arg + " needs a value");
            continue;
          }
          String value = args.get(++i);
          switch (arg) {
            case "--kafka-port" -> kafkaPortArg = parsePort(value, arg, errors);
            case "--redis-port" -> redisPortArg = parsePort(value, arg, errors);
            default -> dataDir = Path.of(value);
          }
        }
        default -> errors.add("unknown argument " + arg);
      }
    }
    int kafkaPort = kafkaPortArg != null ? kafkaPortArg : kafkaPortFromEnv(env, errors, notes);
    RedisAddress redis = redisFromEnv(env, errors, notes);
    int redisPort = redisPortArg != null ? redisPortArg : redis.port();
    String password = blankToNull(env.get(REDIS_PASSWORD));
    if (password == null) {
      password = redis.password();
    }
    if (kafkaPort == redisPort && errors.isEmpty()) {
      errors.add(
          "Kafka and Redis would both use port "
              + kafkaPort
              + ": change "
              + KAFKA_BOOTSTRAP_SERVERS
              + " or "
              + REDIS_URL);
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", errors));
    }
    return new LocalStackConfig(kafkaPort, redisPort, password, dataDir, help, notes);
  }

  KafkaBroker.Settings kafkaSettings() {
    return KafkaBroker.Settings.defaults()
        .withPort(kafkaPort)
        .withDataDir(dataDir == null ? null : dataDir.resolve("kafka"));
  }

  /** Without a shutdown hook of its own: {@link LocalStackMain}'s hook stops Redis after Kafka. */
  RedisServer.Settings redisSettings() {
    return RedisServer.Settings.defaults()
        .withPort(redisPort)
        .withPassword(redisPassword)
        .withShutdownHook(false);
  }

  /**
   * Fails at once, naming the port and the variable to change, when Kafka's or Redis's port is
   * taken.
   */
  void requirePortsFree() {
    Ports.requireFree(
        HOST,
        kafkaPort,
        "Kafka port",
        "set "
            + KAFKA_BOOTSTRAP_SERVERS
            + "="
            + HOST
            + ":<free port> (or pass --kafka-port <free port>)");
    Ports.requireFree(
        HOST,
        redisPort,
        "Redis port",
        "set "
            + REDIS_URL
            + "=redis://"
            + HOST
            + ":<free port> (or pass --redis-port <free port>)");
  }

  private static int kafkaPortFromEnv(
      Map<String, String> env, List<String> errors, List<String> notes) {
    String servers = blankToNull(env.get(KAFKA_BOOTSTRAP_SERVERS));
    if (servers == null) {
      return DEFAULT_KAFKA_PORT;
    }
    String first = servers.split(",")[0].strip();
    int scheme = first.indexOf("://");
    if (scheme >= 0) {
      first = first.substring(scheme + 3);
    }
    int colon = first.lastIndexOf(':');
    String host = colon < 0 ? first : first.substring(0, colon);
    if (!LOCAL_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
      notes.add(
          KAFKA_BOOTSTRAP_SERVERS
              + "="
              + servers
              + " is not 127.0.0.1/localhost: serving Kafka on "
              + HOST
              + ":"
              + DEFAULT_KAFKA_PORT);
      return DEFAULT_KAFKA_PORT;
    }
    if (colon < 0) {
      errors.add(KAFKA_BOOTSTRAP_SERVERS + "=" + servers + " has no port: use " + HOST + ":<port>");
      return DEFAULT_KAFKA_PORT;
    }
    Integer port = parsePort(first.substring(colon + 1), KAFKA_BOOTSTRAP_SERVERS, errors);
    return port == null ? DEFAULT_KAFKA_PORT : port;
  }

  private record RedisAddress(int port, String password) {}

  private static RedisAddress redisFromEnv(
      Map<String, String> env, List<String> errors, List<String> notes) {
    String url = blankToNull(env.get(REDIS_URL));
    if (url == null) {
      return new RedisAddress(DEFAULT_REDIS_PORT, null);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      errors.add(
          REDIS_URL
              + "="
              + url
              + " is not a URL ("
              + e.getMessage()
              + "): use redis://"
              + HOST
              + ":<port>");
      return new RedisAddress(DEFAULT_REDIS_PORT, null);
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!LOCAL_HOSTS.contains(host)) {
      notes.add(
          REDIS_URL
              + " is not 127.0.0.1/localhost: serving Redis on redis://"
              + HOST
              + ":"
              + DEFAULT_REDIS_PORT);
      return new RedisAddress(DEFAULT_REDIS_PORT, null);
    }
    if (!"redis".equalsIgnoreCase(uri.getScheme())) {
      errors.add(
          REDIS_URL
              + " must start with redis:// (local-stack serves plain Redis, no TLS), was "
              + uri.getScheme()
              + "://");
    }
    String password = null;
    String userInfo = uri.getUserInfo();
    if (userInfo != null && userInfo.indexOf(':') >= 0) {
      password = blankToNull(userInfo.substring(userInfo.indexOf(':') + 1));
    }
    return new RedisAddress(uri.getPort() < 0 ? DEFAULT_REDIS_PORT : uri.getPort(), password);
  }

  private static Integer parsePort(String value, String source, List<String> errors) {
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 1 && port <= Ports.MAX_PORT) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(
        source + ": port must be a number in 1.." + Ports.MAX_PORT + ", was \"" + value + "\"");
    return null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
