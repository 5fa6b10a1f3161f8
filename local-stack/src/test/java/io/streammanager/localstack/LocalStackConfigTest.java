package io.streammanager.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackConfigTest {

  @Test
  void parse_withNothing_usesEveryDefault() {
    LocalStackConfig config = LocalStackConfig.parse(List.of(), Map.of());

    assertThat(config).isEqualTo(new LocalStackConfig(9092, 6379, null, null, false, List.of()));
    assertThat(config.kafkaSettings()).isEqualTo(KafkaBroker.Settings.defaults().withPort(9092));
    assertThat(config.redisSettings())
        .isEqualTo(new RedisServer.Settings(6379, null, "redis-server", false));
  }

  @Test
  void parse_withLocalEnvironment_takesPortsAndPassword() {
    LocalStackConfig config =
        LocalStackConfig.parse(
            List.of(),
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "localhost:19092,localhost:19093",
                "REDIS_URL", "redis://127.0.0.1:16379/0",
                "REDIS_PASSWORD", "pw"));

    assertThat(config).isEqualTo(new LocalStackConfig(19092, 16379, "pw", null, false, List.of()));
  }

  @Test
  void parse_withPasswordOnlyInRedisUrl_usesIt() {
    LocalStackConfig config =
        LocalStackConfig.parse(List.of(), Map.of("REDIS_URL", "redis://:from-url@localhost:6390"));

    assertThat(config.redisPort()).isEqualTo(6390);
    assertThat(config.redisPassword()).isEqualTo("from-url");
  }

  @Test
  void parse_withRemoteAddresses_servesDefaultPortsAndSaysSo() {
    LocalStackConfig config =
        LocalStackConfig.parse(
            List.of(),
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka.internal:9094",
                "REDIS_URL", "rediss://cache.internal:6380"));

    assertThat(config.kafkaPort()).isEqualTo(9092);
    assertThat(config.redisPort()).isEqualTo(6379);
    assertThat(config.notes())
        .containsExactly(
            "KAFKA_BOOTSTRAP_SERVERS=PLAINTEXT://kafka.internal:9094 is not 127.0.0.1/localhost:"
                + " serving Kafka on 127.0.0.1:9092",
            "REDIS_URL is not 127.0.0.1/localhost: serving Redis on redis://127.0.0.1:6379");
  }

  @Test
  void parse_withArguments_overridesEnvironment() {
    LocalStackConfig config =
        LocalStackConfig.parse(
            List.of("--kafka-port", "29092", "--redis-port", "26379", "--data-dir", "/tmp/sm-data"),
            Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));

    assertThat(config)
        .isEqualTo(
            new LocalStackConfig(29092, 26379, null, Path.of("/tmp/sm-data"), false, List.of()));
    assertThat(config.kafkaSettings().dataDir()).isEqualTo(Path.of("/tmp/sm-data/kafka"));
  }

  @Test
  void parse_withProblems_reportsEveryOne() {
    assertThatThrownBy(
            () ->
                LocalStackConfig.parse(
                    List.of("--kafka-port", "x", "--verbose", "--data-dir"),
                    Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "localhost",
                        "REDIS_URL",
                        "rediss://localhost:6379")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            String.join(
                "\n",
                "--kafka-port: port must be a number in 1..65535, was \"x\"",
                "unknown argument --verbose",
                "--data-dir needs a value",
                "KAFKA_BOOTSTRAP_SERVERS=localhost has no port: use 127.0.0.1:<port>",
                "REDIS_URL must start with redis:// (local-stack serves plain Redis, no TLS), was rediss://"));
  }

  @Test
  void requirePortsFree_withKafkaPortTaken_namesPortAndVariable() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      LocalStackConfig config =
          LocalStackConfig.parse(
              List.of(),
              Map.of(
                  "KAFKA_BOOTSTRAP_SERVERS",
                  "127.0.0.1:" + port,
                  "REDIS_URL",
                  "redis://127.0.0.1:1"));

      assertThatThrownBy(config::requirePortsFree)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Kafka port " + port + " on 127.0.0.1 is already in use")
          .hasMessageEndingWith(
              "set KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:<free port>"
                  + " (or pass --kafka-port <free port>)");
    }
  }
}
