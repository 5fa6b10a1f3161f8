package io.streammanager.encoder;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The render workers that sent this encoder frames lately, and when: the one to ask for a frame
 * again is one known to be alive, never one gone quiet. Not thread-safe (the consumer thread).
 */
final class LiveRenderers {
  private final long aliveWithinNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Long> lastSeen = new HashMap<>();

  LiveRenderers(Duration aliveWithin, LongSupplier nanoClock) {
    this.aliveWithinNanos = aliveWithin.toNanos();
    this.nanoClock = nanoClock;
  }

  void sawFrameFrom(String workerId) {
    if (!workerId.isEmpty()) {
      lastSeen.put(workerId, nanoClock.getAsLong());
    }
  }

  /**
   * The worker heard from most lately (within the window), other than {@code not} when another is
   * alive.
   */
  Optional<String> pick(String not) {
    long now = nanoClock.getAsLong();
    lastSeen.values().removeIf(t -> now - t > 10 * aliveWithinNanos);
    String best = null;
    String fallback = null;
    long bestAt = Long.MIN_VALUE;
    long fallbackAt = Long.MIN_VALUE;
    for (var e : lastSeen.entrySet()) {
      if (now - e.getValue() > aliveWithinNanos) {
        continue;
      }
      if (e.getKey().equals(not)) {
        fallback = e.getKey();
        fallbackAt = e.getValue();
      } else if (e.getValue() > bestAt) {
        best = e.getKey();
        bestAt = e.getValue();
      }
    }
    return Optional.ofNullable(best != null ? best : fallbackAt > Long.MIN_VALUE ? fallback : null);
  }
}
