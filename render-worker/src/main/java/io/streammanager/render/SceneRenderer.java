package io.streammanager.render;

import io.streammanager.proto.BlendMode;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerOrder;
import io.streammanager.proto.RenderQuality;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.TextStyle;
import io.streammanager.proto.Tweens;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Draws a snapshot at one frame with Java2D. The output depends only on the snapshot, the frame number, the frame's
 * presentation time and the quality ({@link QualityHints}): the same inputs give the same pixels on any worker.
 *
 * <ul>
 *   <li><b>Order and visibility.</b> Layers stack by {@link LayerOrder#bottomToTop}; each is first replaced by
 *       {@link Tweens#at} the frame number. {@code visible = false} and opacity 0 (or not a number) skip a layer;
 *       opacity is clamped to 0..1.
 *   <li><b>Geometry</b> ({@link LayerGeometry}). The box is width x height, or the content's natural size where one
 *       is absent (a picture's cropped pixels, a text block's extent; shapes have none and need both). The anchor
 *       point of the box goes to (x, y); rotation (degrees clockwise) and scale turn and stretch around it. A colour
 *       layer fills the frame and ignores geometry and crop. Anchors are not clamped.
 *   <li><b>Crop.</b> A picture loses whole pixels from its edges before it is stretched to the box
 *       ({@link ImageContent}). Shapes and text are clipped: a cropped edge cuts at the crop's distance inside the
 *       box, an uncropped one does not cut ({@link LayerGeometry#cropClip}).
 *   <li><b>Blend and opacity.</b> A normal layer is drawn straight onto the canvas (source-over with the opacity)
 *       unless it has overlapping parts (a stroke over a fill, an outline or shadow under text) and an opacity below
 *       1: then, like every other blend mode, it is drawn at full opacity into a reused premultiplied buffer, only
 *       over the canvas pixels its ink can reach, and composed with the opacity by {@link BlendCompositor}, so the
 *       opacity applies to the layer as one picture. A blend mode this build does not know draws as normal.
 *   <li><b>Content.</b> Shapes: {@link ShapePainter}; text and clocks: {@link TextLayoutEngine},
 *       {@link TextPainter}, {@link ClockText}, fonts from {@link Fonts} only (an unknown family draws in the
 *       default one); pictures: {@link AssetCache}, a missing one draws nothing.
 * </ul>
 * Not thread-safe (it reuses buffers): one per rendering thread.
 */
public final class SceneRenderer {
  private final AssetCache assets;
  private final ClockText clocks = new ClockText();
  private final ShadowCaster shadows = new ShadowCaster();
  private final TextLayoutEngine texts = new TextLayoutEngine();
  private BufferedImage layerBuffer;
  private int[] layerPixels;
  private Graphics2D layerGraphics;
  private RenderQuality layerQuality;

  public SceneRenderer(AssetCache assets) {
    this.assets = assets;
  }

  /**
   * Draws frame {@code frame}, presented at {@code presentationTime}, into {@code canvas} (TYPE_INT_RGB of the
   * stream's size), which is cleared to black first.
   */
  public void render(StreamState state, long frame, Instant presentationTime, BufferedImage canvas) {
    if (canvas.getType() != BufferedImage.TYPE_INT_RGB) {
      throw new IllegalArgumentException("canvas must be TYPE_INT_RGB, not type " + canvas.getType());
    }
    RenderQuality quality = state.getConfig().getQuality();
    Graphics2D g = canvas.createGraphics();
    try {
      QualityHints.apply(g, quality);
      g.setComposite(AlphaComposite.Src);
      g.setColor(Color.BLACK);
      g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
      for (Layer stored : LayerOrder.bottomToTop(state.getLayersList())) {
        Layer layer = Tweens.at(stored, frame);
        double opacity = StrictMath.min(1, layer.hasOpacity() ? layer.getOpacity() : 1);
        if ((layer.hasVisible() && !layer.getVisible()) || !(opacity > 0)) {
          continue;
        }
        if (layer.hasColor()) {
          drawColor(g, canvas, layer, opacity);
        } else {
          content(layer, presentationTime, quality).ifPresent(c -> draw(g, canvas, layer, c, opacity, quality));
        }
      }
    } finally {
      g.dispose();
    }
  }

  private Optional<LayerContent> content(Layer layer, Instant pts, RenderQuality quality) {
    return switch (layer.getKindCase()) {
      case RECT -> Optional.of(ShapePainter.rect(layer.getRect()));
      case ELLIPSE -> Optional.of(ShapePainter.ellipse(layer.getEllipse()));
      case TEXT -> Optional.of(text(layer.getText().getText(), layer.getText().getStyle(), quality));
      case CLOCK -> Optional.of(text(clocks.text(layer.getClock(), pts), layer.getClock().getStyle(), quality));
      case IMAGE -> assets.get(layer.getImage().getAssetId()).flatMap(img -> ImageContent.of(img, layer.getCrop()));
      default -> Optional.empty();
    };
  }

  private TextPainter text(String text, TextStyle style, RenderQuality quality) {
    return new TextPainter(texts.layout(text, style, quality), style, shadows, quality);
  }

  private void drawColor(Graphics2D g, BufferedImage canvas, Layer layer, double opacity) {
    int rgba = layer.getColor().getRgba();
    if (layer.getBlend() == BlendMode.BLEND_NORMAL) {
      g.setTransform(new AffineTransform());
      g.setClip(null);
      g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) opacity));
      g.setColor(Rgba.color(rgba));
      g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
    } else {
      BlendCompositor.composeColor(layer.getBlend(), Rgba.premultipliedArgb(rgba), pixels(canvas), stride(canvas),
          new Rectangle(0, 0, canvas.getWidth(), canvas.getHeight()), opacity);
    }
  }

  private void draw(Graphics2D g, BufferedImage canvas, Layer layer, LayerContent content, double opacity,
      RenderQuality quality) {
    Optional<LayerGeometry> found = LayerGeometry.of(layer, content.naturalWidth(), content.naturalHeight());
    if (found.isEmpty()) {
      return;
    }
    LayerGeometry geo = found.get();
    Rectangle2D ink = content.inkBounds(geo.width(), geo.height());
    Rectangle2D clip = content.clipsCrop() ? geo.cropClip(layer.getCrop(), ink) : null;
    boolean direct = layer.getBlend() == BlendMode.BLEND_NORMAL && (opacity >= 1 || !content.overlapsItself());
    if (direct) {
      g.setTransform(geo.toCanvas());
      g.setClip(clip);
      g.setComposite(opacity >= 1 ? AlphaComposite.SrcOver
          : AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) opacity));
      content.paint(g, geo.width(), geo.height());
      return;
    }
    Rectangle area = geo.canvasBounds(clip == null ? ink : ink.createIntersection(clip), canvas.getWidth(),
        canvas.getHeight());
    if (area.isEmpty()) {
      return;
    }
    Graphics2D lg = layerGraphics(canvas, quality);
    int stride = layerBuffer.getWidth();
    for (int y = area.y; y < area.y + area.height; y++) {
      Arrays.fill(layerPixels, y * stride + area.x, y * stride + area.x + area.width, 0);
    }
    lg.setTransform(new AffineTransform());
    lg.setClip(area);
    lg.setComposite(AlphaComposite.SrcOver);
    lg.transform(geo.toCanvas());
    if (clip != null) {
      lg.clip(clip);
    }
    content.paint(lg, geo.width(), geo.height());
    BlendCompositor.compose(layer.getBlend(), layerPixels, stride, pixels(canvas), stride(canvas), area, opacity);
  }

  /** The reused layer buffer (premultiplied ARGB, the canvas's size) and its graphics, with the frame's hints. */
  private Graphics2D layerGraphics(BufferedImage canvas, RenderQuality quality) {
    if (layerBuffer == null || layerBuffer.getWidth() != canvas.getWidth()
        || layerBuffer.getHeight() != canvas.getHeight()) {
      if (layerGraphics != null) {
        layerGraphics.dispose();
      }
      layerBuffer = new BufferedImage(canvas.getWidth(), canvas.getHeight(), BufferedImage.TYPE_INT_ARGB_PRE);
      layerPixels = ((DataBufferInt) layerBuffer.getRaster().getDataBuffer()).getData();
      layerGraphics = layerBuffer.createGraphics();
      layerQuality = null;
    }
    if (quality != layerQuality) {
      QualityHints.apply(layerGraphics, quality);
      layerQuality = quality;
    }
    return layerGraphics;
  }

  private static int[] pixels(BufferedImage image) {
    return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
  }

  private static int stride(BufferedImage image) {
    return ((SinglePixelPackedSampleModel) image.getRaster().getSampleModel()).getScanlineStride();
  }
}
