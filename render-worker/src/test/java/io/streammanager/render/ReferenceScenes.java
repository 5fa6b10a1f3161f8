package io.streammanager.render;

import com.google.protobuf.Timestamp;
import io.streammanager.proto.BlendMode;
import io.streammanager.proto.ClockFace;
import io.streammanager.proto.ColorFill;
import io.streammanager.proto.Crop;
import io.streammanager.proto.Easing;
import io.streammanager.proto.EllipseShape;
import io.streammanager.proto.ImageRef;
import io.streammanager.proto.Layer;
import io.streammanager.proto.RectShape;
import io.streammanager.proto.RenderQuality;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.TextAlign;
import io.streammanager.proto.TextBlock;
import io.streammanager.proto.TextShadow;
import io.streammanager.proto.TextStyle;
import io.streammanager.proto.Tween;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Scenes for the pixel tests, reusable by golden tests: builders for every layer type, the pictures
 * they reference (made in code, so no binary fixtures), and named scenes that together use every
 * type, property and blend mode.
 */
public final class ReferenceScenes {
  public static final int WIDTH = 640;
  public static final int HEIGHT = 360;
  public static final Instant PTS = Instant.parse("2026-03-01T12:34:56.250Z");

  /** 40x20: four 10 px wide vertical stripes, red, green, blue, white. */
  public static final String STRIPES = "stripes";

  /** 64x64: orange, its alpha falling from 255 in the centre to 0 at the edge. */
  public static final String SOFT_DOT = "soft-dot";

  private static final Map<String, byte[]> PICTURES =
      Map.of(STRIPES, png(stripes()), SOFT_DOT, png(softDot()));

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private ReferenceScenes() {}

  /** The asset store the scenes' pictures come from. */
  public static AssetCache assets() {
    return new AssetCache(16 << 20, id -> Optional.ofNullable(PICTURES.get(id)));
  }

  public static StreamState state(RenderQuality quality, Layer... layers) {
    return StreamState.newBuilder()
        .setStreamId("reference")
        .setVersion(1)
        .setConfig(
            StreamConfig.newBuilder()
                .setWidth(WIDTH)
                .setHeight(HEIGHT)
                .setFps(30)
                .setQuality(quality))
        .addAllLayers(List.of(layers))
        .build();
  }

  public static StreamState state(Layer... layers) {
    return state(RenderQuality.RENDER_QUALITY_MEDIUM, layers);
  }

  public static Layer.Builder color(String id, int rgba) {
    return Layer.newBuilder().setId(id).setColor(ColorFill.newBuilder().setRgba(rgba));
  }

  public static Layer.Builder rect(String id, double x, double y, double w, double h, int rgba) {
    return Layer.newBuilder()
        .setId(id)
        .setX(x)
        .setY(y)
        .setWidth(w)
        .setHeight(h)
        .setRect(RectShape.newBuilder().setRgba(rgba));
  }

  public static Layer.Builder ellipse(String id, double x, double y, double w, double h, int rgba) {
    return Layer.newBuilder()
        .setId(id)
        .setX(x)
        .setY(y)
        .setWidth(w)
        .setHeight(h)
        .setEllipse(EllipseShape.newBuilder().setRgba(rgba));
  }

  public static TextStyle.Builder style(double size, int rgba) {
    return TextStyle.newBuilder().setSize(size).setRgba(rgba);
  }

  public static Layer.Builder text(
      String id, double x, double y, String text, TextStyle.Builder style) {
    return Layer.newBuilder()
        .setId(id)
        .setX(x)
        .setY(y)
        .setText(TextBlock.newBuilder().setText(text).setStyle(style));
  }

  public static Layer.Builder image(String id, double x, double y, String assetId) {
    return Layer.newBuilder()
        .setId(id)
        .setX(x)
        .setY(y)
        .setImage(ImageRef.newBuilder().setAssetId(assetId));
  }

  public static Layer.Builder clock(
      String id, double x, double y, String pattern, TextStyle.Builder style) {
    return Layer.newBuilder()
        .setId(id)
        .setX(x)
        .setY(y)
        .setClock(ClockFace.newBuilder().setPattern(pattern).setTimeZone("UTC").setStyle(style));
  }

  public static Layer.Builder countdown(
      String id, double x, double y, Instant to, TextStyle.Builder style) {
    return Layer.newBuilder()
        .setId(id)
        .setX(x)
        .setY(y)
        .setClock(
            ClockFace.newBuilder()
                .setPattern("HH:mm:ss")
                .setStyle(style)
                .setCountdownTo(
                    Timestamp.newBuilder().setSeconds(to.getEpochSecond()).setNanos(to.getNano())));
  }

  public static Tween tween(
      String property, double from, long startFrame, int durationFrames, Easing easing) {
    return Tween.newBuilder()
        .setProperty(property)
        .setFrom(from)
        .setStartFrame(startFrame)
        .setDurationFrames(durationFrames)
        .setEasing(easing)
        .build();
  }

  /**
   * One scene with every layer type and property: anchors, rotation, scale, crop, opacity, z-order,
   * a hidden layer, every blend mode, rounded and stroked rectangles, ellipses, styled text
   * (families, bold, italic, wrap, alignment, line height, outline, shadow), a clock, a countdown,
   * pictures, and tweens in progress between frames 0 and 30.
   */
  public static StreamState everyFeature(RenderQuality quality) {
    TextStyle.Builder title =
        style(34, 0xFFFFFFFF)
            .setFontFamily("DejaVu Serif")
            .setWeight(700)
            .setOutlineRgba(0x202060FF)
            .setOutlineWidth(3)
            .setShadow(TextShadow.newBuilder().setRgba(0x000000C0).setDx(4).setDy(5).setBlur(3));
    TextStyle.Builder body =
        style(15, 0xFFFFE0FF)
            .setItalic(true)
            .setMaxWidth(200)
            .setAlign(TextAlign.TEXT_ALIGN_CENTER)
            .setLineHeight(1.3);
    Layer[] layers = {
      color("bg", 0x203048FF).build(),
      image("stripes", 20, 20, STRIPES)
          .setWidth(120)
          .setHeight(60)
          .setCrop(Crop.newBuilder().setLeft(5).setRight(3))
          .build(),
      image("dot", 560, 60, SOFT_DOT)
          .setAnchorX(0.5)
          .setAnchorY(0.5)
          .setRotation(5)
          .setOpacity(0.8)
          .build(),
      rect("panel", 40, 230, 300, 100, 0x3060C0B0)
          .setZIndex(2)
          .setRect(
              RectShape.newBuilder()
                  .setRgba(0x3060C0B0)
                  .setCornerRadius(18)
                  .setStrokeRgba(0xFFFFFFFF)
                  .setStrokeWidth(3))
          .setOpacity(0.7)
          .build(),
      ellipse("ring", 380, 200, 120, 80, 0xC04040FF)
          .setEllipse(
              EllipseShape.newBuilder()
                  .setRgba(0xC04040FF)
                  .setStrokeRgba(0xFFFF00FF)
                  .setStrokeWidth(4))
          .setRotation(-20)
          .setAnchorX(0.5)
          .setAnchorY(0.5)
          .build(),
      rect("mover", 100, 140, 80, 40, 0x40E080FF)
          .addTweens(tween("x", 0, 0, 30, Easing.EASING_IN_OUT_CUBIC))
          .addTweens(tween("rotation", 90, 0, 30, Easing.EASING_OUT_BOUNCE))
          .setAnchorX(0.5)
          .setAnchorY(0.5)
          .build(),
      rect("scaled", 200, 40, 40, 20, 0xE0A020FF)
          .setScaleX(2.5)
          .setScaleY(1.5)
          .setCrop(Crop.newBuilder().setTop(4))
          .build(),
      rect("hidden", 0, 0, 640, 360, 0xFF00FFFF).setVisible(false).build(),
      text("title", 320, 20, "Stream Manager", title)
          .setAnchorX(0.5)
          .setZIndex(3)
          .addTweens(tween("opacity", 0, 0, 20, Easing.EASING_LINEAR))
          .build(),
      text(
              "body",
              60,
              245,
              "Deterministic frames: the same snapshot and frame\nalways give the same bytes.",
              body)
          .setZIndex(3)
          .build(),
      text("mono", 380, 300, "mono 0123", style(18, 0x80FF80FF).setFontFamily("dejavu sans mono"))
          .setBlend(BlendMode.BLEND_SCREEN)
          .build(),
      clock("clock", 630, 330, "HH:mm:ss.SSS", style(20, 0xFFFFFFFF)).setAnchorX(1).build(),
      countdown("countdown", 630, 305, PTS.plusSeconds(75), style(16, 0xFFC0C0FF).setWeight(700))
          .setAnchorX(1)
          .build(),
    };
    StreamState.Builder state = state(quality, layers).toBuilder();
    int i = 0;
    for (BlendMode mode : BlendMode.values()) {
      if (mode != BlendMode.UNRECOGNIZED) {
        state.addLayers(
            rect("blend-" + mode, 150 + 30 * i, 100 + (i % 2) * 10, 40, 40, 0xB07050C0)
                .setBlend(mode)
                .setOpacity(0.9)
                .build());
        i++;
      }
    }
    return state.build();
  }

  /**
   * Pictures drawn at whole-pixel offsets, neither turned nor stretched (the Vector API blit):
   * opaque and soft-edged, at several opacities, overlapping, cropped, partly outside the frame,
   * moving by whole pixels, and next to the same pictures half a pixel off, turned or stretched
   * (Java2D).
   */
  public static StreamState pictures(RenderQuality quality) {
    return state(
        quality,
        color("bg", 0x304050FF).build(),
        image("stripes-opaque", 10, 10, STRIPES).build(),
        image("stripes-faded", 60, 10, STRIPES).setOpacity(0.5).build(),
        image("stripes-cropped", 110, 10, STRIPES)
            .setCrop(Crop.newBuilder().setLeft(7).setTop(3).setBottom(4))
            .build(),
        image("dot", 20, 60, SOFT_DOT).build(),
        image("dot-over-dot", 50, 80, SOFT_DOT).setOpacity(0.75).build(),
        image("dot-left-edge", -30, 170, SOFT_DOT).build(),
        image("dot-bottom-right", 600, 320, SOFT_DOT).setOpacity(0.9).build(),
        image("dot-moving", 200, 200, SOFT_DOT)
            .setOpacity(0.6)
            .addTweens(tween("x", 120, 0, 40, Easing.EASING_LINEAR))
            .build(),
        image("dot-anchored", 400, 100, SOFT_DOT).setAnchorX(0.5).setAnchorY(0.5).build(),
        image("dot-half-pixel", 480.5, 68, SOFT_DOT).build(),
        image("dot-turned", 560, 100, SOFT_DOT)
            .setAnchorX(0.5)
            .setAnchorY(0.5)
            .setRotation(30)
            .build(),
        image("dot-stretched", 300, 250, SOFT_DOT).setWidth(96).setHeight(48).build(),
        image("dot-multiply", 380, 250, SOFT_DOT).setBlend(BlendMode.BLEND_MULTIPLY).build());
  }

  /**
   * Named scenes for golden tests: the every-feature scene at each quality, and the pictures scene.
   */
  public static Map<String, StreamState> all() {
    Map<String, StreamState> scenes = new LinkedHashMap<>();
    for (RenderQuality q :
        List.of(
            RenderQuality.RENDER_QUALITY_LOW,
            RenderQuality.RENDER_QUALITY_MEDIUM,
            RenderQuality.RENDER_QUALITY_HIGH)) {
      scenes.put(
          "every-feature-"
              + q.name().substring("RENDER_QUALITY_".length()).toLowerCase(java.util.Locale.ROOT),
          everyFeature(q));
    }
    scenes.put("pictures-medium", pictures(RenderQuality.RENDER_QUALITY_MEDIUM));
    return scenes;
  }

  private static BufferedImage stripes() {
    int[] colors = {0xFFFF0000, 0xFF00FF00, 0xFF0000FF, 0xFFFFFFFF};
    BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 40; x++) {
        img.setRGB(x, y, colors[x / 10]);
      }
    }
    return img;
  }

  private static BufferedImage softDot() {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        int d2 = (2 * x - 63) * (2 * x - 63) + (2 * y - 63) * (2 * y - 63);
        int alpha = Math.max(0, 255 - 255 * d2 / (64 * 64));
        img.setRGB(x, y, alpha << 24 | 0xFF8000);
      }
    }
    return img;
  }

  private static byte[] png(BufferedImage img) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
