package io.streammanager.kit.lifecycle;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streammanager.kit.config.EnvSource;
import io.streammanager.kit.config.InvalidConfigurationException;
import io.streammanager.kit.config.PlatformConfig;
import io.streammanager.kit.ops.Metrics;
import io.streammanager.kit.ops.OpsServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service as a process: reads and checks the configuration (every problem at once, exit code
 * 2), starts the ops endpoints and the service, and on SIGTERM / Ctrl-C closes the service, then
 * the endpoints.
 */
public final class ServiceRunner {
  /** Builds the service from the checked configuration and the metrics registry. */
  @FunctionalInterface
  public interface Factory {
    Service create(PlatformConfig config, PrometheusMeterRegistry registry) throws Exception;
  }

  private ServiceRunner() {}

  public static void run(String serviceName, Factory factory) {
    PlatformConfig config;
    try {
      config = PlatformConfig.from(EnvSource.fromEnvironment());
    } catch (InvalidConfigurationException e) {
      System.err.println(serviceName + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    LogSetup.configure(serviceName, config.logLevel(), config.logFormat());
    Logger log = LoggerFactory.getLogger(ServiceRunner.class);
    PrometheusMeterRegistry registry = Metrics.registry(serviceName);
    CountDownLatch done = new CountDownLatch(1);
    try {
      Service service = factory.create(config, registry);
      OpsServer ops =
          OpsServer.start(
              serviceName,
              config.ports().metrics(),
              config.ports().health(),
              registry,
              service::ready);
      Runtime.getRuntime()
          .addShutdownHook(
              Thread.ofPlatform()
                  .name("shutdown")
                  .unstarted(
                      () -> {
                        log.info("stopping");
                        try {
                          service.close();
                        } finally {
                          ops.close();
                          log.info("stopped");
                          done.countDown();
                        }
                      }));
      log.info(
          "starting (metrics :{}/metrics, health :{}/health)", ops.metricsPort(), ops.healthPort());
      service.start(Duration.ofSeconds(60));
      log.info("ready");
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.error("failed to start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }
}
