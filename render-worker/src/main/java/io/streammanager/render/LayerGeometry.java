package io.streammanager.render;

import io.streammanager.proto.Crop;
import io.streammanager.proto.Layer;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.Optional;

/**
 * A layer's box (width x height, in the layer's own coordinates: (0, 0) is the box's top-left) and
 * the transform that puts it on the canvas: the anchor point (anchorX * width, anchorY * height)
 * lands on (x, y), then rotation (degrees, clockwise) and scale apply around it. The matrix is
 * built with {@link StrictMath} (multiples of 90 degrees are exact), so it is bit-identical on
 * every JVM.
 */
record LayerGeometry(double width, double height, AffineTransform toCanvas) {

  /**
   * The geometry of a layer whose content is naturally {@code naturalWidth} x {@code
   * naturalHeight}; empty when nothing can be seen (an empty box, a zero scale, a value that is not
   * finite).
   */
  static Optional<LayerGeometry> of(Layer layer, double naturalWidth, double naturalHeight) {
    double w = layer.hasWidth() ? layer.getWidth() : naturalWidth;
    double h = layer.hasHeight() ? layer.getHeight() : naturalHeight;
    double sx = layer.hasScaleX() ? layer.getScaleX() : 1;
    double sy = layer.hasScaleY() ? layer.getScaleY() : 1;
    if (!(w > 0 && h > 0 && sx != 0 && sy != 0)) {
      return Optional.empty();
    }
    double[] sinCos = sinCos(layer.getRotation());
    double m00 = sinCos[1] * sx;
    double m01 = -sinCos[0] * sy;
    double m10 = sinCos[0] * sx;
    double m11 = sinCos[1] * sy;
    double ax = layer.getAnchorX() * w;
    double ay = layer.getAnchorY() * h;
    double m02 = layer.getX() - (m00 * ax + m01 * ay);
    double m12 = layer.getY() - (m10 * ax + m11 * ay);
    for (double v : new double[] {w, h, m00, m01, m10, m11, m02, m12}) {
      if (!Double.isFinite(v)) {
        return Optional.empty();
      }
    }
    return Optional.of(new LayerGeometry(w, h, new AffineTransform(m00, m10, m01, m11, m02, m12)));
  }

  /** sin and cos of an angle in degrees; exact for multiples of 90. */
  static double[] sinCos(double degrees) {
    double d = degrees % 360;
    if (d < 0) {
      d += 360;
    }
    if (d == 0) {
      return new double[] {0, 1};
    } else if (d == 90) {
      return new double[] {1, 0};
    } else if (d == 180) {
      return new double[] {0, -1};
    } else if (d == 270) {
      return new double[] {-1, 0};
    }
    double r = StrictMath.toRadians(d);
    return new double[] {StrictMath.sin(r), StrictMath.cos(r)};
  }

  /**
   * The canvas pixels that ink inside {@code area} (box coordinates) can touch, with a pixel of
   * margin for antialiasing and interpolation, clipped to the frame; empty when nothing is inside
   * the frame.
   */
  Rectangle canvasBounds(Rectangle2D area, int frameWidth, int frameHeight) {
    Rectangle2D b = toCanvas.createTransformedShape(area).getBounds2D();
    double left = StrictMath.max(0, StrictMath.floor(b.getMinX()) - 1);
    double top = StrictMath.max(0, StrictMath.floor(b.getMinY()) - 1);
    double right = StrictMath.min(frameWidth, StrictMath.ceil(b.getMaxX()) + 1);
    double bottom = StrictMath.min(frameHeight, StrictMath.ceil(b.getMaxY()) + 1);
    if (!(right > left && bottom > top)) {
      return new Rectangle();
    }
    return new Rectangle((int) left, (int) top, (int) (right - left), (int) (bottom - top));
  }

  /**
   * The clip (box coordinates) that a crop means for drawn content (shapes, text): each cropped
   * edge cuts at the crop's distance inside the box; an uncropped edge does not cut, so ink beyond
   * the box there (a stroke, a shadow) stays. Null when nothing is cropped.
   */
  Rectangle2D cropClip(Crop crop, Rectangle2D ink) {
    if (crop.getLeft() <= 0
        && crop.getTop() <= 0
        && crop.getRight() <= 0
        && crop.getBottom() <= 0) {
      return null;
    }
    double left = crop.getLeft() > 0 ? crop.getLeft() : ink.getMinX();
    double top = crop.getTop() > 0 ? crop.getTop() : ink.getMinY();
    double right = crop.getRight() > 0 ? width - crop.getRight() : ink.getMaxX();
    double bottom = crop.getBottom() > 0 ? height - crop.getBottom() : ink.getMaxY();
    return new Rectangle2D.Double(
        left, top, StrictMath.max(0, right - left), StrictMath.max(0, bottom - top));
  }
}
