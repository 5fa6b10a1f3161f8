package io.streammanager.proto;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Run ids: made by layer-service when a stream starts, compared by the encoder to tell a newer run
 * from a stale one. Form: {@code yyyyMMdd-HHmmss-SSS-<command offset>}: readable, sortable by start
 * time, unique per stream even when two starts fall in the same millisecond.
 */
public final class RunIds {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
  private static final int TIME_LENGTH = "yyyyMMdd-HHmmss-SSS".length();

  private RunIds() {}

  public static String of(Instant startedAt, long commandOffset) {
    return TIME.format(startedAt) + "-" + commandOffset;
  }

  /**
   * True when run {@code a} started after run {@code b} (or is its later twin in the same
   * millisecond).
   */
  public static boolean isNewer(String a, String b) {
    int time = TIME_LENGTH;
    if (a.length() < time || b.length() < time) {
      return a.compareTo(b) > 0;
    }
    int byTime = a.substring(0, time).compareTo(b.substring(0, time));
    if (byTime != 0) {
      return byTime > 0;
    }
    return offset(a) > offset(b);
  }

  private static long offset(String id) {
    try {
      return id.length() > TIME_LENGTH + 1 ? Long.parseLong(id.substring(TIME_LENGTH + 1)) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
