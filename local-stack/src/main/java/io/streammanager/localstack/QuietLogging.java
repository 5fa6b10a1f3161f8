package io.streammanager.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Keeps the in-process broker quiet. Kafka logs through slf4j, which slf4j-jdk14 sends to
 * java.util.logging; the broker writes hundreds of INFO lines per start, so only WARNING and above
 * from {@code org.apache.kafka}, {@code kafka} and {@code state.change.logger} reach the console.
 */
final class QuietLogging {

  /** Logger name roots of the broker, its Scala core and its clients. */
  static final List<String> KAFKA_LOGGER_ROOTS =
      List.of("org.apache.kafka", "kafka", "state.change.logger");

  /** The resource {@link LocalStackMain} reads as its java.util.logging configuration. */
  static final String MAIN_CONFIGURATION = "logging.properties";

  /** java.util.logging holds loggers weakly: a level set on a collected logger would be lost. */
  private static final List<Logger> HELD = new CopyOnWriteArrayList<>();

  private QuietLogging() {}

  /**
   * Sets Kafka's logger roots to WARNING unless the running java.util.logging configuration already
   * sets a level for them (a test or service that wants broker INFO logs keeps them).
   */
  static synchronized void quietKafkaUnlessConfigured() {
    LogManager manager = LogManager.getLogManager();
    for (String name : KAFKA_LOGGER_ROOTS) {
      if (manager.getProperty(name + ".level") != null) {
        continue;
      }
      Logger logger = Logger.getLogger(name);
      if (logger.getLevel() == null) {
        logger.setLevel(Level.WARNING);
        HELD.add(logger);
      }
    }
  }

  /**
   * Loads this package's {@code logging.properties} (one-line format on stderr, Kafka at WARNING)
   * unless the JVM was started with {@code -Djava.util.logging.config.file} or {@code .class}.
   */
  static void installMainConfiguration() {
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null) {
      quietKafkaUnlessConfigured();
      return;
    }
    try (InputStream in = QuietLogging.class.getResourceAsStream(MAIN_CONFIGURATION)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource "
                + MAIN_CONFIGURATION
                + " is missing next to "
                + QuietLogging.class.getName()
                + ": rebuild local-stack");
      }
      LogManager.getLogManager().readConfiguration(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + MAIN_CONFIGURATION, e);
    }
  }
}
