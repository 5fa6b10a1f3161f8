package io.streammanager.gateway;

import io.streammanager.kit.lifecycle.ServiceRunner;
import java.time.Clock;

/** Runs api-gateway as a process. */
public final class ApiGatewayMain {
  private ApiGatewayMain() {}

  public static void main(String[] args) {
    ServiceRunner.run(
        ApiGateway.NAME, (config, registry) -> new ApiGateway(config, registry, Clock.systemUTC()));
  }
}
