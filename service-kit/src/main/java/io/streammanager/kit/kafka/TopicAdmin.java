package io.streammanager.kit.kafka;

import io.streammanager.kit.config.PlatformConfig;
import io.streammanager.proto.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a service uses when they are missing (each service does so at start; creation
 * is idempotent).
 */
public final class TopicAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  private TopicAdmin() {}

  /** The topic's id: it changes when a topic is deleted and created again. */
  public static String topicId(String bootstrap, Topic<?> topic, Duration timeout) {
    try (Admin admin = admin(bootstrap, timeout)) {
      return admin
          .describeTopics(List.of(topic.name()))
          .allTopicNames()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .get(topic.name())
          .topicId()
          .toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing " + topic.name(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot describe topic " + topic.name() + " at " + bootstrap + ": " + e, e);
    }
  }

  private static Admin admin(String bootstrap, Duration timeout) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) timeout.toMillis(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            (int) Math.min(timeout.toMillis(), 10_000)));
  }

  /** Creates the missing topics with the broker's own replication defaults. */
  public static void ensure(String bootstrap, List<Topic<?>> topics, Duration timeout) {
    ensure(new PlatformConfig.KafkaSettings(bootstrap), topics, timeout);
  }

  /**
   * Creates the missing topics, each with its partitions and settings and the configured
   * replication factor and {@code min.insync.replicas} (0: the broker's default). Topics that exist
   * are left as they are.
   */
  public static void ensure(
      PlatformConfig.KafkaSettings kafka, List<Topic<?>> topics, Duration timeout) {
    try (Admin admin = admin(kafka.bootstrapServers(), timeout)) {
      var existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> missing =
          topics.stream()
              .filter(t -> !existing.contains(t.name()))
              .map(t -> newTopic(t, kafka))
              .toList();
      if (missing.isEmpty()) {
        return;
      }
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          LOG.info("created topic {}", entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "cannot create topic " + entry.getKey() + ": " + e.getCause(), e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at "
              + kafka.bootstrapServers()
              + " did not answer within "
              + timeout.toSeconds()
              + " s (is the broker running? check KAFKA_BOOTSTRAP_SERVERS): "
              + e,
          e);
    }
  }

  private static NewTopic newTopic(Topic<?> topic, PlatformConfig.KafkaSettings kafka) {
    java.util.Map<String, String> settings = new java.util.HashMap<>(topic.settings());
    if (kafka.minInsyncReplicas() > 0) {
      settings.put("min.insync.replicas", String.valueOf(kafka.minInsyncReplicas()));
    }
    short replicas = kafka.replicationFactor() > 0 ? (short) kafka.replicationFactor() : (short) -1;
    return new NewTopic(topic.name(), topic.partitions(), replicas).configs(settings);
  }
}
