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

  public static Instant toInstant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  public static long toMicros(Timestamp t) {
    return t.getSeconds() * 1_000_000L + t.getNanos() / 1_000;
  }
}
