package io.streammanager.kit.lifecycle;

import io.streammanager.kit.config.PlatformConfig.LogLevel;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Console logs through JUL (slf4j-jdk14 routes Kafka's and Redisson's logs here too): one line per
 * event, or one JSON object per line with LOG_FORMAT=json ({@link JsonLogFormatter}).
 */
public final class LogSetup {
  /**
   * JUL keeps loggers weakly: without these references the levels set below would be lost at the
   * next GC.
   */
  private static final java.util.List<Logger> CONFIGURED = new java.util.ArrayList<>();

  private LogSetup() {}

  public static void configure(String serviceName, LogLevel level) {
    configure(serviceName, level, io.streammanager.kit.config.PlatformConfig.LogFormat.TEXT);
  }

  public static void configure(
      String serviceName,
      LogLevel level,
      io.streammanager.kit.config.PlatformConfig.LogFormat format) {
    System.setProperty(
        "java.util.logging.SimpleFormatter.format",
        "%1$tF %1$tT.%1$tL %4$-7s [" + serviceName + "] %3$s - %5$s%6$s%n");
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    ConsoleHandler handler = new ConsoleHandler();
    handler.setFormatter(
        format == io.streammanager.kit.config.PlatformConfig.LogFormat.JSON
            ? new JsonLogFormatter(serviceName)
            : new SimpleFormatter());
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(jul(level));
    // Libraries are chatty at INFO: keep their warnings only.
    for (String noisy :
        new String[] {"org.apache.kafka", "kafka", "org.redisson", "io.netty", "io.helidon"}) {
      Logger logger = Logger.getLogger(noisy);
      logger.setLevel(level == LogLevel.DEBUG ? Level.INFO : Level.WARNING);
      CONFIGURED.add(logger);
    }
  }

  private static Level jul(LogLevel level) {
    return switch (level) {
      case ERROR -> Level.SEVERE;
      case WARN -> Level.WARNING;
      case INFO -> Level.INFO;
      case DEBUG -> Level.FINE;
    };
  }
}
