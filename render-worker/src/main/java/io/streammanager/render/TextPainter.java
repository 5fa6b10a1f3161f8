package io.streammanager.render;

import io.streammanager.proto.RenderQuality;
import io.streammanager.proto.TextStyle;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;

/**
 * A text block (a text or clock layer) drawn from the box's top-left, never stretched: a width or
 * height given on the layer only sizes the box (for the anchor and crop); scale the layer to make
 * text bigger. Bottom to top: the shadow (a blurred, offset copy of the outline and fill in the
 * shadow colour), the outline (the glyph outlines stroked outline_width wide with round joins, so
 * half of it shows outside the glyphs), the fill.
 */
final class TextPainter implements LayerContent {
  private final TextLayoutEngine.Block block;
  private final TextStyle style;
  private final ShadowCaster shadows;
  private final RenderQuality quality;

  TextPainter(
      TextLayoutEngine.Block block, TextStyle style, ShadowCaster shadows, RenderQuality quality) {
    this.block = block;
    this.style = style;
    this.shadows = shadows;
    this.quality = quality;
  }

  @Override
  public double naturalWidth() {
    return block.width();
  }

  @Override
  public double naturalHeight() {
    return block.height();
  }

  @Override
  public Rectangle2D inkBounds(double width, double height) {
    Rectangle2D glyphs = glyphInk();
    if (!hasShadow()) {
      return glyphs;
    }
    var s = style.getShadow();
    return glyphs.createUnion(ShadowCaster.inkBounds(glyphs, s.getDx(), s.getDy(), s.getBlur()));
  }

  @Override
  public boolean overlapsItself() {
    return hasOutline() || hasShadow();
  }

  @Override
  public void paint(Graphics2D g, double width, double height) {
    Shape outline = hasOutline() ? block.strokedOutline((float) style.getOutlineWidth()) : null;
    if (hasShadow()) {
      var s = style.getShadow();
      shadows.cast(
          g,
          glyphInk(),
          mask -> drawGlyphs(mask, outline),
          s.getRgba(),
          s.getDx(),
          s.getDy(),
          s.getBlur(),
          quality);
    }
    if (outline != null) {
      g.setColor(Rgba.color(style.getOutlineRgba()));
      g.fill(outline);
    }
    g.setColor(Rgba.color(style.getRgba()));
    drawFill(g);
  }

  /** Outline and fill in the graphics' current colour (the shadow's silhouette). */
  private void drawGlyphs(Graphics2D g, Shape outline) {
    if (outline != null) {
      g.fill(outline);
    }
    drawFill(g);
  }

  private void drawFill(Graphics2D g) {
    if (Rgba.alpha(style.getRgba()) == 0) {
      return;
    }
    for (TextLayoutEngine.Line line : block.lines()) {
      if (line.layout() != null) {
        line.layout().draw(g, line.x(), line.baseline());
      }
    }
  }

  /** Fill and outline ink, with a pixel of margin for antialiasing. */
  private Rectangle2D glyphInk() {
    Rectangle2D ink = block.ink();
    double margin = (hasOutline() ? style.getOutlineWidth() / 2 : 0) + 1;
    return new Rectangle2D.Double(
        ink.getX() - margin,
        ink.getY() - margin,
        ink.getWidth() + 2 * margin,
        ink.getHeight() + 2 * margin);
  }

  private boolean hasOutline() {
    double w = style.getOutlineWidth();
    return w > 0 && Double.isFinite(w) && Rgba.alpha(style.getOutlineRgba()) > 0;
  }

  private boolean hasShadow() {
    var s = style.getShadow();
    return style.hasShadow()
        && Rgba.alpha(s.getRgba()) > 0
        && Double.isFinite(s.getDx())
        && Double.isFinite(s.getDy())
        && !Double.isNaN(s.getBlur());
  }
}
