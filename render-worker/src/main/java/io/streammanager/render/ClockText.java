package io.streammanager.render;

import io.streammanager.proto.ClockFace;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of a clock layer at a frame's presentation time.
 *
 * <ul>
 *   <li>A clock: the {@link DateTimeFormatter} pattern (empty = {@value #DEFAULT_PATTERN}) in the
 *       IANA zone (empty = UTC). A pattern or zone that does not parse draws with the default
 *       instead (producers validate; a frame is never lost to a bad clock).
 *   <li>A countdown ({@code countdown_to} set): the time left, max(0, countdown_to - presentation
 *       time), truncated to milliseconds like a clock's seconds, so it shows 00:00:00 from the
 *       target on. Pattern letters: {@code d} days, {@code H} hours, {@code m} minutes, {@code s}
 *       seconds (a run of two or more pads to that many digits), {@code S}, {@code SS}, {@code SSS}
 *       tenths, hundredths, milliseconds; the largest unit in the pattern carries the whole
 *       remainder ("mm:ss" shows 90:00 for an hour and a half); text in single quotes ('' for a
 *       quote) and any other character are literal.
 * </ul>
 *
 * Not thread-safe (small caches of parsed patterns): one per renderer.
 */
final class ClockText {
  static final String DEFAULT_PATTERN = "HH:mm:ss";
  private static final int CACHE_SIZE = 64;
  private static final long MAX_SECONDS = 1_000_000_000_000_000L;
  private static final String UNITS = "dHmsS";
  private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

  private final Map<String, DateTimeFormatter> clocks = lru();
  private final Map<String, List<Object>> countdowns = lru();

  String text(ClockFace clock, Instant presentationTime) {
    if (clock.hasCountdownTo()) {
      // Clamped to +-10^15 s so no producer value can overflow; no real countdown is that long.
      long seconds =
          StrictMath.max(
              -MAX_SECONDS, StrictMath.min(MAX_SECONDS, clock.getCountdownTo().getSeconds()));
      long nanos =
          StrictMath.max(0, StrictMath.min(999_999_999, clock.getCountdownTo().getNanos()));
      Duration left = Duration.between(presentationTime, Instant.ofEpochSecond(seconds, nanos));
      long remaining = left.isNegative() ? 0 : left.toMillis();
      return countdown(
          clock.getPattern().isEmpty() ? DEFAULT_PATTERN : clock.getPattern(), remaining);
    }
    String key = clock.getPattern() + "\n" + clock.getTimeZone();
    DateTimeFormatter f =
        clocks.computeIfAbsent(key, k -> formatter(clock.getPattern(), clock.getTimeZone()));
    try {
      return f.format(presentationTime);
    } catch (DateTimeException e) {
      return formatter(DEFAULT_PATTERN, "UTC").format(presentationTime);
    }
  }

  private static DateTimeFormatter formatter(String pattern, String zone) {
    ZoneId zoneId;
    try {
      zoneId = zone.isEmpty() ? ZoneId.of("UTC") : ZoneId.of(zone);
    } catch (DateTimeException e) {
      zoneId = ZoneId.of("UTC");
    }
    try {
      return DateTimeFormatter.ofPattern(pattern.isEmpty() ? DEFAULT_PATTERN : pattern)
          .withZone(zoneId);
    } catch (IllegalArgumentException e) {
      return DateTimeFormatter.ofPattern(DEFAULT_PATTERN).withZone(zoneId);
    }
  }

  /** Formats a duration in milliseconds with a countdown pattern (see the class description). */
  String countdown(String pattern, long millis) {
    List<Object> tokens = countdowns.computeIfAbsent(pattern, ClockText::parse);
    int largest = UNITS.length();
    for (Object t : tokens) {
      if (t instanceof int[] field) {
        largest = StrictMath.min(largest, field[0]);
      }
    }
    StringBuilder out = new StringBuilder();
    for (Object t : tokens) {
      if (t instanceof int[] field) {
        out.append(field(millis, field[0], field[1], field[0] == largest));
      } else {
        out.append((String) t);
      }
    }
    return out.toString();
  }

  private static String field(long millis, int unit, int width, boolean whole) {
    if (unit == UNITS.length() - 1) {
      long divisor = width >= 3 ? 1 : width == 2 ? 10 : 100;
      return pad((whole ? millis : millis % 1000) / divisor, StrictMath.min(width, 3));
    }
    long value = millis / UNIT_MILLIS[unit];
    if (!whole) {
      value %= UNIT_MILLIS[unit - 1] / UNIT_MILLIS[unit];
    }
    return pad(value, width);
  }

  private static String pad(long value, int width) {
    String digits = Long.toString(value);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }

  /** Tokens: int[] {unit index, letter count} for fields, String for literal text. */
  private static List<Object> parse(String pattern) {
    List<Object> tokens = new ArrayList<>();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      int unit = UNITS.indexOf(c);
      if (unit >= 0) {
        int j = i;
        while (j < pattern.length() && pattern.charAt(j) == c) {
          j++;
        }
        tokens.add(new int[] {unit, j - i});
        i = j;
      } else if (c == '\'') {
        i = quoted(pattern, i + 1, tokens);
      } else {
        tokens.add(String.valueOf(c));
        i++;
      }
    }
    return List.copyOf(tokens);
  }

  /**
   * Reads quoted text from {@code start} (just after the opening quote; '' is a quote); returns the
   * index after it.
   */
  private static int quoted(String pattern, int start, List<Object> tokens) {
    StringBuilder text = new StringBuilder();
    int i = start;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c != '\'') {
        text.append(c);
        i++;
      } else if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '\'') {
        text.append('\'');
        i += 2;
      } else {
        i++;
        break;
      }
    }
    tokens.add(i == start + 1 && text.isEmpty() ? "'" : text.toString());
    return i;
  }

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > CACHE_SIZE;
      }
    };
  }
}
