package io.streammanager.layers;

import com.google.protobuf.MessageLite;
import io.streammanager.proto.Topic;

/** Where layer-service's events and decisions go: Kafka in production ({@code publisher::send}). */
@FunctionalInterface
interface Outbox {
  <V extends MessageLite> void send(Topic<V> topic, String key, V value);
}
