package io.streammanager.layers;

import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.CommandRecord;
import io.streammanager.proto.StreamState;
import java.util.Optional;

/**
 * What layer-service keeps of each stream between commands: the head snapshot, the position of the
 * last command decided, the history and the pictures. Redis in production ({@link #redis}); the
 * tests of the command path keep it in memory, so they drive the production {@link
 * CommandProcessor} and {@link TickScheduler} rather than a copy.
 */
interface StreamStore {
  Optional<StreamState> head(String streamId);

  /** Stores the snapshot under its version and moves the head to it. */
  void write(StreamState state);

  void delete(String streamId);

  /**
   * Stores the snapshot, moves the head and adds the decision that made it to the history, all or
   * nothing (Redis: one transaction).
   */
  default void writeDecided(StreamState state, CommandRecord record) {
    write(state);
    appendHistory(record);
  }

  /** Deletes the stream and adds the decision that deleted it to the history, all or nothing. */
  default void deleteDecided(String streamId, CommandRecord record) {
    delete(streamId);
    appendHistory(record);
  }

  /** The position (command log id + offset) of the last command decided for the stream. */
  Optional<String> position(String streamId);

  void recordPosition(String streamId, String position);

  int streamCount();

  /** Adds a decision to the stream's history (and keeps an idempotent command's by its id). */
  void appendHistory(CommandRecord record);

  /** The stream's newest decisions, newest first, at most {@code limit}. */
  java.util.List<CommandRecord> recentHistory(String streamId, int limit);

  /** The newest decision on an idempotent command, while it is kept. */
  Optional<CommandRecord> decision(String commandId);

  Optional<byte[]> asset(String assetId);

  StateStore.AssetStored putAsset(String assetId, byte[] bytes, long maxTotalBytes);

  static StreamStore redis(StateStore store) {
    return new StreamStore() {
      @Override
      public Optional<StreamState> head(String streamId) {
        return store.head(streamId);
      }

      @Override
      public void write(StreamState state) {
        store.write(state);
      }

      @Override
      public void delete(String streamId) {
        store.delete(streamId);
      }

      @Override
      public void writeDecided(StreamState state, CommandRecord record) {
        store.writeDecided(state, record);
      }

      @Override
      public void deleteDecided(String streamId, CommandRecord record) {
        store.deleteDecided(streamId, record);
      }

      @Override
      public Optional<String> position(String streamId) {
        return store.position(streamId);
      }

      @Override
      public void recordPosition(String streamId, String position) {
        store.recordPosition(streamId, position);
      }

      @Override
      public int streamCount() {
        return store.streamCount();
      }

      @Override
      public void appendHistory(CommandRecord record) {
        store.appendHistory(record);
      }

      @Override
      public java.util.List<CommandRecord> recentHistory(String streamId, int limit) {
        return store.historyBefore(streamId, Long.MAX_VALUE, limit);
      }

      @Override
      public Optional<CommandRecord> decision(String commandId) {
        return store.decision(commandId);
      }

      @Override
      public Optional<byte[]> asset(String assetId) {
        return store.asset(assetId);
      }

      @Override
      public StateStore.AssetStored putAsset(String assetId, byte[] bytes, long maxTotalBytes) {
        return store.putAsset(assetId, bytes, maxTotalBytes);
      }
    };
  }
}
