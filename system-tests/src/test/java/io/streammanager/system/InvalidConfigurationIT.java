package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every service refuses to start on bad configuration, naming every bad variable, its value and
 * what is allowed.
 */
class InvalidConfigurationIT {

  @ParameterizedTest
  @ValueSource(strings = {"api-gateway", "layer-service", "render-worker", "encoder-worker"})
  void badValues_stopTheServiceAtStartListingEveryProblem(String service) throws Exception {
    Path root = Path.of(System.getProperty("sm.root", "..")).toAbsolutePath().normalize();
    Path logs =
        Files.createDirectories(root.resolve("system-tests/target/invalid-config/" + service));
    ServiceProcess p =
        ServiceProcess.start(
            root,
            service,
            Map.of(
                "HEALTH_PORT",
                "8099",
                "TARGET_FPS",
                "fast",
                "STREAM_RESOLUTION",
                "1920x1081",
                "AUDIO_CODEC",
                "mp3",
                "REDIS_URL",
                "localhost"),
            logs);

    assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
    assertThat(Files.readString(p.log))
        .contains(
            service + ": invalid configuration (4 problems):",
            "TARGET_FPS='fast' is not allowed: expected an integer from 1 to 120",
            "STREAM_RESOLUTION='1920x1081' is not allowed: expected WIDTHxHEIGHT with even numbers",
            "AUDIO_CODEC='mp3' is not allowed: expected one of aac|opus",
            "REDIS_URL='localhost' is not allowed: expected a URL like redis://host:port");
  }
}
