package io.streammanager.proto;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One Kafka topic: its name, how keys and values are written and read, and the settings it is
 * created with.
 *
 * <p>Consumers read raw bytes and call {@link #parseValue(byte[])} themselves, so a malformed
 * record becomes a dead letter with a reason instead of an exception inside the Kafka client.
 *
 * @param name topic name
 * @param partitions partitions the topic is created with
 * @param settings topic-level configuration (retention, message size, ...)
 * @param parser how to read a value
 * @param <V> the Protobuf message carried as value; keys are UTF-8 strings
 */
public record Topic<V extends MessageLite>(
    String name, int partitions, Map<String, String> settings, Parser<V> parser) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(parser, "parser");
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "topic " + name + ": partitions must be >= 1, was " + partitions);
    }
    settings = Map.copyOf(settings);
  }

  /**
   * The partition Kafka's default partitioner gives a key (with the partition count this topic is
   * created with).
   */
  public int partitionFor(String key) {
    return org.apache.kafka.common.utils.Utils.toPositive(
            org.apache.kafka.common.utils.Utils.murmur2(
                key.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        % partitions;
  }

  /** Serializer for keys (stream ids and the like). */
  public Serializer<String> keySerializer() {
    return new StringSerializer();
  }

  /** Serializer for values. */
  public Serializer<V> valueSerializer() {
    return (topic, value) -> value == null ? null : value.toByteArray();
  }

  /**
   * Reads a value.
   *
   * @throws MalformedRecordException when the bytes are not a {@code V}
   */
  public V parseValue(byte[] bytes) {
    if (bytes == null) {
      throw new MalformedRecordException("record on " + name + " has no value");
    }
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedRecordException(
          "record on " + name + " is not a valid protobuf message: " + e.getMessage(), e);
    }
  }
}
