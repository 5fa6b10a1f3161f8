package io.streammanager.kit.redis;

import com.google.protobuf.InvalidProtocolBufferException;
import io.streammanager.proto.StateKeys;
import io.streammanager.proto.StreamState;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.redisson.api.RBatch;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;

/**
 * Stream snapshots in Redis: every version under its own key, written once; the head key holds the
 * newest. Assets are stored by content address. layer-service writes; the workers only read.
 */
public final class StateStore {
  /**
   * How long a version's snapshot stays: ticks refer to versions seconds old, so an hour is plenty;
   * the head never expires, and the command log keeps the whole history.
   */
  public static final Duration SNAPSHOT_TTL = Duration.ofHours(1);

  private final RedissonClient redis;

  public StateStore(RedissonClient redis) {
    this.redis = redis;
  }

  /** Writes the snapshot of {@code state.version} and moves the head to it, in one batch. */
  public void write(StreamState state) {
    RBatch batch = redis.createBatch();
    addWrite(batch, state);
    batch.execute();
  }

  /**
   * Writes the snapshot, moves the head and adds the decision that made it to the history (and
   * keeps an idempotent command's by its id), all or nothing: one Redis transaction (MULTI/EXEC),
   * so a layer-service killed in between never leaves a state no decision explains.
   */
  public void writeDecided(StreamState state, io.streammanager.proto.CommandRecord record) {
    RBatch batch = atomicBatch();
    addWrite(batch, state);
    addHistory(batch, record);
    batch.execute();
  }

  /** Deletes the stream and adds the decision that deleted it to the history, all or nothing. */
  public void deleteDecided(String streamId, io.streammanager.proto.CommandRecord record) {
    RBatch batch = atomicBatch();
    addDelete(batch, streamId);
    addHistory(batch, record);
    batch.execute();
  }

  private RBatch atomicBatch() {
    return redis.createBatch(
        org.redisson.api.BatchOptions.defaults()
            .executionMode(org.redisson.api.BatchOptions.ExecutionMode.IN_MEMORY_ATOMIC));
  }

  private static void addWrite(RBatch batch, StreamState state) {
    byte[] bytes = state.toByteArray();
    batch
        .<byte[]>getBucket(
            StateKeys.snapshot(state.getStreamId(), state.getVersion()), ByteArrayCodec.INSTANCE)
        .setAsync(bytes, SNAPSHOT_TTL);
    batch
        .<byte[]>getBucket(StateKeys.head(state.getStreamId()), ByteArrayCodec.INSTANCE)
        .setAsync(bytes);
    batch.<String>getSet(StateKeys.streams(), StringCodec.INSTANCE).addAsync(state.getStreamId());
  }

  /**
   * Writes the snapshot of {@code state.version} only (a rebuild: the head moves at the end, if no
   * newer).
   */
  public void writeVersion(StreamState state) {
    RBatch batch = redis.createBatch();
    batch
        .<byte[]>getBucket(
            StateKeys.snapshot(state.getStreamId(), state.getVersion()), ByteArrayCodec.INSTANCE)
        .setAsync(state.toByteArray(), SNAPSHOT_TTL);
    batch.<String>getSet(StateKeys.streams(), StringCodec.INSTANCE).addAsync(state.getStreamId());
    batch.execute();
  }

  /**
   * Moves the head to {@code state} unless the head is already at that version or newer; true when
   * it moved.
   */
  public boolean restoreHead(StreamState state) {
    Optional<StreamState> current = head(state.getStreamId());
    if (current.isPresent() && current.get().getVersion() >= state.getVersion()) {
      return false;
    }
    redis
        .<byte[]>getBucket(StateKeys.head(state.getStreamId()), ByteArrayCodec.INSTANCE)
        .set(state.toByteArray());
    return true;
  }

  /**
   * Records the position unless one at or after {@code offset} in the same command log is there.
   */
  public void restorePosition(String streamId, String commandLogId, long offset) {
    Optional<String> current = position(streamId).filter(p -> p.startsWith(commandLogId + ":"));
    if (current.isPresent()
        && Long.parseLong(current.get().substring(commandLogId.length() + 1)) >= offset) {
      return;
    }
    recordPosition(streamId, commandLogId + ":" + offset);
  }

  /** Removes a stream: its head and its id (version snapshots expire by themselves). */
  public void delete(String streamId) {
    RBatch batch = redis.createBatch();
    addDelete(batch, streamId);
    batch.execute();
  }

  private static void addDelete(RBatch batch, String streamId) {
    batch.getBucket(StateKeys.head(streamId), ByteArrayCodec.INSTANCE).deleteAsync();
    batch.<String>getSet(StateKeys.streams(), StringCodec.INSTANCE).removeAsync(streamId);
  }

  /**
   * Where layer-service is in a stream's command log ("&lt;topic id&gt;:&lt;offset&gt;" of the last
   * command decided, applied or not), so a command delivered again after a restart is never judged
   * twice.
   */
  public Optional<String> position(String streamId) {
    return Optional.ofNullable(
        redis.<String>getBucket(StateKeys.position(streamId), StringCodec.INSTANCE).get());
  }

  public void recordPosition(String streamId, String position) {
    redis.<String>getBucket(StateKeys.position(streamId), StringCodec.INSTANCE).set(position);
  }

  public Optional<StreamState> head(String streamId) {
    return read(StateKeys.head(streamId));
  }

  /**
   * True when the stream has a head (cheaper than reading it: nothing is transferred or parsed).
   */
  public boolean exists(String streamId) {
    return redis.getBucket(StateKeys.head(streamId), ByteArrayCodec.INSTANCE).isExists();
  }

  /**
   * The snapshot of {@code version}. Snapshots are kept {@link #SNAPSHOT_TTL}; the head is kept for
   * good, so the version on air stays readable however long ago it was written (a static scene live
   * for hours, a worker or a standby encoder joining it late).
   */
  public Optional<StreamState> version(String streamId, long version) {
    Optional<StreamState> kept = read(StateKeys.snapshot(streamId, version));
    if (kept.isPresent()) {
      return kept;
    }
    return head(streamId).filter(h -> h.getVersion() == version);
  }

  /**
   * Adds a decision to the stream's history, scored by its decision time (microseconds since the
   * epoch).
   */
  public void appendHistory(io.streammanager.proto.CommandRecord record) {
    // One round trip: the history entry and, for an idempotent command, its decision by id.
    RBatch batch = redis.createBatch();
    addHistory(batch, record);
    batch.execute();
  }

  /** "Could not apply" is no decision to repeat: a retry with the same key is tried again. */
  private static boolean keptByCommand(io.streammanager.proto.CommandRecord record) {
    return record.getIdempotent()
        && record.getRejectionCode() != io.streammanager.proto.RejectionCode.REJECTION_NOT_APPLIED;
  }

  private static void addHistory(RBatch batch, io.streammanager.proto.CommandRecord record) {
    byte[] bytes = record.toByteArray();
    batch
        .<byte[]>getScoredSortedSet(
            StateKeys.history(record.getStreamId()), ByteArrayCodec.INSTANCE)
        .addAsync(io.streammanager.proto.ProtoTime.toMicros(record.getDecidedAt()), bytes);
    if (keptByCommand(record)) {
      batch
          .<byte[]>getBucket(StateKeys.decision(record.getCommandId()), ByteArrayCodec.INSTANCE)
          .setAsync(bytes, java.time.Duration.ofSeconds(StateKeys.DECISION_TTL_SECONDS));
    }
  }

  /**
   * The minted API keys as the key log says ({@code replay rebuild}): {@code minted} stored (name
   * to "token sha256|scopes"), {@code revoked} removed.
   */
  public void restoreApiKeys(java.util.Map<String, String> minted, java.util.Set<String> revoked) {
    var keys = redis.<String, String>getMap(StateKeys.apiKeys(), StringCodec.INSTANCE);
    if (!minted.isEmpty()) {
      keys.putAll(minted);
    }
    if (!revoked.isEmpty()) {
      keys.fastRemove(revoked.toArray(String[]::new));
    }
  }

  /**
   * The newest decision on an idempotent command, while it is kept ({@link StateKeys#decision}).
   */
  public java.util.Optional<io.streammanager.proto.CommandRecord> decision(String commandId) {
    byte[] raw =
        redis.<byte[]>getBucket(StateKeys.decision(commandId), ByteArrayCodec.INSTANCE).get();
    if (raw == null) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(io.streammanager.proto.CommandRecord.parseFrom(raw));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("unreadable decision of command " + commandId, e);
    }
  }

  /**
   * Up to {@code limit} decisions of the stream decided in [{@code fromMicros}, {@code toMicros}]
   * (inclusive; {@code fromExclusive} skips {@code fromMicros} itself, for paging), oldest first.
   */
  public java.util.List<io.streammanager.proto.CommandRecord> history(
      String streamId, long fromMicros, boolean fromExclusive, long toMicros, int limit) {
    java.util.Collection<byte[]> raw =
        redis
            .<byte[]>getScoredSortedSet(StateKeys.history(streamId), ByteArrayCodec.INSTANCE)
            .valueRange(fromMicros, !fromExclusive, toMicros, true, 0, limit);
    return records(streamId, raw);
  }

  /** The newest decisions of the stream decided at or before {@code toMicros}, newest first. */
  public java.util.List<io.streammanager.proto.CommandRecord> historyBefore(
      String streamId, long toMicros, int limit) {
    java.util.Collection<byte[]> raw =
        redis
            .<byte[]>getScoredSortedSet(StateKeys.history(streamId), ByteArrayCodec.INSTANCE)
            .valueRangeReversed(Double.NEGATIVE_INFINITY, true, toMicros, true, 0, limit);
    return records(streamId, raw);
  }

  private static java.util.List<io.streammanager.proto.CommandRecord> records(
      String streamId, java.util.Collection<byte[]> raw) {
    java.util.List<io.streammanager.proto.CommandRecord> out =
        new java.util.ArrayList<>(raw.size());
    for (byte[] b : raw) {
      try {
        out.add(io.streammanager.proto.CommandRecord.parseFrom(b));
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new IllegalStateException(
            "history of " + streamId + " holds an unreadable record", e);
      }
    }
    return out;
  }

  public Set<String> streamIds() {
    return redis.<String>getSet(StateKeys.streams(), StringCodec.INSTANCE).readAll();
  }

  /** How many streams exist (MAX_STREAMS is held against it). */
  public int streamCount() {
    return redis.<String>getSet(StateKeys.streams(), StringCodec.INSTANCE).size();
  }

  /** What became of {@link #putAsset}. */
  public enum AssetStored {
    STORED,
    EXISTED,
    OVER_QUOTA
  }

  private static final String PUT_ASSET =
      """
      if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
      local total = tonumber(redis.call('GET', KEYS[2]) or '0')
      if total + string.len(ARGV[1]) > tonumber(ARGV[2]) then return -1 end
      redis.call('SET', KEYS[1], ARGV[1])
      redis.call('INCRBY', KEYS[2], string.len(ARGV[1]))
      return 1
      """;

  /**
   * Stores an asset under its content address unless it is there already (idempotent), and only
   * while every stored asset together stays within {@code maxTotalBytes} (ASSET_MAX_TOTAL_BYTES),
   * in one atomic step.
   */
  public AssetStored putAsset(String assetId, byte[] bytes, long maxTotalBytes) {
    Long r =
        redis
            .getScript(ByteArrayCodec.INSTANCE)
            .eval(
                org.redisson.api.RScript.Mode.READ_WRITE,
                PUT_ASSET,
                org.redisson.api.RScript.ReturnType.LONG,
                java.util.List.of(StateKeys.asset(assetId), StateKeys.assetBytes()),
                bytes,
                Long.toString(maxTotalBytes).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return r == 1 ? AssetStored.STORED : r == 0 ? AssetStored.EXISTED : AssetStored.OVER_QUOTA;
  }

  /** Stores an asset with no total limit (a rebuild restoring what the log held). */
  public void putAsset(String assetId, byte[] bytes) {
    putAsset(assetId, bytes, Long.MAX_VALUE);
  }

  /** Bytes of every asset stored (as counted when they were stored). */
  public long assetBytes() {
    String v = redis.<String>getBucket(StateKeys.assetBytes(), StringCodec.INSTANCE).get();
    return v == null ? 0 : Long.parseLong(v);
  }

  public Optional<byte[]> asset(String assetId) {
    RBucket<byte[]> b = redis.getBucket(StateKeys.asset(assetId), ByteArrayCodec.INSTANCE);
    return Optional.ofNullable(b.get());
  }

  private Optional<StreamState> read(String key) {
    RBucket<byte[]> b = redis.getBucket(key, ByteArrayCodec.INSTANCE);
    byte[] bytes = b.get();
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(StreamState.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(
          "snapshot at " + key + " is not a StreamState: " + e.getMessage(), e);
    }
  }
}
