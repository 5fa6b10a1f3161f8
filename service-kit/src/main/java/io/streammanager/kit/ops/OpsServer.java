package io.streammanager.kit.ops;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Serves {@code GET /metrics} (Prometheus text) on METRICS_PORT and {@code GET /health} on
 * HEALTH_PORT; one listener serves both when the ports are equal.
 */
public final class OpsServer implements AutoCloseable {
  static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final List<WebServer> servers = new ArrayList<>();
  private final int metricsPort;
  private final int healthPort;

  private OpsServer(
      String serviceName,
      int metricsPort,
      int healthPort,
      PrometheusMeterRegistry registry,
      BooleanSupplier ready) {
    if (metricsPort == healthPort) {
      WebServer both =
          start(
              metricsPort,
              r -> {
                metrics(r, registry);
                health(r, serviceName, ready);
              });
      servers.add(both);
      this.metricsPort = both.port();
      this.healthPort = both.port();
    } else {
      WebServer m = start(metricsPort, r -> metrics(r, registry));
      servers.add(m);
      WebServer h = start(healthPort, r -> health(r, serviceName, ready));
      servers.add(h);
      this.metricsPort = m.port();
      this.healthPort = h.port();
    }
  }

  /**
   * Starts the listeners.
   *
   * @param ready true once the service does its job (consumers assigned, connections open)
   */
  public static OpsServer start(
      String serviceName,
      int metricsPort,
      int healthPort,
      PrometheusMeterRegistry registry,
      BooleanSupplier ready) {
    return new OpsServer(serviceName, metricsPort, healthPort, registry, ready);
  }

  public int metricsPort() {
    return metricsPort;
  }

  public int healthPort() {
    return healthPort;
  }

  private static WebServer start(
      int port, java.util.function.Consumer<HttpRouting.Builder> routes) {
    return listening(
        WebServer.builder().host("0.0.0.0").port(port).routing(routes).build().start(),
        port,
        "METRICS_PORT/HEALTH_PORT");
  }

  /**
   * The server, once it listens. Helidon logs a listener it cannot open and goes on; here that
   * stops the service, naming the port and the variable to change.
   */
  public static WebServer listening(WebServer server, int port, String variable) {
    if (!server.isRunning() || server.port() < 0) {
      server.stop();
      throw new IllegalStateException(
          "cannot listen on port " + port + " (in use?): change " + variable);
    }
    return server;
  }

  private static void metrics(HttpRouting.Builder r, PrometheusMeterRegistry registry) {
    r.get(
        "/metrics",
        (req, res) -> {
          res.header(HeaderNames.CONTENT_TYPE, PROMETHEUS_CONTENT_TYPE);
          res.send(registry.scrape());
        });
  }

  private static void health(HttpRouting.Builder r, String serviceName, BooleanSupplier ready) {
    r.get(
        "/health",
        (req, res) -> {
          boolean up = ready.getAsBoolean();
          res.status(up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
          res.header(HeaderNames.CONTENT_TYPE, "application/json");
          res.send(
              "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"service\":\"" + serviceName + "\"}");
        });
  }

  @Override
  public void close() {
    servers.forEach(WebServer::stop);
  }
}
