package io.streammanager.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real in-process broker, real clients. One broker serves the class; the restart test starts its
 * own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KafkaBrokerTest {

  private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(20);
  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void start_thenProduceAndConsume_roundTripsRecords() throws Exception {
    // Given a topic with three partitions, produced to right after createTopics returns
    String topic = "round-trip";
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, 3, (short) 1)))
          .all()
          .get(10, TimeUnit.SECONDS);
    }
    Map<String, String> sent = new HashMap<>();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer())) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        sent.put("key-" + i, "value-" + i);
        acks.add(producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)));
      }
      // Then every send is acknowledged, across all partitions
      Set<Integer> partitions = new HashSet<>();
      for (Future<RecordMetadata> ack : acks) {
        partitions.add(ack.get(10, TimeUnit.SECONDS).partition());
      }
      assertThat(partitions).containsExactlyInAnyOrder(0, 1, 2);
    }

    // When a consumer group reads the topic from the start
    Map<String, String> received = new HashMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            consumerConfig("round-trip-group"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
      while (received.size() < sent.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          received.put(record.key(), record.value());
        }
      }
    }

    // Then it gets back exactly what was sent
    assertThat(received).as("records consumed within %s", CONSUME_TIMEOUT).isEqualTo(sent);
  }

  @Test
  void createTopic_withoutPartitionCount_getsNumPartitions() throws Exception {
    try (Admin admin = admin()) {
      admin
          .createTopics(
              List.of(new NewTopic("default-partitions", Optional.empty(), Optional.empty())))
          .all()
          .get(10, TimeUnit.SECONDS);
      TopicDescription description =
          admin
              .describeTopics(List.of("default-partitions"))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS)
              .get("default-partitions");

      assertThat(description.partitions()).hasSize(3);
      assertThat(description.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
    }
  }

  @Test
  void produce_recordOfFourMiB_isAcceptedAndReadBack() throws Exception {
    String topic = "large-records";
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(10, TimeUnit.SECONDS);
    }
    byte[] frame = new byte[4 * 1024 * 1024];
    Arrays.fill(frame, (byte) 7);
    frame[frame.length - 1] = 42;
    Map<String, Object> producerConfig = producerConfig();
    producerConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, BrokerProperties.MESSAGE_MAX_BYTES);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, frame)).get(10, TimeUnit.SECONDS);
    }

    Map<String, Object> consumerConfig = consumerConfig("large-records-group");
    consumerConfig.put(
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, BrokerProperties.MESSAGE_MAX_BYTES);
    List<byte[]> received = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
      while (received.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> received.add(record.value()));
      }
    }

    assertThat(received).as("records consumed within %s", CONSUME_TIMEOUT).hasSize(1);
    assertThat(received.getFirst()).isEqualTo(frame);
  }

  @Test
  void start_withPortInUse_failsAtOnceNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> KafkaBroker.start(KafkaBroker.Settings.defaults().withPort(port)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Kafka port " + port + " on 127.0.0.1 is already in use");
    }
  }

  @Test
  void settings_withInvalidValues_reportsEveryProblem() {
    assertThatThrownBy(() -> new KafkaBroker.Settings(" ", -1, 70_000, null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid KafkaBroker.Settings: host must not be blank (use 127.0.0.1); "
                + "port must be 0 (a free port) or 1..65535, was -1; "
                + "controllerPort must be 0 (a free port) or 1..65535, was 70000; "
                + "numPartitions must be at least 1, was 0");
  }

  @Test
  void start_withDataDir_keepsTopicsAcrossRestartAndKeepsTheDirectory(@TempDir Path dir)
      throws Exception {
    KafkaBroker.Settings settings =
        KafkaBroker.Settings.defaults().withDataDir(dir.resolve("kafka"));
    try (KafkaBroker first = KafkaBroker.start(settings)) {
      try (Admin admin = admin(first)) {
        admin
            .createTopics(List.of(new NewTopic("survives-restart", 1, (short) 1)))
            .all()
            .get(10, TimeUnit.SECONDS);
      }
    }
    assertThat(dir.resolve("kafka/logs/meta.properties")).exists();

    try (KafkaBroker second = KafkaBroker.start(settings);
        Admin admin = admin(second)) {
      assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("survives-restart");
    }
  }

  private static Admin admin() {
    return admin(broker);
  }

  private static Admin admin(KafkaBroker target) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers()));
  }

  private static Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    return config;
  }

  private static Map<String, Object> consumerConfig(String groupId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }
}
