package io.streammanager.layers;

import io.streammanager.kit.lifecycle.ServiceRunner;
import java.time.Clock;

/** Runs layer-service as a process. */
public final class LayerServiceMain {
  private LayerServiceMain() {}

  public static void main(String[] args) {
    ServiceRunner.run(
        LayerService.NAME,
        (config, registry) -> new LayerService(config, registry, Clock.systemUTC()));
  }
}
