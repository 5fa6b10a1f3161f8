package io.streammanager.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class QuietLoggingTest {

  @Test
  void quietKafkaUnlessConfigured_setsEveryKafkaRootToWarning() {
    QuietLogging.quietKafkaUnlessConfigured();

    assertThat(QuietLogging.KAFKA_LOGGER_ROOTS)
        .allSatisfy(name -> assertThat(Logger.getLogger(name).getLevel()).isEqualTo(Level.WARNING));
    assertThat(Logger.getLogger("kafka.server.BrokerServer").isLoggable(Level.INFO)).isFalse();
    assertThat(
            Logger.getLogger("org.apache.kafka.clients.admin.AdminClientConfig")
                .isLoggable(Level.INFO))
        .isFalse();
  }

  @Test
  void mainConfiguration_setsKafkaRootsToWarningWithOneLineFormat() throws Exception {
    Properties configuration = new Properties();
    try (InputStream in = QuietLogging.class.getResourceAsStream(QuietLogging.MAIN_CONFIGURATION)) {
      assertThat(in).as("resource %s", QuietLogging.MAIN_CONFIGURATION).isNotNull();
      configuration.load(in);
    }

    assertThat(QuietLogging.KAFKA_LOGGER_ROOTS)
        .allSatisfy(
            name -> assertThat(configuration.getProperty(name + ".level")).isEqualTo("WARNING"));
    assertThat(configuration.getProperty("java.util.logging.SimpleFormatter.format")).isNotBlank();
  }
}
