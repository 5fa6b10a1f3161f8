package io.streammanager.layers;

import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.CommandRecord;
import io.streammanager.proto.StreamState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link StreamStore} in memory, for driving the production command path without Redis. It keeps
 * what happened to it in order ({@link #events}), and refuses, as an assertion, to store two
 * contents under one version of a stream: snapshots are immutable.
 */
final class MemoryStreamStore implements StreamStore {
  /** What the command path did to the store, in order. */
  sealed interface Event {}

  /** The head moved from {@code before} to {@code after}. */
  record Written(Optional<StreamState> before, StreamState after) implements Event {}

  record Deleted(String streamId, Optional<StreamState> before) implements Event {}

  record Decided(CommandRecord record) implements Event {}

  private final Map<String, StreamState> heads = new HashMap<>();
  private final Map<String, Map<Long, StreamState>> versions = new HashMap<>();
  private final Map<String, String> positions = new HashMap<>();
  private final Map<String, byte[]> assets = new HashMap<>();
  private final Map<String, CommandRecord> decisions = new HashMap<>();
  private final Map<String, List<CommandRecord>> history = new HashMap<>();
  private final List<Event> events = new ArrayList<>();

  List<Event> events() {
    return List.copyOf(events);
  }

  @Override
  public Optional<StreamState> head(String streamId) {
    return Optional.ofNullable(heads.get(streamId));
  }

  @Override
  public void write(StreamState state) {
    StreamState stored =
        versions
            .computeIfAbsent(state.getStreamId(), id -> new HashMap<>())
            .putIfAbsent(state.getVersion(), state);
    if (stored != null && !stored.equals(state)) {
      throw new AssertionError(
          "version "
              + state.getVersion()
              + " of stream "
              + state.getStreamId()
              + " written again with another content:\n"
              + stored
              + "\nthen\n"
              + state);
    }
    events.add(new Written(head(state.getStreamId()), state));
    heads.put(state.getStreamId(), state);
  }

  @Override
  public void delete(String streamId) {
    events.add(new Deleted(streamId, head(streamId)));
    heads.remove(streamId);
    versions.remove(streamId);
  }

  @Override
  public Optional<String> position(String streamId) {
    return Optional.ofNullable(positions.get(streamId));
  }

  @Override
  public void recordPosition(String streamId, String position) {
    positions.put(streamId, position);
  }

  @Override
  public int streamCount() {
    return heads.size();
  }

  @Override
  public void appendHistory(CommandRecord record) {
    events.add(new Decided(record));
    history.computeIfAbsent(record.getStreamId(), id -> new ArrayList<>()).add(record);
    if (record.getIdempotent()) {
      decisions.put(record.getCommandId(), record);
    }
  }

  @Override
  public List<CommandRecord> recentHistory(String streamId, int limit) {
    List<CommandRecord> all = new ArrayList<>(history.getOrDefault(streamId, List.of()));
    java.util.Collections.reverse(all);
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }

  @Override
  public Optional<CommandRecord> decision(String commandId) {
    return Optional.ofNullable(decisions.get(commandId));
  }

  @Override
  public Optional<byte[]> asset(String assetId) {
    return Optional.ofNullable(assets.get(assetId));
  }

  @Override
  public StateStore.AssetStored putAsset(String assetId, byte[] bytes, long maxTotalBytes) {
    return assets.putIfAbsent(assetId, bytes) == null
        ? StateStore.AssetStored.STORED
        : StateStore.AssetStored.EXISTED;
  }
}
