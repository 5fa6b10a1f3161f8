package io.streammanager.encoder.media;

/** Where one output of a {@link Broadcast} stands. */
public enum OutputState {
  /** Opening for the first time. */
  CONNECTING,
  /** Writing packets. */
  LIVE,
  /** Lost or could not open; the next attempt is scheduled (backoff). */
  RECONNECTING,
  /** Cannot work at all (e.g. the container cannot carry the codec); no more attempts. */
  FAILED,
  /** Closed at the end of the run. */
  STOPPED
}
