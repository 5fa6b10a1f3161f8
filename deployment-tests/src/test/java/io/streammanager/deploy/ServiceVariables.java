package io.streammanager.deploy;

import io.streammanager.encoder.EncoderConfig;
import io.streammanager.kit.config.EnvSource;
import io.streammanager.kit.config.InvalidConfigurationException;
import io.streammanager.kit.config.PlatformConfig;
import io.streammanager.layers.LayerServiceConfig;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The environment variables a service's configuration reads, found by reading it (every service
 * reads {@link PlatformConfig}; the encoder reads {@link EncoderConfig} too, layer-service {@link
 * LayerServiceConfig}), so a deployment file can be held against them.
 */
final class ServiceVariables {
  /** Read by the JVM or the image, not by our configuration. */
  static final Set<String> RUNTIME = Set.of("JAVA_TOOL_OPTIONS", "ENV_FILE");

  private ServiceVariables() {}

  static Set<String> readBy(String service) {
    EnvSource env = EnvSource.of(Map.of());
    try {
      PlatformConfig.from(env);
      if (service.equals("encoder-worker")) {
        EncoderConfig.from(env);
      }
      if (service.equals("layer-service")) {
        LayerServiceConfig.from(env);
      }
    } catch (InvalidConfigurationException e) {
      // Every variable is read before the problems are reported: what was asked is complete either
      // way.
    }
    Set<String> out = new TreeSet<>(env.asked());
    out.addAll(RUNTIME);
    return out;
  }

  /** The names in {@code set} that {@code service} does not read. */
  static Set<String> unread(String service, Iterable<String> set) {
    Set<String> read = readBy(service);
    Set<String> out = new TreeSet<>();
    set.forEach(
        name -> {
          if (!read.contains(name)) {
            out.add(name);
          }
        });
    return out;
  }
}
