package io.streammanager.render.bench;

import io.streammanager.proto.ClockFace;
import io.streammanager.proto.Easing;
import io.streammanager.proto.ImageRef;
import io.streammanager.proto.Layer;
import io.streammanager.proto.RectShape;
import io.streammanager.proto.RenderQuality;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.TextBlock;
import io.streammanager.proto.TextStyle;
import io.streammanager.proto.Tween;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The reference bench scene of {@code docs/benchmarks.md}, 1920x1080 at 30 fps, made in code
 * (pictures included) so that the bench needs no files: a full-frame background picture; three PNG
 * overlays with alpha (a 600x200 lower third, a 300x300 logo with soft edges turned 5 degrees at
 * opacity 0.8, a 1920x120 ticker bar); two antialiased text layers (48 px, and 28 px: a clock
 * {@code HH:mm:ss.SSS} that changes every frame); one semi-transparent rounded rectangle moving 4
 * px every frame. The {@code static} variant has the same layers with nothing changing: the 28 px
 * layer is plain text showing a fixed time and the rectangle stands still.
 */
public final class BenchScene {
  public static final int WIDTH = 1920;
  public static final int HEIGHT = 1080;
  public static final int FPS = 30;
  public static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
  static final String BACKGROUND = "background";
  static final String LOWER_THIRD = "lower-third";
  static final String LOGO = "logo";
  static final String TICKER = "ticker";

  /** The moving rectangle as a picture, for FFmpeg (which has no rounded-rectangle filter). */
  static final String BOX = "box";

  static final int LOWER_THIRD_X = 100;
  static final int LOWER_THIRD_Y = 760;
  static final int LOGO_CENTER_X = 1700;
  static final int LOGO_CENTER_Y = 180;
  static final double LOGO_ROTATION = 5;
  static final double LOGO_OPACITY = 0.8;
  static final int TICKER_Y = 960;
  static final String TITLE = "Stream Manager live";
  static final int TITLE_X = 140;
  static final int TITLE_Y = 790;
  static final int TITLE_SIZE = 48;
  static final int CLOCK_X = 60;
  static final int CLOCK_Y = 1000;
  static final int CLOCK_SIZE = 28;
  static final String STATIC_CLOCK_TEXT = "12:00:00.000";
  static final int BOX_WIDTH = 320;
  static final int BOX_HEIGHT = 180;
  static final int BOX_RADIUS = 24;
  static final int BOX_RGBA = 0x2080FF99;
  static final int BOX_X0 = 100;
  static final int BOX_Y = 420;

  /** The rectangle moves this many pixels a frame (x = BOX_X0 + BOX_STEP * frame). */
  static final int BOX_STEP = 4;

  private static final int BOX_FRAMES = 360;

  private BenchScene() {}

  /** The frame's presentation time: frame n is shown n/30 s after {@link #START}. */
  public static Instant presentationTime(long frame) {
    return START.plusNanos(frame * 1_000_000_000L / FPS);
  }

  /** The scene's pictures, PNG-encoded, by asset id. */
  public static Map<String, byte[]> pictures() {
    return Map.of(
        BACKGROUND,
        png(background()),
        LOWER_THIRD,
        png(lowerThird()),
        LOGO,
        png(logo()),
        TICKER,
        png(ticker()),
        BOX,
        png(box()));
  }

  public static StreamState scene(boolean animated) {
    TextStyle.Builder white =
        TextStyle.newBuilder().setRgba(0xFFFFFFFF).setFontFamily("DejaVu Sans");
    Layer.Builder clock = Layer.newBuilder().setId("clock").setX(CLOCK_X).setY(CLOCK_Y);
    if (animated) {
      clock.setClock(
          ClockFace.newBuilder()
              .setPattern("HH:mm:ss.SSS")
              .setTimeZone("UTC")
              .setStyle(white.clone().setSize(CLOCK_SIZE)));
    } else {
      clock.setText(
          TextBlock.newBuilder()
              .setText(STATIC_CLOCK_TEXT)
              .setStyle(white.clone().setSize(CLOCK_SIZE)));
    }
    Layer.Builder box =
        Layer.newBuilder()
            .setId("box")
            .setY(BOX_Y)
            .setWidth(BOX_WIDTH)
            .setHeight(BOX_HEIGHT)
            .setRect(RectShape.newBuilder().setRgba(BOX_RGBA).setCornerRadius(BOX_RADIUS));
    if (animated) {
      box.setX(BOX_X0 + BOX_STEP * BOX_FRAMES)
          .addTweens(
              Tween.newBuilder()
                  .setProperty("x")
                  .setFrom(BOX_X0)
                  .setStartFrame(0)
                  .setDurationFrames(BOX_FRAMES)
                  .setEasing(Easing.EASING_LINEAR));
    } else {
      box.setX(BOX_X0);
    }
    return StreamState.newBuilder()
        .setStreamId("bench")
        .setVersion(1)
        .setConfig(
            StreamConfig.newBuilder()
                .setWidth(WIDTH)
                .setHeight(HEIGHT)
                .setFps(FPS)
                .setQuality(RenderQuality.RENDER_QUALITY_MEDIUM))
        .addLayers(image("background", BACKGROUND, 0, 0))
        .addLayers(image("lower-third", LOWER_THIRD, LOWER_THIRD_X, LOWER_THIRD_Y))
        .addLayers(
            Layer.newBuilder(image("logo", LOGO, LOGO_CENTER_X, LOGO_CENTER_Y))
                .setAnchorX(0.5)
                .setAnchorY(0.5)
                .setRotation(LOGO_ROTATION)
                .setOpacity(LOGO_OPACITY))
        .addLayers(image("ticker", TICKER, 0, TICKER_Y))
        .addLayers(
            Layer.newBuilder()
                .setId("title")
                .setX(TITLE_X)
                .setY(TITLE_Y)
                .setText(
                    TextBlock.newBuilder()
                        .setText(TITLE)
                        .setStyle(white.clone().setSize(TITLE_SIZE))))
        .addLayers(clock)
        .addLayers(box)
        .build();
  }

  /** Frames of the animated scene move the box by whole pixels until this frame. */
  static int framesOfMovement() {
    return BOX_FRAMES;
  }

  private static Layer image(String id, String asset, double x, double y) {
    return Layer.newBuilder()
        .setId(id)
        .setX(x)
        .setY(y)
        .setImage(ImageRef.newBuilder().setAssetId(asset))
        .build();
  }

  private static BufferedImage background() {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(img);
    g.setPaint(
        new GradientPaint(
            0, 0, new Color(0x10, 0x30, 0x60), WIDTH, HEIGHT, new Color(0x60, 0x20, 0x40)));
    g.fillRect(0, 0, WIDTH, HEIGHT);
    for (int i = 0; i < 24; i++) {
      g.setColor(new Color(255, 255, 255, 12 + (i * 7) % 30));
      g.fillOval(
          (i * 397) % WIDTH - 100,
          (i * 211) % HEIGHT - 100,
          200 + (i * 53) % 300,
          200 + (i * 31) % 300);
    }
    g.dispose();
    return img;
  }

  private static BufferedImage lowerThird() {
    BufferedImage img = new BufferedImage(600, 200, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = graphics(img);
    g.setPaint(
        new GradientPaint(
            0, 0, new Color(0x18, 0x4A, 0x9A, 230), 600, 0, new Color(0x18, 0x4A, 0x9A, 90)));
    g.fill(new RoundRectangle2D.Double(0, 0, 600, 200, 30, 30));
    g.setColor(new Color(0xFF, 0xC1, 0x07, 255));
    g.fillRect(0, 0, 12, 200);
    g.dispose();
    return img;
  }

  private static BufferedImage logo() {
    BufferedImage img = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = graphics(img);
    g.setPaint(
        new RadialGradientPaint(
            150,
            150,
            150,
            new float[] {0f, 0.75f, 1f},
            new Color[] {
              new Color(0xFF, 0x70, 0x20, 255),
              new Color(0xE0, 0x40, 0x60, 220),
              new Color(0xE0, 0x40, 0x60, 0)
            }));
    g.fillOval(0, 0, 300, 300);
    g.setComposite(AlphaComposite.SrcAtop);
    g.setColor(Color.WHITE);
    g.fillRect(110, 70, 80, 160);
    g.dispose();
    return img;
  }

  private static BufferedImage ticker() {
    BufferedImage img = new BufferedImage(WIDTH, 120, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = graphics(img);
    g.setColor(new Color(0, 0, 0, 180));
    g.fillRect(0, 0, WIDTH, 120);
    g.setColor(new Color(0xE5, 0x39, 0x35, 255));
    g.fillRect(0, 0, WIDTH, 6);
    g.dispose();
    return img;
  }

  /**
   * The moving rectangle as FFmpeg overlays it: the same colour, size and corners, drawn by Java2D.
   */
  private static BufferedImage box() {
    BufferedImage img = new BufferedImage(BOX_WIDTH, BOX_HEIGHT, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = graphics(img);
    g.setColor(
        new Color(
            BOX_RGBA >>> 24, (BOX_RGBA >>> 16) & 0xFF, (BOX_RGBA >>> 8) & 0xFF, BOX_RGBA & 0xFF));
    g.fill(
        new RoundRectangle2D.Double(0, 0, BOX_WIDTH, BOX_HEIGHT, 2 * BOX_RADIUS, 2 * BOX_RADIUS));
    g.dispose();
    return img;
  }

  private static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    return g;
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
