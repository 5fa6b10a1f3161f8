package io.streammanager.encoder;

import io.streammanager.kit.config.EnvSource;
import io.streammanager.kit.config.InvalidConfigurationException;
import io.streammanager.kit.lifecycle.ServiceRunner;
import java.time.Clock;

/** Runs an encoder worker as a process. */
public final class EncoderWorkerMain {
  private EncoderWorkerMain() {}

  public static void main(String[] args) {
    EncoderConfig encoderConfig;
    try {
      encoderConfig = EncoderConfig.from(EnvSource.fromEnvironment());
    } catch (InvalidConfigurationException e) {
      System.err.println(EncoderWorker.NAME + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    ServiceRunner.run(
        EncoderWorker.NAME,
        (config, registry) ->
            new EncoderWorker(config, encoderConfig, registry, Clock.systemUTC()));
  }
}
