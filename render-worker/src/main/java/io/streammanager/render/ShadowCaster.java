package io.streammanager.render;

import io.streammanager.proto.RenderQuality;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Drop shadows: a silhouette drawn into a reusable mask in the layer's own coordinates (so the
 * shadow turns and scales with the layer), box-blurred in integer arithmetic (one horizontal and
 * one vertical pass of a (2r+1)-wide box, r = the blur rounded to whole pixels, at most {@value
 * #MAX_BLUR}), coloured, and drawn at the offset. Only the part of the mask that can reach the
 * visible frame is computed; a mask larger than {@value #MAX_MASK_PIXELS} pixels (text tens of
 * thousands of pixels tall) is not drawn. Not thread-safe: one per renderer.
 */
final class ShadowCaster {
  static final int MAX_BLUR = 250;
  static final int MAX_MASK_PIXELS = 16 << 20;

  private BufferedImage mask;
  private int[] maskPixels;
  private int[] scratch = new int[0];

  /** The ink of a shadow of {@code ink} (blur spread and offset included). */
  static Rectangle2D inkBounds(Rectangle2D ink, double dx, double dy, double blur) {
    double spread = radius(blur) + 1;
    return new Rectangle2D.Double(
        ink.getX() - spread + dx,
        ink.getY() - spread + dy,
        ink.getWidth() + 2 * spread,
        ink.getHeight() + 2 * spread);
  }

  /**
   * Paints the shadow of what {@code silhouette} draws inside {@code ink} (user coordinates of
   * {@code g}); the silhouette gets a graphics with the colour already set and must not change it.
   */
  void cast(
      Graphics2D g,
      Rectangle2D ink,
      Consumer<Graphics2D> silhouette,
      int rgba,
      double dx,
      double dy,
      double blur,
      RenderQuality quality) {
    int r = radius(blur);
    Rectangle2D wanted =
        new Rectangle2D.Double(
            ink.getX() - r - 1,
            ink.getY() - r - 1,
            ink.getWidth() + 2 * r + 2,
            ink.getHeight() + 2 * r + 2);
    Rectangle2D visible = visibleUserArea(g);
    if (visible == null) {
      return;
    }
    // The mask part whose blurred, shifted pixels can land in the visible area.
    Rectangle2D reach =
        new Rectangle2D.Double(
            visible.getX() - dx - r - 1,
            visible.getY() - dy - r - 1,
            visible.getWidth() + 2 * r + 2,
            visible.getHeight() + 2 * r + 2);
    Rectangle2D area = wanted.createIntersection(reach);
    if (area.isEmpty()) {
      return;
    }
    int left = (int) StrictMath.floor(area.getMinX());
    int top = (int) StrictMath.floor(area.getMinY());
    long w = (long) StrictMath.ceil(area.getMaxX()) - left;
    long h = (long) StrictMath.ceil(area.getMaxY()) - top;
    if (w <= 0 || h <= 0 || w * h > MAX_MASK_PIXELS) {
      return;
    }
    int stride = ensureMask((int) w, (int) h);
    for (int y = 0; y < h; y++) {
      Arrays.fill(maskPixels, y * stride, y * stride + (int) w, 0);
    }
    Graphics2D mg = mask.createGraphics();
    try {
      QualityHints.apply(mg, quality);
      mg.setClip(0, 0, (int) w, (int) h);
      mg.translate(-left, -top);
      mg.setColor(Rgba.color(rgba | 0xFF));
      silhouette.accept(mg);
    } finally {
      mg.dispose();
    }
    blur(maskPixels, stride, (int) w, (int) h, r, Rgba.alpha(rgba));
    g.drawImage(
        mask.getSubimage(0, 0, (int) w, (int) h),
        AffineTransform.getTranslateInstance(left + dx, top + dy),
        null);
  }

  private static int radius(double blur) {
    return blur > 0 ? (int) StrictMath.rint(StrictMath.min(MAX_BLUR, blur)) : 0;
  }

  /** The frame (and clip) in user coordinates, or null when the transform cannot be inverted. */
  private static Rectangle2D visibleUserArea(Graphics2D g) {
    Rectangle device = g.getDeviceConfiguration().getBounds();
    Rectangle2D user;
    try {
      user = g.getTransform().createInverse().createTransformedShape(device).getBounds2D();
    } catch (NoninvertibleTransformException e) {
      return null;
    }
    Rectangle clip = g.getClipBounds();
    return clip == null ? user : user.createIntersection(clip);
  }

  private int ensureMask(int w, int h) {
    if (mask == null || mask.getWidth() < w || mask.getHeight() < h) {
      int mw = mask == null ? w : StrictMath.max(w, mask.getWidth());
      int mh = mask == null ? h : StrictMath.max(h, mask.getHeight());
      mask = new BufferedImage(mw, mh, BufferedImage.TYPE_INT_ARGB_PRE);
      maskPixels = ((DataBufferInt) mask.getRaster().getDataBuffer()).getData();
    }
    return mask.getWidth();
  }

  /**
   * Box blur of premultiplied ARGB in place (pixels outside the area count as transparent), each
   * channel then scaled by {@code alpha}/255; every step rounds to nearest in integers.
   */
  private void blur(int[] px, int stride, int w, int h, int r, int alpha) {
    if (scratch.length < w * h) {
      scratch = new int[w * h];
    }
    int n = 2 * r + 1;
    if (r > 0) {
      for (int y = 0; y < h; y++) {
        pass(px, y * stride, 1, scratch, y * w, 1, w, r, n, 255);
      }
    } else {
      for (int y = 0; y < h; y++) {
        System.arraycopy(px, y * stride, scratch, y * w, w);
      }
    }
    for (int x = 0; x < w; x++) {
      pass(scratch, x, w, px, x, stride, h, r, n, alpha);
    }
  }

  /**
   * One running-sum pass over {@code len} pixels: out[i] = round(mean of in[i-r..i+r]) * alpha /
   * 255.
   */
  private static void pass(
      int[] in,
      int inStart,
      int inStep,
      int[] out,
      int outStart,
      int outStep,
      int len,
      int r,
      int n,
      int alpha) {
    int sa = 0;
    int sr = 0;
    int sg = 0;
    int sb = 0;
    for (int i = 0; i < StrictMath.min(r, len); i++) {
      int p = in[inStart + i * inStep];
      sa += p >>> 24;
      sr += (p >> 16) & 0xFF;
      sg += (p >> 8) & 0xFF;
      sb += p & 0xFF;
    }
    int half = n / 2;
    for (int i = 0; i < len; i++) {
      if (i + r < len) {
        int p = in[inStart + (i + r) * inStep];
        sa += p >>> 24;
        sr += (p >> 16) & 0xFF;
        sg += (p >> 8) & 0xFF;
        sb += p & 0xFF;
      }
      int a = scale((sa + half) / n, alpha);
      int cr = scale((sr + half) / n, alpha);
      int cg = scale((sg + half) / n, alpha);
      int cb = scale((sb + half) / n, alpha);
      out[outStart + i * outStep] = a << 24 | cr << 16 | cg << 8 | cb;
      if (i - r >= 0) {
        int p = in[inStart + (i - r) * inStep];
        sa -= p >>> 24;
        sr -= (p >> 16) & 0xFF;
        sg -= (p >> 8) & 0xFF;
        sb -= p & 0xFF;
      }
    }
  }

  private static int scale(int v, int alpha) {
    return alpha == 255 ? v : (v * alpha + 127) / 255;
  }
}
