package io.streammanager.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class BrokerPropertiesTest {

  @Test
  void of_singleNode_writesEveryPropertyTheBrokerNeeds() {
    Properties properties = BrokerProperties.of("127.0.0.1", 9092, 9093, Path.of("/data/logs"), 3);

    assertThat(properties)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:9093"),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093"),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry(
                    "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", "/data/logs"),
                Map.entry("num.partitions", "3"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("message.max.bytes", "8388608"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.num.partitions", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("group.streams.initial.rebalance.delay.ms", "0"),
                Map.entry("group.min.session.timeout.ms", "1000"),
                Map.entry("log.cleaner.dedupe.buffer.size", "16777216")));
  }

  @Test
  void of_singleNode_isAcceptedByKafkaConfig() {
    KafkaConfig config =
        KafkaConfig.fromProps(
            BrokerProperties.of("127.0.0.1", 9092, 9093, Path.of("/data/logs"), 3), false);

    assertThat(config.nodeId()).isEqualTo(1);
    assertThat(config.messageMaxBytes()).isEqualTo(BrokerProperties.MESSAGE_MAX_BYTES);
  }
}
