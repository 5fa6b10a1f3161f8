package io.streammanager.layers;

import io.streammanager.proto.RejectionCode;
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
   * @param code what kind of refusal (the gateway's HTTP status follows from it)
   * @param field JSON-pointer of the field at fault, or empty
   * @param reason what is wrong and what is allowed
   */
  record Rejected(RejectionCode code, String field, String reason) implements Outcome {
    /** Not valid in the stream's state or against the limits: the usual refusal. */
    public Rejected(String field, String reason) {
      this(RejectionCode.REJECTION_INVALID, field, reason);
    }

    static Rejected notFound(String field, String reason) {
      return new Rejected(RejectionCode.REJECTION_NOT_FOUND, field, reason);
    }

    static Rejected conflict(String field, String reason) {
      return new Rejected(RejectionCode.REJECTION_CONFLICT, field, reason);
    }

    /** The same refusal of an operation inside a batch: its field and reason say which. */
    Rejected within(String fieldPrefix, String reasonPrefix, String reasonSuffix) {
      return new Rejected(code, fieldPrefix + field, reasonPrefix + reason + reasonSuffix);
    }
  }

  /** The stream is deleted; {@code last} is its final state. */
  record Deleted(StreamState last) implements Outcome {}
}
