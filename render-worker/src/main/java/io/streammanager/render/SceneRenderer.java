package io.streammanager.render;

import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerOrder;
import io.streammanager.proto.RenderQuality;
import io.streammanager.proto.StreamState;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Draws a snapshot at one frame with Java2D. Layers stack by zIndex (absent = 0), then insertion order; (x, y) is the
 * top-left corner of a layer's box. The output depends only on the snapshot, the frame's presentation time and the
 * quality.
 */
public final class SceneRenderer {
  private final AssetCache assets;
  private final Map<String, DateTimeFormatter> formatters = new ConcurrentHashMap<>();

  public SceneRenderer(AssetCache assets) {
    this.assets = assets;
  }

  /** Draws into {@code canvas} (TYPE_INT_RGB of the stream's size), which is cleared to black first. */
  public void render(StreamState state, Instant presentationTime, BufferedImage canvas) {
    Graphics2D g = canvas.createGraphics();
    try {
      hints(g, state.getConfig().getQuality());
      g.setComposite(AlphaComposite.Src);
      g.setColor(Color.BLACK);
      g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
      for (Layer layer : LayerOrder.bottomToTop(state.getLayersList())) {
        if (layer.hasVisible() && !layer.getVisible()) {
          continue;
        }
        float opacity = layer.hasOpacity() ? (float) layer.getOpacity() : 1f;
        if (opacity <= 0f) {
          continue;
        }
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, Math.min(1f, opacity)));
        draw(g, layer, presentationTime, canvas.getWidth(), canvas.getHeight());
      }
    } finally {
      g.dispose();
    }
  }

  private void draw(Graphics2D g, Layer layer, Instant pts, int width, int height) {
    switch (layer.getKindCase()) {
      case COLOR -> {
        g.setColor(color(layer.getColor().getRgba()));
        g.fillRect(0, 0, width, height);
      }
      case RECT -> {
        g.setColor(color(layer.getRect().getRgba()));
        g.fill(new java.awt.geom.Rectangle2D.Double(layer.getX(), layer.getY(), layer.getWidth(),
            layer.getHeight()));
      }
      case TEXT -> text(g, layer.getText().getText(), Fonts.family(layer.getText().getStyle().getFontFamily(),
          (float) layer.getText().getStyle().getSize()), layer.getText().getStyle().getRgba(), layer);
      case CLOCK -> {
        var c = layer.getClock();
        String key = c.getPattern() + "|" + c.getTimeZone();
        DateTimeFormatter f = formatters.computeIfAbsent(key,
            k -> DateTimeFormatter.ofPattern(c.getPattern()).withZone(ZoneId.of(c.getTimeZone())));
        text(g, f.format(pts), Fonts.family(c.getStyle().getFontFamily(), (float) c.getStyle().getSize()), c.getStyle().getRgba(), layer);
      }
      case IMAGE -> assets.get(layer.getImage().getAssetId()).ifPresent(img -> {
        double w = layer.hasWidth() ? layer.getWidth() : img.getWidth();
        double h = layer.hasHeight() ? layer.getHeight() : img.getHeight();
        if (w == img.getWidth() && h == img.getHeight() && layer.getX() == Math.rint(layer.getX())
            && layer.getY() == Math.rint(layer.getY())) {
          g.drawImage(img, (int) layer.getX(), (int) layer.getY(), null);
        } else {
          var t = new java.awt.geom.AffineTransform();
          t.translate(layer.getX(), layer.getY());
          t.scale(w / img.getWidth(), h / img.getHeight());
          g.drawImage(img, t, null);
        }
      });
      default -> { }
    }
  }

  private static void text(Graphics2D g, String text, Font font, int rgba, Layer layer) {
    if (text.isEmpty()) {
      return;
    }
    g.setFont(font);
    g.setColor(color(rgba));
    var metrics = g.getFontMetrics();
    float baseline = (float) layer.getY() + metrics.getAscent();
    float lineHeight = metrics.getHeight();
    for (String line : text.split("\n", -1)) {
      g.drawString(line, (float) layer.getX(), baseline);
      baseline += lineHeight;
    }
  }

  private static Color color(int rgba) {
    return new Color(rgba >>> 24, (rgba >>> 16) & 0xFF, (rgba >>> 8) & 0xFF, rgba & 0xFF);
  }

  private static void hints(Graphics2D g, RenderQuality quality) {
    boolean low = quality == RenderQuality.RENDER_QUALITY_LOW;
    boolean high = quality == RenderQuality.RENDER_QUALITY_HIGH;
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
        low ? RenderingHints.VALUE_ANTIALIAS_OFF : RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        low ? RenderingHints.VALUE_TEXT_ANTIALIAS_OFF : RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, low ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
        : high ? RenderingHints.VALUE_INTERPOLATION_BICUBIC : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING,
        high ? RenderingHints.VALUE_RENDER_QUALITY : RenderingHints.VALUE_RENDER_SPEED);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS,
        high ? RenderingHints.VALUE_FRACTIONALMETRICS_ON : RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
  }
}
