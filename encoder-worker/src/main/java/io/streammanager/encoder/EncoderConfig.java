package io.streammanager.encoder;

import io.streammanager.kit.config.ConfigReader;
import io.streammanager.kit.config.EnvSource;

/**
 * The encoder's own settings, next to the platform's ({@code PlatformConfig}); checked when read,
 * every problem at once.
 *
 * @param reorderDepth ENCODER_REORDER_DEPTH (frames, 1..300, default 8): a missing frame is given
 *     up (replaced by the previous one) once this many later frames are here, or after 500 ms.
 *     Deeper tolerates more render-worker jitter at the cost of latency.
 * @param sessionTimeoutMs ENCODER_SESSION_TIMEOUT_MS (1000..60000, default 2000): how long a dead
 *     encoder (kill -9, lost machine) keeps its streams before the group gives them to a standby,
 *     which then continues at the live frame. The broker's {@code group.min.session.timeout.ms}
 *     (Kafka's default 6000; the local stack sets 1000) must not be above it. Shorter fails over
 *     sooner; too short for a starved machine moves streams needlessly.
 */
public record EncoderConfig(int reorderDepth, int sessionTimeoutMs) {
  public static final int DEFAULT_REORDER_DEPTH = 8;
  public static final int DEFAULT_SESSION_TIMEOUT_MS = 2000;

  public EncoderConfig {
    if (reorderDepth < 1 || reorderDepth > 300) {
      throw new IllegalArgumentException("reorderDepth must be 1..300, got " + reorderDepth);
    }
    if (sessionTimeoutMs < 1000 || sessionTimeoutMs > 60_000) {
      throw new IllegalArgumentException(
          "sessionTimeoutMs must be 1000..60000, got " + sessionTimeoutMs);
    }
  }

  /** Reads the variables; throws {@code InvalidConfigurationException} listing every problem. */
  public static EncoderConfig from(EnvSource env) {
    ConfigReader r = new ConfigReader(env);
    int depth = r.integer("ENCODER_REORDER_DEPTH", DEFAULT_REORDER_DEPTH, 1, 300);
    int session = r.integer("ENCODER_SESSION_TIMEOUT_MS", DEFAULT_SESSION_TIMEOUT_MS, 1000, 60_000);
    r.throwIfInvalid();
    return new EncoderConfig(depth, session);
  }
}
