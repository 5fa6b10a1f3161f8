package io.streammanager.render;

import io.streammanager.proto.BlendMode;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * Draws a picture at whole-pixel offsets, neither turned nor stretched, with normal blend:
 * premultiplied source-over with the layer opacity, in the integer arithmetic of {@link
 * BlendCompositor} (so it matches the blend buffer's path to the byte). Java2D is slow at large
 * semi-transparent blits; the Vector API ({@link VectorBlit}) does them when the JVM has it, with
 * the same bytes as {@link #sourceOverScalar}. Everything else (rotation, scale, fractional
 * offsets, other blend modes) stays with Java2D.
 */
final class PictureBlit {
  /** 1/65025 rounded to the nearest float. */
  static final float INVERSE_ONE = 1f / (255 * 255);

  /** The largest numerator the blend makes: 255 * 65025 + 65025 / 2. */
  static final int MAX_NUMERATOR = 255 * 255 * 255 + 255 * 255 / 2;

  private PictureBlit() {}

  /**
   * x / 65025 rounded down, as the vector path computes it: x as a float times {@link
   * #INVERSE_ONE}, truncated. Exact for 0 <= x <= {@link #MAX_NUMERATOR} (x is exact as a float and
   * the product never crosses an integer the wrong way; a test checks every value).
   */
  static int quotient(int x) {
    return (int) (x * INVERSE_ONE);
  }

  /**
   * The canvas offset of the picture's top-left pixel when {@code toCanvas} only moves it by whole
   * pixels and the box is the picture's own size; null when the picture needs Java2D.
   */
  static int[] wholePixelOffset(
      AffineTransform toCanvas,
      double boxWidth,
      double boxHeight,
      BufferedImage picture,
      BlendMode blend) {
    int type = toCanvas.getType();
    if (blend != BlendMode.BLEND_NORMAL
        || (type != AffineTransform.TYPE_IDENTITY && type != AffineTransform.TYPE_TRANSLATION)
        || boxWidth != picture.getWidth()
        || boxHeight != picture.getHeight()
        || picture.getType() != BufferedImage.TYPE_INT_ARGB_PRE) {
      return null;
    }
    double tx = toCanvas.getTranslateX();
    double ty = toCanvas.getTranslateY();
    if (tx != StrictMath.rint(tx)
        || ty != StrictMath.rint(ty)
        || StrictMath.abs(tx) > 1 << 24
        || StrictMath.abs(ty) > 1 << 24) {
      return null;
    }
    return new int[] {(int) tx, (int) ty};
  }

  /**
   * Composes {@code picture} (premultiplied ARGB) with its top-left pixel at ({@code x}, {@code y})
   * onto {@code dst} (0xRRGGBB, row stride {@code dstStride}, {@code dstWidth} x {@code
   * dstHeight}); returns the canvas pixels changed (empty when none).
   */
  static Rectangle sourceOver(
      BufferedImage picture,
      int x,
      int y,
      int[] dst,
      int dstStride,
      int dstWidth,
      int dstHeight,
      double opacity) {
    Rectangle area =
        new Rectangle(x, y, picture.getWidth(), picture.getHeight())
            .intersection(new Rectangle(0, 0, dstWidth, dstHeight));
    int op = BlendCompositor.opacity255(opacity);
    if (area.isEmpty() || op == 0) {
      return new Rectangle();
    }
    Raster raster = picture.getRaster();
    SinglePixelPackedSampleModel model = (SinglePixelPackedSampleModel) raster.getSampleModel();
    DataBufferInt buffer = (DataBufferInt) raster.getDataBuffer();
    int[] src = buffer.getData();
    int srcStride = model.getScanlineStride();
    int origin =
        buffer.getOffset()
            + model.getOffset(
                -raster.getSampleModelTranslateX(), -raster.getSampleModelTranslateY());
    for (int row = area.y; row < area.y + area.height; row++) {
      int s = origin + (row - y) * srcStride + (area.x - x);
      int d = row * dstStride + area.x;
      int done = Simd.AVAILABLE ? VectorBlit.row(src, s, dst, d, area.width, op) : 0;
      sourceOverScalar(src, s + done, dst, d + done, area.width - done, op);
    }
    return area;
  }

  /**
   * The reference: {@code length} pixels of {@code src} (premultiplied ARGB) over {@code dst} with
   * opacity 0..255; source pixels with alpha 0 leave the destination as it is.
   */
  static void sourceOverScalar(int[] src, int s, int[] dst, int d, int length, int opacity) {
    for (int end = s + length; s < end; s++, d++) {
      int p = src[s];
      if ((p >>> 24) != 0) {
        dst[d] = BlendCompositor.blend(BlendMode.BLEND_NORMAL, dst[d], p, opacity);
      }
    }
  }
}
