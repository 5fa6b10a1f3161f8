package io.streammanager.render;

import io.streammanager.proto.BlendMode;
import java.awt.Rectangle;

/**
 * Composes a premultiplied ARGB layer onto the opaque canvas with a blend mode, in integer
 * arithmetic (one division, rounded to nearest, per channel). With backdrop colour Cb, source
 * colour Cs and source alpha as (the pixel's alpha times the layer opacity), a channel becomes
 * {@code (1 - as) * Cb + as * B(Cb, Cs)} with the separable blend functions of the W3C Compositing
 * and Blending spec: normal Cs; multiply Cb*Cs; screen Cb + Cs - Cb*Cs; overlay = hard-light with
 * the layers swapped (2*Cb*Cs when Cb <= 0.5, else screen(Cs, 2*Cb - 1)); darken min; lighten max;
 * difference |Cb - Cs|. Add is the spec's plus-lighter: min(1, Cb + as*Cs). The canvas stays
 * opaque, so the result's alpha is 1. No allocation per pixel.
 */
final class BlendCompositor {
  private static final int ONE = 255 * 255;

  /** ceil(2^40 / 65025). */
  private static final long RECIPROCAL = 16_909_061L;

  private BlendCompositor() {}

  /** The layer opacity 0..1 as 0..255. */
  static int opacity255(double opacity) {
    return (int) StrictMath.round(StrictMath.max(0, StrictMath.min(1, opacity)) * 255);
  }

  /**
   * Composes {@code area} of {@code src} (premultiplied ARGB) onto the same pixels of {@code dst}
   * (0xRRGGBB; the top byte is ignored and written as 0). Both arrays share the frame's coordinates
   * with their own row strides.
   */
  static void compose(
      BlendMode mode,
      int[] src,
      int srcStride,
      int[] dst,
      int dstStride,
      Rectangle area,
      double opacity) {
    compose(mode, src, area.y * srcStride + area.x, srcStride, dst, dstStride, area, opacity);
  }

  /**
   * Composes {@code src} (premultiplied ARGB, row stride {@code srcStride}), whose pixel at {@code
   * srcOrigin} goes to the top-left of {@code area}, onto {@code area} of {@code dst}.
   */
  static void compose(
      BlendMode mode,
      int[] src,
      int srcOrigin,
      int srcStride,
      int[] dst,
      int dstStride,
      Rectangle area,
      double opacity) {
    int op = opacity255(opacity);
    if (op == 0) {
      return;
    }
    for (int y = area.y; y < area.y + area.height; y++) {
      int s = srcOrigin + (y - area.y) * srcStride;
      int d = y * dstStride + area.x;
      for (int end = s + area.width; s < end; s++, d++) {
        int p = src[s];
        if (p != 0) {
          dst[d] = blend(mode, dst[d], p, op);
        }
      }
    }
  }

  /** Composes one premultiplied ARGB colour over {@code area} of {@code dst} (a colour layer). */
  static void composeColor(
      BlendMode mode,
      int argbPremultiplied,
      int[] dst,
      int dstStride,
      Rectangle area,
      double opacity) {
    int op = opacity255(opacity);
    if (op == 0 || argbPremultiplied == 0) {
      return;
    }
    for (int y = area.y; y < area.y + area.height; y++) {
      int d = y * dstStride + area.x;
      for (int end = d + area.width; d < end; d++) {
        dst[d] = blend(mode, dst[d], argbPremultiplied, op);
      }
    }
  }

  /** One pixel: backdrop 0xRRGGBB, source premultiplied ARGB, opacity 0..255. */
  static int blend(BlendMode mode, int backdrop, int source, int opacity) {
    // Alpha and premultiplied colour times the opacity, kept in 0..65025 so that only the last
    // division rounds.
    int a = (source >>> 24) * opacity;
    if (a == 0) {
      return backdrop & 0xFFFFFF;
    }
    int r = channel(mode, (backdrop >> 16) & 0xFF, ((source >> 16) & 0xFF) * opacity, a);
    int g = channel(mode, (backdrop >> 8) & 0xFF, ((source >> 8) & 0xFF) * opacity, a);
    int b = channel(mode, backdrop & 0xFF, (source & 0xFF) * opacity, a);
    return r << 16 | g << 8 | b;
  }

  /**
   * One channel: backdrop {@code b} (0..255), premultiplied source {@code p} with alpha {@code a}
   * (p <= a, both 0..65025, 65025 = 1). Every term is 65025 x 255 times the spec's 0..1 value; one
   * rounded division gives 0..255.
   */
  private static int channel(BlendMode mode, int b, int p, int a) {
    int keep = b * (ONE - a); // (1 - as) * Cb
    int term =
        switch (mode) {
          case BLEND_ADD -> StrictMath.min(ONE * 255, b * ONE + 255 * p);
          case BLEND_MULTIPLY -> keep + b * p;
          case BLEND_SCREEN -> b * (ONE - p) + 255 * p;
          case BLEND_OVERLAY ->
              keep + (2 * b <= 255 ? 2 * b * p : 255 * a - 2 * (255 - b) * (a - p));
          case BLEND_DARKEN -> keep + StrictMath.min(a * b, 255 * p);
          case BLEND_LIGHTEN -> keep + StrictMath.max(a * b, 255 * p);
          case BLEND_DIFFERENCE -> keep + StrictMath.abs(a * b - 255 * p);
          default -> keep + 255 * p;
        };
    return divideByOne(term + ONE / 2);
  }

  /**
   * x / 65025 for 0 <= x < 2^24, as a multiply and shift (exact over that range; checked
   * exhaustively).
   */
  static int divideByOne(int x) {
    return (int) ((x * RECIPROCAL) >>> 40);
  }
}
