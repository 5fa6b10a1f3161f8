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

  /** Set of every stream id. */
  public static String streams() {
    return PREFIX + "streams";
  }

  /** Bytes of an asset (an encoded picture), addressed by the SHA-256 of its content. */
  public static String asset(String assetId) {
    return PREFIX + "asset:" + assetId;
  }
}
