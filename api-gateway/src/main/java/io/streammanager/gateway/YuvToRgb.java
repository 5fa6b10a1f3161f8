package io.streammanager.gateway;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * I420 planar YUV (BT.709, limited range, tightly packed: Y w*h, U and V ((w+1)/2)*((h+1)/2)) back
 * to RGB: the inverse of the render worker's conversion, in 16-bit fixed point. Chroma is taken for
 * each 2x2 block as it is (nearest), so a flat area comes back to its colour within a step or two
 * of rounding; the picture is for looking at, the comparison with what aired is made on the YUV
 * bytes.
 */
final class YuvToRgb {
  // 255/219 and 255/224 range factors folded into the BT.709 coefficients, scaled by 2^16.
  private static final int Y = 76309;
  private static final int RV = 117489;
  private static final int GU = -13975;
  private static final int GV = -34925;
  private static final int BU = 138438;
  private static final int HALF = 1 << 15;

  private YuvToRgb() {}

  static int frameSize(int width, int height) {
    return width * height + 2 * ((width + 1) / 2) * ((height + 1) / 2);
  }

  /** The frame as a {@code TYPE_INT_RGB} picture. */
  static BufferedImage toImage(byte[] yuv, int width, int height) {
    if (width < 1 || height < 1 || yuv.length != frameSize(width, height)) {
      throw new IllegalArgumentException(
          "a "
              + width
              + "x"
              + height
              + " YUV420P frame has "
              + frameSize(width, height)
              + " bytes, not "
              + yuv.length);
    }
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    int cw = (width + 1) / 2;
    int uBase = width * height;
    int vBase = uBase + cw * ((height + 1) / 2);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int c = (y / 2) * cw + x / 2;
        px[y * width + x] =
            rgb(yuv[y * width + x] & 0xFF, yuv[uBase + c] & 0xFF, yuv[vBase + c] & 0xFF);
      }
    }
    return img;
  }

  /** One pixel: 0xRRGGBB. */
  static int rgb(int y, int u, int v) {
    int l = Y * (y - 16) + HALF;
    int d = u - 128;
    int e = v - 128;
    int r = clamp((l + RV * e) >> 16);
    int g = clamp((l + GU * d + GV * e) >> 16);
    int b = clamp((l + BU * d) >> 16);
    return r << 16 | g << 8 | b;
  }

  /** The frame as PNG bytes. */
  static byte[] png(byte[] yuv, int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(width * height);
    try {
      ImageIO.write(toImage(yuv, width, height), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
    return out.toByteArray();
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : Math.min(255, v);
  }
}
