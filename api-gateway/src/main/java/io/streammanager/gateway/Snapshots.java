package io.streammanager.gateway;

import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.StreamState;
import java.util.Optional;
import java.util.Set;

/**
 * The newest snapshot of each stream, as layer-service wrote it: Redis in production, a map in
 * routing tests.
 */
interface Snapshots {
  Optional<StreamState> head(String streamId);

  boolean exists(String streamId);

  Set<String> streamIds();

  static Snapshots redis(StateStore store) {
    return new Snapshots() {
      @Override
      public Optional<StreamState> head(String streamId) {
        return store.head(streamId);
      }

      @Override
      public boolean exists(String streamId) {
        return store.exists(streamId);
      }

      @Override
      public Set<String> streamIds() {
        return store.streamIds();
      }
    };
  }
}
