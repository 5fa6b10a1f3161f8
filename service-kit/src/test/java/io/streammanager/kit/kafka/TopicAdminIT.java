package io.streammanager.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.kit.config.PlatformConfig.KafkaSettings;
import io.streammanager.localstack.KafkaBroker;
import io.streammanager.proto.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * Topics are created with the configured replication (KAFKA_REPLICATION_FACTOR,
 * KAFKA_MIN_INSYNC_REPLICAS), on a real one-node KRaft broker.
 */
class TopicAdminIT {
  @Test
  void missingTopics_getTheConfiguredReplicationAndMinInsyncReplicas() throws Exception {
    try (KafkaBroker kafka = KafkaBroker.start()) {
      TopicAdmin.ensure(
          new KafkaSettings(kafka.bootstrapServers(), 1, 1),
          List.of(Topics.COMMANDS),
          Duration.ofSeconds(30));

      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        ConfigResource topic =
            new ConfigResource(ConfigResource.Type.TOPIC, Topics.COMMANDS.name());
        Config config =
            admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
        var description =
            admin
                .describeTopics(List.of(Topics.COMMANDS.name()))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(Topics.COMMANDS.name());

        assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
        assertThat(config.get("min.insync.replicas").isDefault()).as("set on the topic").isFalse();
        assertThat(description.partitions())
            .allSatisfy(p -> assertThat(p.replicas()).hasSize(1))
            .hasSize(Topics.COMMANDS.partitions());
      }
    }
  }
}
