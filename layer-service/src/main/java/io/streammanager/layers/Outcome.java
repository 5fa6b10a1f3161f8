package io.streammanager.layers;

import io.streammanager.proto.StreamState;

/** What applying one command gave. */
public sealed interface Outcome {

  /**
   * The command is applied.
   *
   * @param state the state after it
   * @param changed false when the command changed nothing (start of a live stream): no new version
   */
  record Applied(StreamState state, boolean changed) implements Outcome {}

  /**
   * The command cannot be applied.
   *
   * @param field JSON-pointer of the field at fault, or empty
   * @param reason what is wrong and what is allowed
   */
  record Rejected(String field, String reason) implements Outcome {}

  /** The stream is deleted; {@code last} is its final state. */
  record Deleted(StreamState last) implements Outcome {}
}
