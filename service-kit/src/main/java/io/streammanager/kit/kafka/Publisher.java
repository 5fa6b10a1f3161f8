package io.streammanager.kit.kafka;

import com.google.protobuf.MessageLite;
import io.streammanager.proto.Topic;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Publishes typed messages with one idempotent producer. Thread-safe. */
public final class Publisher implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;

  public Publisher(String bootstrap, String clientId, int lingerMs) {
    this(KafkaSettingsFactory.producer(bootstrap, clientId, lingerMs));
  }

  public Publisher(Map<String, Object> settings) {
    this.producer = new KafkaProducer<>(settings);
  }

  /** Sends; the future completes when the broker acknowledged ({@code acks=all}). */
  public <V extends MessageLite> CompletableFuture<RecordMetadata> send(
      Topic<V> topic, String key, V value) {
    return send(topic, null, key, value);
  }

  /** Sends to a chosen partition (null = by key). */
  public <V extends MessageLite> CompletableFuture<RecordMetadata> send(
      Topic<V> topic, Integer partition, String key, V value) {
    CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
    producer.send(
        new ProducerRecord<>(topic.name(), partition, key, value.toByteArray()),
        (meta, error) -> {
          if (error != null) {
            done.completeExceptionally(error);
          } else {
            done.complete(meta);
          }
        });
    return done;
  }

  /** Sends raw bytes (dead letters keep the original bytes). */
  public CompletableFuture<RecordMetadata> sendRaw(String topic, String key, byte[] value) {
    CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (meta, error) -> {
          if (error != null) {
            done.completeExceptionally(error);
          } else {
            done.complete(meta);
          }
        });
    return done;
  }

  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
