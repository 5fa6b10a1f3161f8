package io.streammanager.gateway;

import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.CommandRecord;
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

  /** layer-service's newest decision on an idempotent command, while it keeps it. */
  Optional<CommandRecord> decision(String commandId);

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

      @Override
      public Optional<CommandRecord> decision(String commandId) {
        return store.decision(commandId);
      }
    };
  }
}
