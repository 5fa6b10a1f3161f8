package io.streammanager.proto;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Conversions between {@link Instant} and {@link Timestamp}. */
public final class ProtoTime {
  private ProtoTime() {}

  public static Timestamp of(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  public static Timestamp ofMillis(long epochMillis) {
    return of(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * True when the timestamp is a valid {@link Instant} (any producer may write any bytes to a
   * topic).
   */
  public static boolean isRepresentable(Timestamp t) {
    return t.getSeconds() >= Instant.MIN.getEpochSecond()
        && t.getSeconds() <= Instant.MAX.getEpochSecond()
        && t.getNanos() >= 0
        && t.getNanos() < 1_000_000_000;
  }

  public static Instant toInstant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  public static long toMicros(Timestamp t) {
    return t.getSeconds() * 1_000_000L + t.getNanos() / 1_000;
  }

  /** Microseconds since the epoch (the score of history entries). */
  public static long toMicros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }
}
