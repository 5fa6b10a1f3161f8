package io.streammanager.encoder;

import io.streammanager.encoder.audio.AudioMixer;
import io.streammanager.encoder.media.Backoff;
import io.streammanager.encoder.media.OutputPolicy;
import io.streammanager.proto.StreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Runs as the tests make them: run r1 on worker-1, a reorder depth of 8 frames or 500 ms, the
 * system clock, quick output retries, recordings below a test folder, no audio inputs.
 */
final class TestRuns {
  static final OutputPolicy QUICK_RETRIES =
      new OutputPolicy(
          4,
          Duration.ofSeconds(2),
          new Backoff(
              Duration.ofMillis(50),
              Duration.ofMillis(100),
              0,
              RandomGenerator.of("L64X128MixRandom")));

  private TestRuns() {}

  static RunOutput run(
      String stream,
      StreamConfig config,
      RunOutput.Meters meters,
      Path dir,
      RunOutput.AiredLog aired) {
    return new RunOutput(
        stream,
        "r1",
        config,
        "worker-1",
        8,
        Duration.ofMillis(500),
        System::nanoTime,
        meters,
        QUICK_RETRIES,
        OutputPlan.Destinations.under(dir),
        AudioMixer.Inputs.NONE,
        aired);
  }
}
