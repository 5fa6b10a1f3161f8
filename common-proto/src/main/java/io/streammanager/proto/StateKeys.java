package io.streammanager.proto;

/**
 * The Redis key scheme shared by layer-service (writer) and the workers (readers). Snapshots are immutable: a key is
 * written once, under its version.
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

  /** Position of layer-service in the stream's command log: "topicId:offset" of the last command decided. */
  public static String position(String streamId) {
    return PREFIX + "stream:" + streamId + ":position";
  }

  /**
   * Sorted set of the stream's {@link CommandRecord}s (serialized), scored by decision time in microseconds since the
   * epoch: the stream's history, kept when the stream is deleted.
   */
  public static String history(String streamId) {
    return PREFIX + "stream:" + streamId + ":history";
  }

  /**
   * Hash of the frames the encoder aired in one run: field = frame number (decimal), value = the frame's checksum
   * ({@code FrameChecksum}: XXH64 of the raw YUV420P bytes, 16 lower-case hex digits). Frames repeated in place of a
   * missing one are not in it. The run's start time is in its snapshots ({@code RunState.started_at}) and history.
   */
  public static String aired(String streamId, String runId) {
    return PREFIX + "aired:" + streamId + ":" + runId;
  }

  /** Set of every stream id. */
  public static String streams() {
    return PREFIX + "streams";
  }

  /** Bytes of an asset (an encoded picture), addressed by the SHA-256 of its content. */
  public static String asset(String assetId) {
    return PREFIX + "asset:" + assetId;
  }
}
