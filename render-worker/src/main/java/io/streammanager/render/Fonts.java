package io.streammanager.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fonts the project ships, loaded from the jar (DejaVu 2.37, {@code fonts/DejaVu-LICENSE.txt}):
 * never a silent fallback to whatever the machine has, so text is drawn the same on every worker.
 *
 * <p>Three families, each with four faces: {@code DejaVu Sans}, {@code DejaVu Serif}, {@code DejaVu
 * Sans Mono}. Family names match case-insensitively. A weight of 600 or more picks the bold face,
 * {@code italic} the oblique (italic for Serif) face. Producers should refuse a family that {@link
 * #isShipped} does not know; the renderer draws an unknown or empty family with {@link
 * #DEFAULT_FAMILY}, so a frame is never lost to a bad name.
 */
public final class Fonts {
  public static final String DEFAULT_FAMILY = "DejaVu Sans";

  /** Weights from this one up use the bold face. */
  public static final int BOLD_WEIGHT = 600;

  private static final List<String> FAMILIES =
      List.of("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono");

  /** Faces by lower-case family, in the order regular, bold, italic, bold italic. */
  private static final Map<String, Font[]> FACES = load();

  private Fonts() {}

  /** The shipped families, by their canonical names. */
  public static List<String> families() {
    return FAMILIES;
  }

  /** True when {@code family} names a shipped family (any case); false for null and empty names. */
  public static boolean isShipped(String family) {
    return family != null && FACES.containsKey(family.toLowerCase(Locale.ROOT));
  }

  /**
   * The shipped face for a text style: {@code weight} 0 means 400, 600 and above are bold. An
   * unknown or empty family gives {@link #DEFAULT_FAMILY}.
   */
  public static Font font(String family, int weight, boolean italic, float size) {
    Font[] faces =
        isShipped(family)
            ? FACES.get(family.toLowerCase(Locale.ROOT))
            : FACES.get(DEFAULT_FAMILY.toLowerCase(Locale.ROOT));
    int index = (weight >= BOLD_WEIGHT ? 1 : 0) + (italic ? 2 : 0);
    return faces[index].deriveFont(size);
  }

  /** The regular face of a family (see {@link #font}). */
  public static Font family(String name, float size) {
    return font(name, 400, false, size);
  }

  private static Map<String, Font[]> load() {
    Map<String, Font[]> faces = new HashMap<>();
    faces.put(
        "dejavu sans",
        faces("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"));
    faces.put(
        "dejavu serif",
        faces("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"));
    faces.put(
        "dejavu sans mono",
        faces(
            "DejaVuSansMono",
            "DejaVuSansMono-Bold",
            "DejaVuSansMono-Oblique",
            "DejaVuSansMono-BoldOblique"));
    return Map.copyOf(faces);
  }

  private static Font[] faces(String... files) {
    Font[] fonts = new Font[files.length];
    for (int i = 0; i < files.length; i++) {
      fonts[i] = load("/fonts/" + files[i] + ".ttf");
    }
    return fonts;
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
