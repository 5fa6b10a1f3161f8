package io.streammanager.encoder;

import io.streammanager.kit.config.ConfigReader;
import io.streammanager.kit.config.EnvSource;

/**
 * The encoder's own settings, next to the platform's ({@code PlatformConfig}); checked when read, every problem at
 * once.
 *
 * @param reorderDepth ENCODER_REORDER_DEPTH (frames, 1..300, default 8): a missing frame is given up (replaced by the
 *     previous one) once this many later frames are here, or after 500 ms. Deeper tolerates more render-worker
 *     jitter at the cost of latency.
 */
public record EncoderConfig(int reorderDepth) {
  public static final int DEFAULT_REORDER_DEPTH = 8;

  public EncoderConfig {
    if (reorderDepth < 1 || reorderDepth > 300) {
      throw new IllegalArgumentException("reorderDepth must be 1..300, got " + reorderDepth);
    }
  }

  /** Reads the variables; throws {@code InvalidConfigurationException} listing every problem. */
  public static EncoderConfig from(EnvSource env) {
    ConfigReader r = new ConfigReader(env);
    int depth = r.integer("ENCODER_REORDER_DEPTH", DEFAULT_REORDER_DEPTH, 1, 300);
    r.throwIfInvalid();
    return new EncoderConfig(depth);
  }
}
