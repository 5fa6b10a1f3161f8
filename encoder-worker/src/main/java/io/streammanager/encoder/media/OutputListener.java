package io.streammanager.encoder.media;

/**
 * Hears what happens to one output (metrics). Called on the output's own thread, except {@link
 * #packetsDropped(long)}, which the encoding thread calls; implementations must be thread-safe and
 * quick.
 */
public interface OutputListener {
  OutputListener NONE = new OutputListener() {};

  default void stateChanged(OutputState state) {}

  default void bytesWritten(long bytes) {}

  default void reconnecting() {}

  default void packetsDropped(long packets) {}
}
