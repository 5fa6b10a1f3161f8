/**
 * The contracts between processes: Protobuf messages (generated from {@code src/main/protobuf}),
 * the typed Kafka topics in {@link io.streammanager.proto.Topics} and the Redis key scheme in
 * {@link io.streammanager.proto.StateKeys}. Services depend on this module and never on each other.
 */
package io.streammanager.proto;
