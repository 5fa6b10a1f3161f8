package io.streammanager.kit.lifecycle;

import java.time.Duration;

/** A service: started once, ready when it does its job, closed once. */
public interface Service extends AutoCloseable {

  /**
   * Starts and waits until ready; throws with what failed when not ready within {@code timeout}.
   */
  void start(Duration timeout) throws Exception;

  /** True while the service does its job; served at {@code /health}. */
  boolean ready();

  /** Stops in order, releasing every resource. */
  @Override
  void close();
}
