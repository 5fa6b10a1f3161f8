package io.streammanager.render;

import io.streammanager.proto.Layer;
import io.streammanager.proto.RenderQuality;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Layers drawn by Java2D (shapes, text, clocks, turned or stretched pictures) are rasterised at
 * full opacity into a premultiplied ARGB sprite, which is then composed onto the canvas at a
 * whole-pixel offset ({@link PictureBlit} or {@link BlendCompositor}). A sprite depends only on
 * what the layer draws and on the fractional part of its position ({@link Key}), so a layer that
 * stays the same, or only moves by whole pixels, is rasterised once and found here afterwards: a
 * bounded (by bytes), least-recently-used cache. Because every frame goes the same way, drawing a
 * frame from scratch and drawing it with cached sprites give the same bytes.
 */
final class LayerSprites {
  private static final BasicStroke DEFAULT_STROKE = new BasicStroke();
  private final long maxBytes;
  private final LinkedHashMap<Key, BufferedImage> sprites = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  /** Written by the rendering thread only; read by the metrics scrape. */
  private volatile long hits;

  private volatile long misses;

  LayerSprites(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * What a sprite holds: the layer without what only says where and how it is composed (id,
   * position, opacity, blend, z-order, visibility), a clock's text, the quality, the fractional
   * part of the layer's translation and the part of the sprite inside the frame ({@code visible},
   * in sprite coordinates).
   */
  record Key(
      Layer drawn,
      String clockText,
      RenderQuality quality,
      double fractionX,
      double fractionY,
      Rectangle visible) {}

  /**
   * A layer ready to rasterise: its key, the transform from box to sprite coordinates, the crop
   * clip (box coordinates, or null), and the canvas offset of the sprite's origin.
   */
  record Placement(Key key, AffineTransform toSprite, Rectangle2D clip, int offsetX, int offsetY) {
    /** The canvas pixels the sprite covers. */
    Rectangle canvasArea() {
      Rectangle v = key.visible();
      return new Rectangle(v.x + offsetX, v.y + offsetY, v.width, v.height);
    }
  }

  /**
   * Where a layer drawn through {@code toCanvas} with ink in {@code shape} (box coordinates, crop
   * applied) lands on a {@code width} x {@code height} frame; null when nothing of it is inside the
   * frame.
   */
  static Placement place(
      DrawnLayerKey layer,
      AffineTransform toCanvas,
      Rectangle2D shape,
      Rectangle2D clip,
      int width,
      int height) {
    double ix = StrictMath.floor(toCanvas.getTranslateX());
    double iy = StrictMath.floor(toCanvas.getTranslateY());
    if (!(StrictMath.abs(ix) < 1 << 24 && StrictMath.abs(iy) < 1 << 24)) {
      return null;
    }
    AffineTransform toSprite =
        new AffineTransform(
            toCanvas.getScaleX(),
            toCanvas.getShearY(),
            toCanvas.getShearX(),
            toCanvas.getScaleY(),
            toCanvas.getTranslateX() - ix,
            toCanvas.getTranslateY() - iy);
    Rectangle2D b = toSprite.createTransformedShape(shape).getBounds2D();
    // A pixel of margin for antialiasing and interpolation; only the part inside the frame is kept.
    double left = StrictMath.max(-ix, StrictMath.floor(b.getMinX()) - 1);
    double top = StrictMath.max(-iy, StrictMath.floor(b.getMinY()) - 1);
    double right = StrictMath.min(width - ix, StrictMath.ceil(b.getMaxX()) + 1);
    double bottom = StrictMath.min(height - iy, StrictMath.ceil(b.getMaxY()) + 1);
    if (!(right > left && bottom > top)) {
      return null;
    }
    Rectangle visible =
        new Rectangle((int) left, (int) top, (int) (right - left), (int) (bottom - top));
    Key key =
        new Key(
            layer.drawn(),
            layer.clockText(),
            layer.quality(),
            toSprite.getTranslateX(),
            toSprite.getTranslateY(),
            visible);
    return new Placement(key, toSprite, clip, (int) ix, (int) iy);
  }

  /** What identifies a layer's drawing, before placement. */
  record DrawnLayerKey(Layer drawn, String clockText, RenderQuality quality) {
    static DrawnLayerKey of(Layer layer, String clockText, RenderQuality quality) {
      return new DrawnLayerKey(
          layer.toBuilder()
              .clearId()
              .clearX()
              .clearY()
              .clearOpacity()
              .clearBlend()
              .clearZIndex()
              .clearVisible()
              .build(),
          clockText,
          quality);
    }
  }

  /** The sprite of a placement: from the cache, or drawn by {@code content} now (and kept). */
  BufferedImage sprite(Placement p, LayerContent content, double boxWidth, double boxHeight) {
    BufferedImage cached = sprites.get(p.key());
    if (cached != null) {
      hits++;
      return cached;
    }
    misses++;
    Rectangle v = p.key().visible();
    BufferedImage sprite = new BufferedImage(v.width, v.height, BufferedImage.TYPE_INT_ARGB_PRE);
    Graphics2D g = sprite.createGraphics();
    try {
      QualityHints.apply(g, p.key().quality());
      g.setStroke(DEFAULT_STROKE);
      g.setComposite(AlphaComposite.SrcOver);
      g.translate(-v.x, -v.y);
      g.transform(p.toSprite());
      if (p.clip() != null) {
        g.clip(p.clip());
      }
      content.paint(g, boxWidth, boxHeight);
    } finally {
      g.dispose();
    }
    long size = 4L * v.width * v.height;
    if (size <= maxBytes / 4) {
      sprites.put(p.key(), sprite);
      bytes += size;
      for (var it = sprites.entrySet().iterator(); bytes > maxBytes && it.hasNext(); ) {
        Map.Entry<Key, BufferedImage> eldest = it.next();
        bytes -= 4L * eldest.getValue().getWidth() * eldest.getValue().getHeight();
        it.remove();
      }
    }
    return sprite;
  }

  /** Share of sprites found in the cache; 0 before the first. */
  double hitRatio() {
    long total = hits + misses;
    return total == 0 ? 0 : (double) hits / total;
  }
}
