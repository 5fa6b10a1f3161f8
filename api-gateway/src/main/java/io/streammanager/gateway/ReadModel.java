package io.streammanager.gateway;

import io.streammanager.proto.Layer;
import io.streammanager.proto.StreamState;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway reads: the newest snapshot of each stream in Redis (written by layer-service
 * only). Used for GETs and for 404/412 answers; the decision on a command is always
 * layer-service's.
 */
final class ReadModel {
  private final Snapshots store;

  ReadModel(Snapshots store) {
    this.store = store;
  }

  Optional<StreamState> stream(String id) {
    return store.head(id);
  }

  /** True for a stream that exists, and always for "default" (created on first use). */
  boolean exists(String id) {
    return SeedApi.STREAM.equals(id) || store.exists(id);
  }

  long version(String id) {
    return store.head(id).map(StreamState::getVersion).orElse(0L);
  }

  Optional<Layer> layer(String streamId, String layerId) {
    return stream(streamId)
        .flatMap(
            s -> s.getLayersList().stream().filter(l -> l.getId().equals(layerId)).findFirst());
  }

  /** layer-service's decision on an idempotent command sent before (by any gateway). */
  Optional<io.streammanager.proto.CommandRecord> decision(String commandId) {
    return store.decision(commandId);
  }

  List<String> streamIds() {
    return store.streamIds().stream().sorted().toList();
  }
}
