package io.streammanager.render;

/**
 * Packed RGB (0xRRGGBB ints) to I420 planar YUV, BT.709 limited range, in fixed point. Chroma is the average of each
 * 2x2 block (edges of odd sizes use the pixels that exist). Output layout: Y w*h, U and V ((w+1)/2)*((h+1)/2).
 */
public final class YuvConverter {
  // BT.709 coefficients scaled by 2^16, with the 219/255 and 224/255 range factors folded in.
  private static final int YR = 11966;
  private static final int YG = 40254;
  private static final int YB = 4064;
  private static final int UR = -6596;
  private static final int UG = -22189;
  private static final int UB = 28785;
  private static final int VR = 28785;
  private static final int VG = -26145;
  private static final int VB = -2640;
  private static final int HALF = 1 << 15;

  private YuvConverter() {}

  public static int frameSize(int width, int height) {
    return width * height + 2 * ((width + 1) / 2) * ((height + 1) / 2);
  }

  public static void convert(int[] rgb, int width, int height, byte[] out) {
    int cw = (width + 1) / 2;
    int ch = (height + 1) / 2;
    int uBase = width * height;
    int vBase = uBase + cw * ch;
    for (int y = 0; y < height; y++) {
      int row = y * width;
      for (int x = 0; x < width; x++) {
        int p = rgb[row + x];
        int r = (p >>> 16) & 0xFF;
        int g = (p >>> 8) & 0xFF;
        int b = p & 0xFF;
        out[row + x] = (byte) (16 + ((YR * r + YG * g + YB * b + HALF) >> 16));
      }
    }
    for (int cy = 0; cy < ch; cy++) {
      int y0 = cy * 2;
      int y1 = Math.min(y0 + 1, height - 1);
      for (int cx = 0; cx < cw; cx++) {
        int x0 = cx * 2;
        int x1 = Math.min(x0 + 1, width - 1);
        int p00 = rgb[y0 * width + x0];
        int p01 = rgb[y0 * width + x1];
        int p10 = rgb[y1 * width + x0];
        int p11 = rgb[y1 * width + x1];
        int r = (((p00 >>> 16) & 0xFF) + ((p01 >>> 16) & 0xFF) + ((p10 >>> 16) & 0xFF) + ((p11 >>> 16) & 0xFF) + 2) >> 2;
        int g = (((p00 >>> 8) & 0xFF) + ((p01 >>> 8) & 0xFF) + ((p10 >>> 8) & 0xFF) + ((p11 >>> 8) & 0xFF) + 2) >> 2;
        int b = ((p00 & 0xFF) + (p01 & 0xFF) + (p10 & 0xFF) + (p11 & 0xFF) + 2) >> 2;
        int i = cy * cw + cx;
        out[uBase + i] = (byte) clamp(128 + ((UR * r + UG * g + UB * b + HALF) >> 16));
        out[vBase + i] = (byte) clamp(128 + ((VR * r + VG * g + VB * b + HALF) >> 16));
      }
    }
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : Math.min(255, v);
  }
}
