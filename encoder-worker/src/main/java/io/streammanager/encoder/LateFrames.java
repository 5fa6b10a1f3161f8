package io.streammanager.encoder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Which missing frames of one run to ask for again, and when. A frame is missed once a later one
 * came ({@link ReorderBuffer#missing}); when it is still missing {@code askAfter} later, it is
 * asked for (attempt 1), and once more ({@code askAgainAfter} after that, attempt 2, of another
 * worker) if it still has not come. At most {@code perSecond} requests a second per run: when every
 * worker is behind, asking for everything again would only add work. Time comes from an injected
 * nano clock. Not thread-safe (the encoder's consumer thread).
 */
final class LateFrames {
  /** Ask for {@code frame} now; {@code attempt} 1 or 2. */
  record Ask(long frame, int attempt) {}

  private static final class Missed {
    final long since;
    int attempts;
    long lastAsk;

    Missed(long since) {
      this.since = since;
    }
  }

  private final long askAfterNanos;
  private final long askAgainAfterNanos;
  private final double perSecond;
  private final LongSupplier nanoClock;
  private final Map<Long, Missed> missed = new TreeMap<>();
  private double tokens;
  private long tokensAt;
  private long asked;

  LateFrames(Duration askAfter, Duration askAgainAfter, int perSecond, LongSupplier nanoClock) {
    this.askAfterNanos = askAfter.toNanos();
    this.askAgainAfterNanos = askAgainAfter.toNanos();
    this.perSecond = perSecond;
    this.nanoClock = nanoClock;
    this.tokens = perSecond;
    this.tokensAt = nanoClock.getAsLong();
  }

  /** The requests to send now, given the frames missing now (oldest first). */
  List<Ask> due(List<Long> missing) {
    long now = nanoClock.getAsLong();
    missed.keySet().retainAll(new HashSet<>(missing));
    refill(now);
    List<Ask> out = new ArrayList<>();
    for (long f : missing) {
      Missed m = missed.computeIfAbsent(f, k -> new Missed(now));
      boolean first = m.attempts == 0 && now - m.since >= askAfterNanos;
      boolean again = m.attempts == 1 && now - m.lastAsk >= askAgainAfterNanos;
      if ((first || again) && tokens >= 1) {
        tokens--;
        m.attempts++;
        m.lastAsk = now;
        asked++;
        out.add(new Ask(f, m.attempts));
      }
    }
    return out;
  }

  /** Requests made so far. */
  long asked() {
    return asked;
  }

  private void refill(long now) {
    tokens = Math.min(perSecond, tokens + (now - tokensAt) / 1e9 * perSecond);
    tokensAt = now;
  }
}
