package io.streammanager.render;

import io.streammanager.proto.RenderQuality;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;

/**
 * What RENDER_QUALITY means for Java2D. {@code low}: no antialiasing (shapes and text),
 * nearest-neighbour pictures; {@code medium} (also unspecified): antialiased shapes and text,
 * bilinear pictures; {@code high}: bicubic pictures, quality rendering and fractional text metrics.
 * Strokes are pure (not normalised) at every level. Text is measured with {@link
 * #fontRenderContext} of the same level, so line breaks do not depend on a layer's transform.
 */
final class QualityHints {
  private QualityHints() {}

  static void apply(Graphics2D g, RenderQuality quality) {
    boolean low = quality == RenderQuality.RENDER_QUALITY_LOW;
    boolean high = quality == RenderQuality.RENDER_QUALITY_HIGH;
    g.setRenderingHint(
        RenderingHints.KEY_ANTIALIASING,
        low ? RenderingHints.VALUE_ANTIALIAS_OFF : RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING,
        low ? RenderingHints.VALUE_TEXT_ANTIALIAS_OFF : RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION,
        low
            ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
            : high
                ? RenderingHints.VALUE_INTERPOLATION_BICUBIC
                : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(
        RenderingHints.KEY_RENDERING,
        high ? RenderingHints.VALUE_RENDER_QUALITY : RenderingHints.VALUE_RENDER_SPEED);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS,
        high
            ? RenderingHints.VALUE_FRACTIONALMETRICS_ON
            : RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
  }

  /** Untransformed, with the antialiasing and fractional metrics of {@link #apply}. */
  static FontRenderContext fontRenderContext(RenderQuality quality) {
    return new FontRenderContext(
        null,
        quality != RenderQuality.RENDER_QUALITY_LOW,
        quality == RenderQuality.RENDER_QUALITY_HIGH);
  }
}
