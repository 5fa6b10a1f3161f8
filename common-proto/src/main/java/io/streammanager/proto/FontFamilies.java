package io.streammanager.proto;

import java.util.List;
import java.util.Locale;

/**
 * The font families the render workers ship: the gateway accepts only these, render-worker loads
 * exactly these.
 */
public final class FontFamilies {
  public static final List<String> NAMES =
      List.of("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono");

  private FontFamilies() {}

  public static boolean isShipped(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return NAMES.stream().anyMatch(f -> f.toLowerCase(Locale.ROOT).equals(n));
  }
}
