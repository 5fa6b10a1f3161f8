package io.streammanager.proto;

/**
 * A Kafka record whose bytes are not the message its topic carries; it goes to the dead-letter
 * topic.
 */
public final class MalformedRecordException extends RuntimeException {
  public MalformedRecordException(String message) {
    super(message);
  }

  public MalformedRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
