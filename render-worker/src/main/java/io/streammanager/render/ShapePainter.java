package io.streammanager.render;

import io.streammanager.proto.EllipseShape;
import io.streammanager.proto.RectShape;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * Rectangles (optionally with rounded corners) and ellipses filling the layer's box, with an
 * optional stroke centred on the outline (half inside the box, half outside; mitred corners) drawn
 * over the fill. A corner radius larger than half the box's shorter side is limited to it; a shape
 * has no natural size, so it needs a width and height.
 */
final class ShapePainter implements LayerContent {
  private final boolean ellipse;
  private final double cornerRadius;
  private final int fill;
  private final int stroke;
  private final double strokeWidth;

  private ShapePainter(
      boolean ellipse, double cornerRadius, int fill, int stroke, double strokeWidth) {
    this.ellipse = ellipse;
    this.cornerRadius = cornerRadius;
    this.fill = fill;
    this.stroke = stroke;
    this.strokeWidth = strokeWidth;
  }

  static ShapePainter rect(RectShape rect) {
    return new ShapePainter(
        false, rect.getCornerRadius(), rect.getRgba(), rect.getStrokeRgba(), rect.getStrokeWidth());
  }

  static ShapePainter ellipse(EllipseShape e) {
    return new ShapePainter(true, 0, e.getRgba(), e.getStrokeRgba(), e.getStrokeWidth());
  }

  @Override
  public double naturalWidth() {
    return 0;
  }

  @Override
  public double naturalHeight() {
    return 0;
  }

  @Override
  public Rectangle2D inkBounds(double width, double height) {
    return LayerContent.box(width, height, (hasStroke() ? strokeWidth / 2 : 0) + 1);
  }

  @Override
  public boolean overlapsItself() {
    return hasStroke() && Rgba.alpha(fill) > 0;
  }

  @Override
  public void paint(Graphics2D g, double width, double height) {
    Shape shape = shape(width, height);
    if (Rgba.alpha(fill) > 0) {
      g.setColor(Rgba.color(fill));
      g.fill(shape);
    }
    if (hasStroke()) {
      g.setColor(Rgba.color(stroke));
      g.setStroke(
          new BasicStroke((float) strokeWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f));
      g.draw(shape);
    }
  }

  private boolean hasStroke() {
    return strokeWidth > 0 && Double.isFinite(strokeWidth) && Rgba.alpha(stroke) > 0;
  }

  private Shape shape(double width, double height) {
    if (ellipse) {
      return new Ellipse2D.Double(0, 0, width, height);
    }
    double radius = StrictMath.min(cornerRadius, StrictMath.min(width, height) / 2);
    if (radius > 0) {
      return new RoundRectangle2D.Double(0, 0, width, height, 2 * radius, 2 * radius);
    }
    return new Rectangle2D.Double(0, 0, width, height);
  }
}
