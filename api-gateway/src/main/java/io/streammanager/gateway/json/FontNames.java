package io.streammanager.gateway.json;

import java.util.List;
import java.util.Locale;

/** The font families the render workers ship (kept in step with render-worker's Fonts). */
public final class FontNames {
  public static final List<String> FAMILIES = List.of("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono");

  private FontNames() {}

  public static boolean isShipped(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return FAMILIES.stream().anyMatch(f -> f.toLowerCase(Locale.ROOT).equals(n));
  }
}
