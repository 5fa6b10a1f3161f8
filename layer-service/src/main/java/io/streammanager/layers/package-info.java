/**
 * layer-service: the owner of every stream's state and clock. Commands are applied in Kafka order
 * by {@link io.streammanager.layers.CommandApplier} (pure), written as immutable versioned
 * snapshots by the {@link io.streammanager.layers.CommandProcessor}, and while a stream is live the
 * {@link io.streammanager.layers.TickScheduler} emits one tick per frame stamped with the version
 * to draw.
 */
package io.streammanager.layers;
