package io.streammanager.gateway.json;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CSS-style colours to 0xRRGGBBAA: {@code #RGB}, {@code #RGBA}, {@code #RRGGBB}, {@code #RRGGBBAA}
 * or a basic name.
 */
public final class ColorParser {
  public static final String ALLOWED =
      "#RGB, #RGBA, #RRGGBB, #RRGGBBAA or a name (black, white, red, green, blue, "
          + "yellow, cyan, magenta, gray, orange, transparent)";
  private static final Map<String, Integer> NAMES =
      Map.ofEntries(
          Map.entry("black", 0x000000FF),
          Map.entry("white", 0xFFFFFFFF),
          Map.entry("red", 0xFF0000FF),
          Map.entry("green", 0x008000FF),
          Map.entry("lime", 0x00FF00FF),
          Map.entry("blue", 0x0000FFFF),
          Map.entry("yellow", 0xFFFF00FF),
          Map.entry("cyan", 0x00FFFFFF),
          Map.entry("magenta", 0xFF00FFFF),
          Map.entry("gray", 0x808080FF),
          Map.entry("grey", 0x808080FF),
          Map.entry("orange", 0xFFA500FF),
          Map.entry("transparent", 0x00000000));

  private ColorParser() {}

  public static Optional<Integer> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (NAMES.containsKey(s)) {
      return Optional.of(NAMES.get(s));
    }
    if (!s.startsWith("#")) {
      return Optional.empty();
    }
    String hex = s.substring(1);
    if (!hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return Optional.empty();
    }
    return switch (hex.length()) {
      case 3 -> Optional.of(expand(hex + "f"));
      case 4 -> Optional.of(expand(hex));
      case 6 -> Optional.of((int) (Long.parseLong(hex, 16) << 8 | 0xFF));
      case 8 -> Optional.of((int) Long.parseLong(hex, 16));
      default -> Optional.empty();
    };
  }

  private static int expand(String rgba) {
    int v = 0;
    for (char c : rgba.toCharArray()) {
      int d = Character.digit(c, 16);
      v = v << 8 | d << 4 | d;
    }
    return v;
  }

  /** 0xRRGGBBAA as {@code #RRGGBB}, or {@code #RRGGBBAA} when not opaque. */
  public static String format(int rgba) {
    return (rgba & 0xFF) == 0xFF
        ? String.format("#%06X", rgba >>> 8)
        : String.format("#%08X", rgba);
  }
}
