package io.streammanager.kit.kafka;

/**
 * A handler's verdict that a record can never be used (bad content); the record goes to the
 * dead-letter topic.
 */
public final class RecordRejectedException extends RuntimeException {
  public RecordRejectedException(String reason) {
    super(reason);
  }

  public RecordRejectedException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
