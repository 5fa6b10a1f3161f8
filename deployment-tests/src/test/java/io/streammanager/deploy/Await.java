package io.streammanager.deploy;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a time limit; the failure says what was awaited and what was seen. */
final class Await {
  private static final Duration POLL = Duration.ofMillis(250);

  private Await() {}

  static void until(Duration timeout, Supplier<String> whatFailed, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout.toSeconds() + " s: " + whatFailed.get());
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }
}
