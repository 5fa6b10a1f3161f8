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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Draws a snapshot at one frame with Java2D. The output depends only on the snapshot, the frame
 * number, the frame's presentation time and the quality ({@link QualityHints}): the same inputs
 * give the same pixels on any worker.
 *
 * <ul>
 *   <li><b>Order and visibility.</b> Layers stack by {@link LayerOrder#bottomToTop}; each is first
 *       replaced by {@link Tweens#at} the frame number. {@code visible = false} and opacity 0 (or
 *       not a number) skip a layer; opacity is clamped to 0..1.
 *   <li><b>Geometry</b> ({@link LayerGeometry}). The box is width x height, or the content's
 *       natural size where one is absent (a picture's cropped pixels, a text block's extent; shapes
 *       have none and need both). The anchor point of the box goes to (x, y); rotation (degrees
 *       clockwise) and scale turn and stretch around it. A colour layer fills the frame and ignores
 *       geometry and crop. Anchors are not clamped.
 *   <li><b>Crop.</b> A picture loses whole pixels from its edges before it is stretched to the box
 *       ({@link ImageContent}). Shapes and text are clipped: a cropped edge cuts at the crop's
 *       distance inside the box, an uncropped one does not cut ({@link LayerGeometry#cropClip}).
 *   <li><b>Blend and opacity.</b> A layer is drawn at full opacity into a premultiplied sprite
 *       ({@link LayerSprites}, cached while the layer stays the same or moves by whole pixels) and
 *       composed with its opacity and blend mode in integer arithmetic ({@link BlendCompositor};
 *       normal blend with the Vector API in {@link PictureBlit}), so the opacity applies to the
 *       layer as one picture (a stroke over a fill, an outline or shadow under text). A picture at
 *       a whole-pixel offset, neither turned nor stretched, is composed straight from the decoded
 *       picture. A colour layer is filled by Java2D (normal) or {@link BlendCompositor}. A blend
 *       mode this build does not know draws as normal.
 *   <li><b>Content.</b> Shapes: {@link ShapePainter}; text and clocks: {@link TextLayoutEngine},
 *       {@link TextPainter}, {@link ClockText}, fonts from {@link Fonts} only (an unknown family
 *       draws in the default one); pictures: {@link AssetCache}, a missing one draws nothing.
 * </ul>
 *
 * Not thread-safe (it reuses buffers): one per rendering thread.
 */
public final class SceneRenderer {
  private final AssetCache assets;
  private final ClockText clocks = new ClockText();
  private final ShadowCaster shadows = new ShadowCaster();
  private final TextLayoutEngine texts = new TextLayoutEngine();
  private final LayerTimes times = new LayerTimes();
  private final LayerSprites sprites = new LayerSprites(SPRITE_CACHE_BYTES);

  /** Rasterised layers kept between frames (see {@link LayerSprites}). */
  static final long SPRITE_CACHE_BYTES = 64L << 20;

  public SceneRenderer(AssetCache assets) {
    this.assets = assets;
  }

  /**
   * A layer as drawn in one frame: its tweens applied, and for a clock the text it shows then (else
   * null).
   */
  record DrawnLayer(Layer layer, String clockText) {}

  /**
   * One layer measured and ready to draw: the canvas pixels it can change ({@code area}; drawing
   * never reaches beyond them) and what draws them. Made by {@link #prepare}.
   */
  record PreparedLayer(
      Layer layer,
      LayerContent content,
      LayerGeometry geometry,
      LayerSprites.Placement placement,
      Rectangle area,
      double opacity,
      int[] wholePixelOffset) {}

  /**
   * Draws frame {@code frame}, presented at {@code presentationTime}, into {@code canvas}
   * (TYPE_INT_RGB of the stream's size), which is cleared to black first.
   */
  public void render(
      StreamState state, long frame, Instant presentationTime, BufferedImage canvas) {
    if (canvas.getType() != BufferedImage.TYPE_INT_RGB) {
      throw new IllegalArgumentException(
          "canvas must be TYPE_INT_RGB, not type " + canvas.getType());
    }
    RenderQuality quality = state.getConfig().getQuality();
    Graphics2D g = canvas.createGraphics();
    try {
      QualityHints.apply(g, quality);
      clear(g, canvas);
      for (DrawnLayer layer : drawnLayers(state, frame, presentationTime)) {
        PreparedLayer p = prepare(layer, quality, canvas.getWidth(), canvas.getHeight());
        if (p != null) {
          draw(g, canvas, p);
        }
      }
    } finally {
      g.dispose();
    }
  }

  /** Fills the canvas with opaque black. */
  static void clear(Graphics2D g, BufferedImage canvas) {
    g.setTransform(new AffineTransform());
    g.setClip(null);
    g.setComposite(AlphaComposite.Src);
    g.setColor(Color.BLACK);
    g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
  }

  /**
   * The layers that show in {@code frame}, bottom first, as drawn then (hidden and fully
   * transparent ones left out; audio layers too: they are heard, not seen, so a volume fade never
   * makes a frame count as changed).
   */
  List<DrawnLayer> drawnLayers(StreamState state, long frame, Instant presentationTime) {
    List<Layer> stored = LayerOrder.bottomToTop(state.getLayersList());
    List<DrawnLayer> out = new ArrayList<>(stored.size());
    for (Layer s : stored) {
      if (s.hasAudio()) {
        continue;
      }
      Layer layer = Tweens.at(s, frame);
      double opacity = opacity(layer);
      if ((layer.hasVisible() && !layer.getVisible()) || !(opacity > 0)) {
        continue;
      }
      out.add(
          new DrawnLayer(
              layer, layer.hasClock() ? clocks.text(layer.getClock(), presentationTime) : null));
    }
    return out;
  }

  private static double opacity(Layer layer) {
    return StrictMath.min(1, layer.hasOpacity() ? layer.getOpacity() : 1);
  }

  /**
   * Measures a layer on a {@code width} x {@code height} canvas; null when it draws nothing there.
   */
  PreparedLayer prepare(DrawnLayer drawn, RenderQuality quality, int width, int height) {
    long start = System.nanoTime();
    try {
      Layer layer = drawn.layer();
      double opacity = opacity(layer);
      if (layer.hasColor()) {
        return new PreparedLayer(
            layer, null, null, null, new Rectangle(0, 0, width, height), opacity, null);
      }
      Optional<LayerContent> content = content(drawn, quality);
      if (content.isEmpty()) {
        return null;
      }
      LayerContent c = content.get();
      Optional<LayerGeometry> found = LayerGeometry.of(layer, c.naturalWidth(), c.naturalHeight());
      if (found.isEmpty()) {
        return null;
      }
      LayerGeometry geo = found.get();
      if (c instanceof ImageContent picture) {
        int[] offset =
            PictureBlit.wholePixelOffset(
                geo.toCanvas(), geo.width(), geo.height(), picture.picture(), layer.getBlend());
        if (offset != null) {
          Rectangle area =
              new Rectangle(
                      offset[0],
                      offset[1],
                      picture.picture().getWidth(),
                      picture.picture().getHeight())
                  .intersection(new Rectangle(0, 0, width, height));
          return area.isEmpty()
              ? null
              : new PreparedLayer(layer, c, geo, null, area, opacity, offset);
        }
      }
      Rectangle2D ink = c.inkBounds(geo.width(), geo.height());
      Rectangle2D clip = c.clipsCrop() ? geo.cropClip(layer.getCrop(), ink) : null;
      LayerSprites.Placement placement =
          LayerSprites.place(
              LayerSprites.DrawnLayerKey.of(layer, drawn.clockText(), quality),
              geo.toCanvas(),
              clip == null ? ink : ink.createIntersection(clip),
              clip,
              width,
              height);
      return placement == null
          ? null
          : new PreparedLayer(layer, c, geo, placement, placement.canvasArea(), opacity, null);
    } finally {
      times.add(drawn.layer().getKindCase(), System.nanoTime() - start);
    }
  }

  private Optional<LayerContent> content(DrawnLayer drawn, RenderQuality quality) {
    Layer layer = drawn.layer();
    return switch (layer.getKindCase()) {
      case RECT -> Optional.of(ShapePainter.rect(layer.getRect()));
      case ELLIPSE -> Optional.of(ShapePainter.ellipse(layer.getEllipse()));
      case TEXT ->
          Optional.of(text(layer.getText().getText(), layer.getText().getStyle(), quality));
      case CLOCK -> Optional.of(text(drawn.clockText(), layer.getClock().getStyle(), quality));
      case IMAGE ->
          assets
              .get(layer.getImage().getAssetId())
              .flatMap(img -> ImageContent.of(img, layer.getCrop()));
      default -> Optional.empty();
    };
  }

  private TextPainter text(String text, TextStyle style, RenderQuality quality) {
    return new TextPainter(texts.layout(text, style, quality), style, shadows, quality);
  }

  /**
   * Draws a prepared layer onto {@code canvas} through {@code g} (the canvas's graphics with the
   * frame's quality hints); only the pixels of its area change.
   */
  void draw(Graphics2D g, BufferedImage canvas, PreparedLayer p) {
    long start = System.nanoTime();
    try {
      if (p.content() == null) {
        drawColor(g, canvas, p.layer(), p.opacity());
      } else if (p.wholePixelOffset() != null) {
        PictureBlit.sourceOver(
            ((ImageContent) p.content()).picture(),
            p.wholePixelOffset()[0],
            p.wholePixelOffset()[1],
            pixels(canvas),
            stride(canvas),
            canvas.getWidth(),
            canvas.getHeight(),
            p.opacity());
      } else {
        drawContent(canvas, p);
      }
    } finally {
      times.add(p.layer().getKindCase(), System.nanoTime() - start);
    }
  }

  /** Share of Java2D-drawn layers whose sprite was cached. */
  double spriteHitRatio() {
    return sprites.hitRatio();
  }

  /** Time spent measuring and drawing, by layer type, since this renderer was made. */
  LayerTimes times() {
    return times;
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
      BlendCompositor.composeColor(
          layer.getBlend(),
          Rgba.premultipliedArgb(rgba),
          pixels(canvas),
          stride(canvas),
          new Rectangle(0, 0, canvas.getWidth(), canvas.getHeight()),
          opacity);
    }
  }

  /**
   * Through the layer's sprite (cached while it stays the same): premultiplied source-over or a
   * blend mode.
   */
  private void drawContent(BufferedImage canvas, PreparedLayer p) {
    BufferedImage sprite =
        sprites.sprite(p.placement(), p.content(), p.geometry().width(), p.geometry().height());
    Rectangle area = p.area();
    if (p.layer().getBlend() == BlendMode.BLEND_NORMAL) {
      PictureBlit.sourceOver(
          sprite,
          area.x,
          area.y,
          pixels(canvas),
          stride(canvas),
          canvas.getWidth(),
          canvas.getHeight(),
          p.opacity());
    } else {
      BlendCompositor.compose(
          p.layer().getBlend(),
          pixels(sprite),
          0,
          sprite.getWidth(),
          pixels(canvas),
          stride(canvas),
          area,
          p.opacity());
    }
  }

  static int[] pixels(BufferedImage image) {
    return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
  }

  static int stride(BufferedImage image) {
    return ((SinglePixelPackedSampleModel) image.getRaster().getSampleModel()).getScanlineStride();
  }
}
