package io.streammanager.render;

import java.awt.Color;

/** The model's colours: 0xRRGGBBAA ints, straight (not premultiplied) alpha. */
final class Rgba {
  private Rgba() {}

  static Color color(int rgba) {
    return new Color(rgba >>> 24, (rgba >>> 16) & 0xFF, (rgba >>> 8) & 0xFF, rgba & 0xFF);
  }

  static int alpha(int rgba) {
    return rgba & 0xFF;
  }

  /** The same colour as a premultiplied 0xAARRGGBB pixel (rounded to nearest). */
  static int premultipliedArgb(int rgba) {
    int a = rgba & 0xFF;
    int r = ((rgba >>> 24) * a + 127) / 255;
    int g = (((rgba >>> 16) & 0xFF) * a + 127) / 255;
    int b = (((rgba >>> 8) & 0xFF) * a + 127) / 255;
    return a << 24 | r << 16 | g << 8 | b;
  }
}
