package io.streammanager.layers;

import io.streammanager.kit.config.ConfigReader;
import io.streammanager.kit.config.EnvSource;

/**
 * layer-service's own settings, next to the platform's ({@code PlatformConfig}); checked when read,
 * every problem at once.
 *
 * @param sessionTimeoutMs LAYER_SESSION_TIMEOUT_MS (1000..60000, default 1000): how long a dead
 *     layer-service (kill -9, lost machine) keeps its streams before the group gives them to
 *     another instance, which takes their clocks over at the frame then due. The broker's {@code
 *     group.min.session.timeout.ms} (Kafka's default 6000; the local stack and compose set 1000)
 *     must not be above it. Shorter takes over sooner; too short for a starved machine moves
 *     streams needlessly (each move skips the frames of a rebalance).
 */
public record LayerServiceConfig(int sessionTimeoutMs) {
  public static final int DEFAULT_SESSION_TIMEOUT_MS = 1000;

  public LayerServiceConfig {
    if (sessionTimeoutMs < 1000 || sessionTimeoutMs > 60_000) {
      throw new IllegalArgumentException(
          "sessionTimeoutMs must be 1000..60000, got " + sessionTimeoutMs);
    }
  }

  /** Every setting at its default. */
  public static LayerServiceConfig defaults() {
    return new LayerServiceConfig(DEFAULT_SESSION_TIMEOUT_MS);
  }

  /** Reads the variables; throws {@code InvalidConfigurationException} listing every problem. */
  public static LayerServiceConfig from(EnvSource env) {
    ConfigReader r = new ConfigReader(env);
    int session = r.integer("LAYER_SESSION_TIMEOUT_MS", DEFAULT_SESSION_TIMEOUT_MS, 1000, 60_000);
    r.throwIfInvalid();
    return new LayerServiceConfig(session);
  }
}
