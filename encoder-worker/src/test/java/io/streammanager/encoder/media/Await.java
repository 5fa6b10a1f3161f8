package io.streammanager.encoder.media;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline and says what it waited for when it times out. */
public final class Await {
  private Await() {}

  public static void until(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "timed out after " + timeout.toSeconds() + " s waiting for " + what.get());
      }
      LockSupport.parkNanos(
          Duration.ofMillis(20).toNanos()); // polling interval of the condition, not a wait for it
    }
  }
}
