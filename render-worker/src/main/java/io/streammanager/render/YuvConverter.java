package io.streammanager.render;

import java.awt.Rectangle;

/**
 * Packed RGB (0xRRGGBB ints) to I420 planar YUV, BT.709 limited range, in fixed point. Chroma is
 * the average of each 2x2 block (edges of odd sizes use the pixels that exist). Output layout: Y
 * w*h, U and V ((w+1)/2)*((h+1)/2).
 */
public final class YuvConverter {
  // BT.709 coefficients scaled by 2^16, with the 219/255 and 224/255 range factors folded in.
  static final int YR = 11966;
  static final int YG = 40254;
  static final int YB = 4064;
  static final int UR = -6596;
  static final int UG = -22189;
  static final int UB = 28785;
  static final int VR = 28785;
  static final int VG = -26145;
  static final int VB = -2640;
  static final int HALF = 1 << 15;

  private YuvConverter() {}

  public static int frameSize(int width, int height) {
    return width * height + 2 * ((width + 1) / 2) * ((height + 1) / 2);
  }

  /** The reference conversion, in plain Java; {@link VectorYuvConverter} gives the same bytes. */
  public static void convert(int[] rgb, int width, int height, byte[] out) {
    for (int i = 0; i < width * height; i++) {
      out[i] = luma(rgb[i]);
    }
    for (int cy = 0; cy < (height + 1) / 2; cy++) {
      for (int cx = 0; cx < (width + 1) / 2; cx++) {
        chroma(rgb, width, height, out, cy, cx);
      }
    }
  }

  /**
   * Converts with the Vector API when the JVM has it ({@link Simd#AVAILABLE}), else with {@link
   * #convert}: the same bytes either way.
   */
  public static void convertFast(int[] rgb, int width, int height, byte[] out) {
    if (Simd.AVAILABLE) {
      VectorYuvConverter.convert(rgb, width, height, out);
    } else {
      convert(rgb, width, height, out);
    }
  }

  /**
   * Converts only {@code area} (grown to whole 2x2 chroma blocks, clipped to the frame), leaving
   * the rest of {@code out}; the converted bytes are those of a whole-frame conversion.
   */
  public static void convertFast(int[] rgb, int width, int height, byte[] out, Rectangle area) {
    if (Simd.AVAILABLE) {
      VectorYuvConverter.convert(rgb, width, height, out, area);
      return;
    }
    int x0 = Math.max(0, area.x) & ~1;
    int y0 = Math.max(0, area.y) & ~1;
    int x1 = Math.min(width, area.x + area.width + 1 & ~1);
    int y1 = Math.min(height, area.y + area.height + 1 & ~1);
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        out[y * width + x] = luma(rgb[y * width + x]);
      }
    }
    for (int cy = y0 / 2; cy < (y1 + 1) / 2; cy++) {
      for (int cx = x0 / 2; cx < (x1 + 1) / 2; cx++) {
        chroma(rgb, width, height, out, cy, cx);
      }
    }
  }

  static byte luma(int p) {
    int r = (p >>> 16) & 0xFF;
    int g = (p >>> 8) & 0xFF;
    int b = p & 0xFF;
    return (byte) (16 + ((YR * r + YG * g + YB * b + HALF) >> 16));
  }

  /**
   * U and V of the 2x2 block (cx, cy); a block cut by an odd edge repeats the pixels that exist.
   */
  static void chroma(int[] rgb, int width, int height, byte[] out, int cy, int cx) {
    int cw = (width + 1) / 2;
    int uBase = width * height;
    int vBase = uBase + cw * ((height + 1) / 2);
    int y0 = cy * 2;
    int y1 = Math.min(y0 + 1, height - 1);
    int x0 = cx * 2;
    int x1 = Math.min(x0 + 1, width - 1);
    int p00 = rgb[y0 * width + x0];
    int p01 = rgb[y0 * width + x1];
    int p10 = rgb[y1 * width + x0];
    int p11 = rgb[y1 * width + x1];
    int r =
        (((p00 >>> 16) & 0xFF)
                + ((p01 >>> 16) & 0xFF)
                + ((p10 >>> 16) & 0xFF)
                + ((p11 >>> 16) & 0xFF)
                + 2)
            >> 2;
    int g =
        (((p00 >>> 8) & 0xFF)
                + ((p01 >>> 8) & 0xFF)
                + ((p10 >>> 8) & 0xFF)
                + ((p11 >>> 8) & 0xFF)
                + 2)
            >> 2;
    int b = ((p00 & 0xFF) + (p01 & 0xFF) + (p10 & 0xFF) + (p11 & 0xFF) + 2) >> 2;
    int i = cy * cw + cx;
    out[uBase + i] = (byte) clamp(128 + ((UR * r + UG * g + UB * b + HALF) >> 16));
    out[vBase + i] = (byte) clamp(128 + ((VR * r + VG * g + VB * b + HALF) >> 16));
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : Math.min(255, v);
  }
}
