package io.streammanager.render;

import io.streammanager.kit.lifecycle.ServiceRunner;
import java.time.Clock;

/** Runs a render worker as a process; start as many as the load needs. */
public final class RenderWorkerMain {
  private RenderWorkerMain() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    ServiceRunner.run(
        RenderWorker.NAME,
        (config, registry) -> new RenderWorker(config, registry, Clock.systemUTC()));
  }
}
