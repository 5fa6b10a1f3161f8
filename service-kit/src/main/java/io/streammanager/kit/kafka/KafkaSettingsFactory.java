package io.streammanager.kit.kafka;

import io.streammanager.proto.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Client settings, in one place. */
public final class KafkaSettingsFactory {
  private KafkaSettingsFactory() {}

  /**
   * Idempotent, {@code acks=all}, ordered; records up to {@link Topics#MAX_RECORD_BYTES} plus
   * envelope.
   */
  public static Map<String, Object> producer(String bootstrap, String clientId, int lingerMs) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES + 64 * 1024);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }

  /**
   * A consumer of a group that scales by adding processes: {@link #consumer} plus static membership
   * (a restarted member with the same {@code instanceId} takes its partitions back without a
   * rebalance), the cooperative-sticky assignor (a joining or leaving member moves only the
   * partitions that change owner; the others keep working) and a 10 s session, the longest a
   * crashed member holds its partitions. A graceful close leaves the group at once ({@link
   * ConsumerLoop} closes with {@code LEAVE_GROUP}).
   */
  public static Map<String, Object> scalingConsumer(
      String bootstrap, String groupId, String clientId, String instanceId) {
    Map<String, Object> p = consumer(bootstrap, groupId, clientId);
    p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
    p.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName());
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
    return p;
  }

  /**
   * A consumer of a group whose members stand in for each other within seconds: {@link #consumer}
   * plus the cooperative-sticky assignor (a member joining or leaving moves only the partitions
   * that change owner; the others' streams go on untouched) and a short session: a member that dies
   * ({@code kill -9}, a lost machine) loses its partitions {@code sessionTimeoutMs} later, and the
   * group hands them to a live member. The broker's {@code group.min.session.timeout.ms} (Kafka's
   * default: 6000) must not be above {@code sessionTimeoutMs}.
   */
  public static Map<String, Object> failoverConsumer(
      String bootstrap, String groupId, String clientId, int sessionTimeoutMs) {
    Map<String, Object> p = consumer(bootstrap, groupId, clientId);
    p.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName());
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs);
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(100, sessionTimeoutMs / 5));
    return p;
  }

  /**
   * A consumer outside any group: it reads every partition, from the end ({@link ConsumerLoop}
   * assigns them all), so each process sees every record from now on, whoever else reads the topic.
   */
  public static Map<String, Object> everyRecordConsumer(String bootstrap, String clientId) {
    Map<String, Object> p = consumer(bootstrap, clientId, clientId);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return p;
  }

  /** Manual commits, reads from the earliest record when the group is new; values stay bytes. */
  public static Map<String, Object> consumer(String bootstrap, String groupId, String clientId) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    // A fetch is answered as soon as one byte is there, however long it may wait: waiting long
    // costs no latency, and an idle consumer asks the broker twice a second instead of a hundred
    // times (the broker's idle CPU). Not longer: closing a consumer waits for its fetch in flight
    // (5 s made every service's stop 5 s slower per consumer).
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return p;
  }
}
