package io.streammanager.encoder;

import io.streammanager.kit.lifecycle.ServiceRunner;
import java.time.Clock;

/** Runs an encoder worker as a process. */
public final class EncoderWorkerMain {
  private EncoderWorkerMain() {}

  public static void main(String[] args) {
    ServiceRunner.run(EncoderWorker.NAME, (config, registry) -> new EncoderWorker(config, registry,
        Clock.systemUTC()));
  }
}
