package io.streammanager.proto;

/**
 * The Redis key scheme shared by layer-service (writer) and the workers (readers). Snapshots are
 * immutable: a key is written once, under its version.
 */
public final class StateKeys {
  private static final String PREFIX = "sm:";

  private StateKeys() {}

  /** Serialized {@link StreamState} of one version. */
  public static String snapshot(String streamId, long version) {
    return PREFIX + "stream:" + streamId + ":state:" + version;
  }

  /** Serialized {@link StreamState} of the newest version. */
  public static String head(String streamId) {
    return PREFIX + "stream:" + streamId + ":head";
  }

  /**
   * Position of layer-service in the stream's command log: "topicId:offset" of the last command
   * decided.
   */
  public static String position(String streamId) {
    return PREFIX + "stream:" + streamId + ":position";
  }

  /**
   * Sorted set of the stream's {@link CommandRecord}s (serialized), scored by decision time in
   * microseconds since the epoch: the stream's history, kept when the stream is deleted.
   */
  public static String history(String streamId) {
    return PREFIX + "stream:" + streamId + ":history";
  }

  /** Frames per {@link #aired} block: 65,536 (36 min at 30 fps), 1 MiB of checksums. */
  public static final int AIRED_BLOCK_FRAMES = 1 << 16;

  /** Bytes per frame in an {@link #aired} block: the 16 hex digits of its checksum. */
  public static final int AIRED_SLOT_BYTES = 16;

  /**
   * The checksums of the frames the encoder aired in one run, packed: one string per block of
   * {@link #AIRED_BLOCK_FRAMES} frames ({@code block = frame / AIRED_BLOCK_FRAMES}), frame {@code
   * n}'s checksum ({@code FrameChecksum}: XXH64 of the raw YUV420P bytes, 16 lower-case hex digits)
   * at byte offset {@code (n % AIRED_BLOCK_FRAMES) * 16}; zero bytes where a frame was not aired
   * (repeated in place of a missing one, or lost). 16 bytes per frame, against about 90 for a hash
   * field. The run's start time is in its snapshots ({@code RunState.started_at}) and history.
   */
  public static String aired(String streamId, String runId, long block) {
    return PREFIX + "aired:" + streamId + ":" + runId + ":" + block;
  }

  /**
   * The newest {@link CommandRecord} (serialized) of an idempotent command, by its id, for {@link
   * #DECISION_TTL_SECONDS}: a repeat of it (the same Idempotency-Key, through any gateway) is
   * answered with it instead of being applied again.
   */
  public static String decision(String commandId) {
    return PREFIX + "command:" + commandId + ":decision";
  }

  /** How long a repeat of an idempotent command is recognised: 24 h. */
  public static final long DECISION_TTL_SECONDS = 24 * 60 * 60;

  /**
   * Hash of the API keys admins minted, name to "token sha256|scopes" (written by the gateway,
   * restored from {@code sm.keys} by {@code replay rebuild}).
   */
  public static String apiKeys() {
    return PREFIX + "api-keys";
  }

  /** Set of every stream id. */
  public static String streams() {
    return PREFIX + "streams";
  }

  /** Bytes of an asset (an encoded picture), addressed by the SHA-256 of its content. */
  public static String asset(String assetId) {
    return PREFIX + "asset:" + assetId;
  }

  /** Bytes of every stored asset together (ASSET_MAX_TOTAL_BYTES is held against it). */
  public static String assetBytes() {
    return PREFIX + "asset-bytes";
  }
}
