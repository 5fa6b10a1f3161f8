package io.streammanager.layers;

import com.google.protobuf.MessageLite;
import io.streammanager.proto.Topic;

/**
 * Where layer-service's events and decisions go: Kafka in production ({@code publisher::send}). The
 * future completes once the broker acknowledged the record.
 */
@FunctionalInterface
interface Outbox {
  <V extends MessageLite> java.util.concurrent.CompletableFuture<?> send(
      Topic<V> topic, String key, V value);
}
