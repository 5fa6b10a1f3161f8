package io.streammanager.layers;

import io.streammanager.kit.config.EnvSource;
import io.streammanager.kit.config.InvalidConfigurationException;
import io.streammanager.kit.lifecycle.ServiceRunner;
import java.time.Clock;

/** Runs layer-service as a process. */
public final class LayerServiceMain {
  private LayerServiceMain() {}

  public static void main(String[] args) {
    LayerServiceConfig own;
    try {
      own = LayerServiceConfig.from(EnvSource.fromEnvironment());
    } catch (InvalidConfigurationException e) {
      System.err.println(LayerService.NAME + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    ServiceRunner.run(
        LayerService.NAME,
        (config, registry) -> new LayerService(config, own, registry, Clock.systemUTC()));
  }
}
