package io.streammanager.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * The fonts the project ships, loaded from the jar: never a silent fallback to whatever the machine has, so text is
 * drawn the same on every worker.
 */
public final class Fonts {
  public static final String DEFAULT_FAMILY = "DejaVu Sans";
  private static final Map<String, Font> SHIPPED = Map.of(
      "dejavu sans", load("/fonts/DejaVuSans.ttf"),
      "dejavu sans bold", load("/fonts/DejaVuSans-Bold.ttf"));

  private Fonts() {}

  /** The shipped font for a family name (case-insensitive); unknown or empty names give the default family. */
  public static Font family(String name, float size) {
    Font base = SHIPPED.get(name == null || name.isBlank() ? "dejavu sans" : name.toLowerCase(Locale.ROOT));
    return (base == null ? SHIPPED.get("dejavu sans") : base).deriveFont(size);
  }

  private static Font load(String resource) {
    try (InputStream in = Fonts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("font " + resource + " is missing from the jar");
      }
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read font " + resource, e);
    } catch (FontFormatException e) {
      throw new IllegalStateException("font " + resource + " is not a TrueType font", e);
    }
  }
}
