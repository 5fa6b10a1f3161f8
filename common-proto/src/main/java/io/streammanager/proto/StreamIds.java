package io.streammanager.proto;

/** Stream ids every process agrees on. */
public final class StreamIds {
  /**
   * The stream the seed's paths ({@code /api/layers}, {@code /api/stream/...}) act on;
   * layer-service creates it on first use from the configured defaults.
   */
  public static final String DEFAULT = "default";

  private StreamIds() {}
}
