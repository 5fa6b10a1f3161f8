package io.streammanager.render;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/**
 * What one layer draws, measured and ready to paint in the layer's own box coordinates ((0, 0) is
 * the box's top-left; the caller has set the transform, clip and composite). Made per layer and
 * frame.
 */
interface LayerContent {
  /**
   * The size of the box when the layer gives no width (height): a picture's pixels, a text block's
   * extent.
   */
  double naturalWidth();

  double naturalHeight();

  /**
   * Where ink can appear for a box of {@code width} x {@code height}; may reach beyond the box
   * (strokes, shadows).
   */
  Rectangle2D inkBounds(double width, double height);

  /**
   * True when parts painted one after the other overlap (a fill under a stroke, a shadow under
   * text), so that a layer opacity below 1 must apply to the composed layer rather than to each
   * part.
   */
  boolean overlapsItself();

  /**
   * True when a crop is a clip of the box; false when the content applied the crop itself (a
   * picture).
   */
  default boolean clipsCrop() {
    return true;
  }

  void paint(Graphics2D g, double width, double height);

  /** The box outset by {@code margin} on every side. */
  static Rectangle2D box(double width, double height, double margin) {
    return new Rectangle2D.Double(-margin, -margin, width + 2 * margin, height + 2 * margin);
  }
}
