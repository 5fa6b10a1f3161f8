package io.streammanager.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.ClockFace;
import io.streammanager.proto.ColorFill;
import io.streammanager.proto.ImageRef;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerOrder;
import io.streammanager.proto.RectShape;
import io.streammanager.proto.RenderQuality;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.TextBlock;
import io.streammanager.proto.TextStyle;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

class SceneRendererTest {
  private static final int W = 640;
  private static final int H = 360;
  private static final Instant PTS = Instant.parse("2026-03-01T12:34:56.250Z");
  private static final int BLUE = 0x0000FF;
  private static final int RED = 0xFF0000;
  private static final int GREEN = 0x00FF00;
  private static final int BLACK = 0x000000;

  /** A real 2x2 PNG: left column red, right column blue. */
  private static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEEl"
                  + "EQVR42mP4zwAE/xkgFAAb8gP9PpddpAAAAABJRU5ErkJggg==");

  private final SceneRenderer renderer =
      new SceneRenderer(
          new AssetCache(1 << 20, id -> id.equals("png") ? Optional.of(PNG) : Optional.empty()));

  private static StreamState state(RenderQuality quality, Layer... layers) {
    return StreamState.newBuilder()
        .setStreamId("show")
        .setVersion(3)
        .setConfig(
            StreamConfig.newBuilder().setWidth(W).setHeight(H).setFps(30).setQuality(quality))
        .addAllLayers(List.of(layers))
        .build();
  }

  private static StreamState state(Layer... layers) {
    return state(RenderQuality.RENDER_QUALITY_MEDIUM, layers);
  }

  private static Layer color(String id, int rgba) {
    return Layer.newBuilder().setId(id).setColor(ColorFill.newBuilder().setRgba(rgba)).build();
  }

  private static Layer rect(String id, double x, double y, double w, double h, int rgba) {
    return Layer.newBuilder()
        .setId(id)
        .setX(x)
        .setY(y)
        .setWidth(w)
        .setHeight(h)
        .setRect(RectShape.newBuilder().setRgba(rgba))
        .build();
  }

  private static Layer text(String id, double x, double y, String text) {
    return Layer.newBuilder()
        .setId(id)
        .setX(x)
        .setY(y)
        .setText(
            TextBlock.newBuilder()
                .setText(text)
                .setStyle(TextStyle.newBuilder().setSize(32).setRgba(0xFFFFFFFF)))
        .build();
  }

  private int[] render(StreamState state) {
    BufferedImage canvas = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    renderer.render(state, 0, PTS, canvas);
    return pixels(canvas);
  }

  private static int[] pixels(BufferedImage canvas) {
    return ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
  }

  private static boolean inside(int x, int y, int left, int top, int width, int height) {
    return x >= left && x < left + width && y >= top && y < top + height;
  }

  /**
   * Every pixel that differs from {@code expected(x, y)}, at most 10, so a failure stays readable.
   */
  private static List<String> mismatches(int[] actual, IntBinaryOperator expected) {
    List<String> out = new ArrayList<>();
    for (int y = 0; y < H && out.size() < 10; y++) {
      for (int x = 0; x < W && out.size() < 10; x++) {
        int want = expected.applyAsInt(x, y);
        int got = actual[y * W + x] & 0xFFFFFF;
        if (got != want) {
          out.add(String.format("(%d,%d) %06X instead of %06X", x, y, got, want));
        }
      }
    }
    return out;
  }

  @Test
  void render_audioLayerWithAFadeInProgress_drawsNothingAndIsNotADrawnLayer() {
    Layer music =
        Layer.newBuilder()
            .setId("music")
            .setX(10)
            .setY(10)
            .setWidth(100)
            .setHeight(100)
            .setZIndex(9)
            .setAudio(
                io.streammanager.proto.AudioClip.newBuilder()
                    .setAssetId("a".repeat(64))
                    .setVolume(0.2))
            .addTweens(
                io.streammanager.proto.Tween.newBuilder()
                    .setProperty("volume")
                    .setFrom(1)
                    .setStartFrame(0)
                    .setDurationFrames(30))
            .build();
    StreamState withAudio =
        state(color("bg", 0x0000FFFF), music, rect("box", 40, 40, 160, 120, 0xFF0000FF));

    int[] pixels = render(withAudio);

    assertThat(pixels)
        .isEqualTo(
            render(state(color("bg", 0x0000FFFF), rect("box", 40, 40, 160, 120, 0xFF0000FF))));
    assertThat(renderer.drawnLayers(withAudio, 5, PTS))
        .extracting(d -> d.layer().getId())
        .containsExactly("bg", "box");
  }

  @Test
  void render_blueColorLayerAndRedRect_paintsExactlyTheRectOverTheBackground() {
    int[] pixels =
        render(state(color("bg", 0x0000FFFF), rect("box", 40, 40, 160, 120, 0xFF0000FF)));

    assertThat(mismatches(pixels, (x, y) -> inside(x, y, 40, 40, 160, 120) ? RED : BLUE)).isEmpty();
  }

  @Test
  void render_noLayers_isBlack() {
    assertThat(mismatches(render(state()), (x, y) -> BLACK)).isEmpty();
  }

  @Test
  void render_reusedCanvas_isClearedToBlackFirst() {
    BufferedImage canvas = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    renderer.render(state(color("bg", 0xFFFFFFFF)), 0, PTS, canvas);

    renderer.render(state(rect("box", 0, 0, 10, 10, 0xFF0000FF)), 0, PTS, canvas);

    assertThat(mismatches(pixels(canvas), (x, y) -> inside(x, y, 0, 0, 10, 10) ? RED : BLACK))
        .isEmpty();
  }

  @Test
  void render_sameStateTwice_givesIdenticalPixels() {
    StreamState rich =
        state(
            color("bg", 0x202040FF),
            rect("a", 10.5, 20.25, 100.3, 50.7, 0xFF000080),
            text("t", 20, 300, "Hello, world"),
            rect("b", 300, 100, 200, 100, 0x00FF00FF).toBuilder()
                .setOpacity(0.3)
                .setZIndex(-1)
                .build(),
            Layer.newBuilder()
                .setId("clock")
                .setX(400)
                .setY(10)
                .setClock(
                    ClockFace.newBuilder()
                        .setPattern("HH:mm:ss.SSS")
                        .setTimeZone("Europe/Paris")
                        .setStyle(TextStyle.newBuilder().setSize(24).setRgba(0xFFFF00FF)))
                .build(),
            Layer.newBuilder()
                .setId("img")
                .setX(500.5)
                .setY(200)
                .setWidth(37)
                .setHeight(21)
                .setImage(ImageRef.newBuilder().setAssetId("png"))
                .build());

    int[] first = render(rich).clone();
    int[] second = render(rich);

    assertThat(mismatches(second, (x, y) -> first[y * W + x] & 0xFFFFFF)).isEmpty();
    assertThat(mismatches(first, (x, y) -> BLACK)).isNotEmpty();
  }

  @Test
  void render_higherZIndexInsertedFirst_isDrawnOnTop() {
    Layer redOnTop = rect("red", 0, 0, 100, 100, 0xFF0000FF).toBuilder().setZIndex(1).build();
    Layer green = rect("green", 50, 50, 100, 100, 0x00FF00FF);

    int[] pixels = render(state(redOnTop, green));

    assertThat(
            mismatches(
                pixels,
                (x, y) ->
                    inside(x, y, 0, 0, 100, 100)
                        ? RED
                        : inside(x, y, 50, 50, 100, 100) ? GREEN : BLACK))
        .isEmpty();
  }

  @Test
  void render_equalZIndex_laterInsertedIsDrawnOnTop() {
    Layer red = rect("red", 0, 0, 100, 100, 0xFF0000FF).toBuilder().setZIndex(2).build();
    Layer green = rect("green", 50, 50, 100, 100, 0x00FF00FF).toBuilder().setZIndex(2).build();

    int[] pixels = render(state(red, green));

    assertThat(
            mismatches(
                pixels,
                (x, y) ->
                    inside(x, y, 50, 50, 100, 100)
                        ? GREEN
                        : inside(x, y, 0, 0, 100, 100) ? RED : BLACK))
        .isEmpty();
  }

  @Test
  void drawingOrder_layers_sortByZIndexThenKeepInsertionOrder() {
    Layer a = color("a", 1).toBuilder().setZIndex(3).build();
    Layer b = color("b", 2);
    Layer c = color("c", 3).toBuilder().setZIndex(-4).build();
    Layer d = color("d", 4).toBuilder().setZIndex(3).build();
    Layer e = color("e", 5).toBuilder().setZIndex(0).build();

    assertThat(LayerOrder.bottomToTop(List.of(a, b, c, d, e))).containsExactly(c, b, e, a, d);
  }

  @Test
  void render_invisibleLayer_isNotDrawn() {
    Layer hidden = rect("box", 40, 40, 160, 120, 0xFF0000FF).toBuilder().setVisible(false).build();

    int[] pixels = render(state(color("bg", 0x0000FFFF), hidden));

    assertThat(mismatches(pixels, (x, y) -> BLUE)).isEmpty();
  }

  @Test
  void render_explicitlyVisibleLayer_isDrawn() {
    Layer shown = rect("box", 40, 40, 160, 120, 0xFF0000FF).toBuilder().setVisible(true).build();

    int[] pixels = render(state(color("bg", 0x0000FFFF), shown));

    assertThat(mismatches(pixels, (x, y) -> inside(x, y, 40, 40, 160, 120) ? RED : BLUE)).isEmpty();
  }

  @Test
  void render_opacityZero_isNotDrawn() {
    Layer clear = rect("box", 40, 40, 160, 120, 0xFF0000FF).toBuilder().setOpacity(0).build();

    assertThat(mismatches(render(state(color("bg", 0x0000FFFF), clear)), (x, y) -> BLUE)).isEmpty();
  }

  @Test
  void render_halfOpacity_blendsHalfOverWhatIsBelow() {
    Layer half = rect("box", 40, 40, 160, 120, 0xFF0000FF).toBuilder().setOpacity(0.5).build();

    int[] pixels = render(state(color("bg", 0x0000FFFF), half));

    int inside = pixels[100 * W + 100] & 0xFFFFFF;
    assertThat(new int[] {inside >> 16 & 0xFF, inside >> 8 & 0xFF, inside & 0xFF})
        .satisfies(c -> assertThat(Math.abs(c[0] - 128)).isLessThanOrEqualTo(1))
        .satisfies(c -> assertThat(c[1]).isZero())
        .satisfies(c -> assertThat(Math.abs(c[2] - 128)).isLessThanOrEqualTo(1));
    assertThat(mismatches(pixels, (x, y) -> inside(x, y, 40, 40, 160, 120) ? inside : BLUE))
        .isEmpty();
  }

  @Test
  void render_textLayer_drawsInkOnlyInsideItsLineBox() {
    String hello = "Hello";
    int[] pixels = render(state(text("t", 20, 300, hello)));

    FontMetrics metrics = metrics(Fonts.family("", 32));
    int ink = 0;
    List<String> outside = new ArrayList<>();
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        if ((pixels[y * W + x] & 0xFFFFFF) != BLACK) {
          ink++;
          if (!inside(x, y, 19, 300, metrics.stringWidth(hello) + 2, metrics.getHeight())
              && outside.size() < 10) {
            outside.add("(" + x + "," + y + ")");
          }
        }
      }
    }
    assertThat(ink).isGreaterThan(200);
    assertThat(outside).isEmpty();
  }

  @Test
  void render_clockLayer_drawsThePresentationTimeLikeTheSameText() {
    Layer clock =
        Layer.newBuilder()
            .setId("c")
            .setX(20)
            .setY(100)
            .setClock(
                ClockFace.newBuilder()
                    .setPattern("HH:mm:ss")
                    .setTimeZone("UTC")
                    .setStyle(TextStyle.newBuilder().setSize(32).setRgba(0xFFFFFFFF)))
            .build();

    int[] clockPixels = render(state(clock)).clone();
    int[] textPixels = render(state(text("t", 20, 100, "12:34:56")));

    assertThat(mismatches(clockPixels, (x, y) -> textPixels[y * W + x] & 0xFFFFFF)).isEmpty();
  }

  @Test
  void render_imageAtNaturalSize_copiesItsPixelsAtThePosition() {
    Layer img =
        Layer.newBuilder()
            .setId("i")
            .setX(10)
            .setY(20)
            .setImage(
                ImageRef.newBuilder().setAssetId("png").setNaturalWidth(2).setNaturalHeight(2))
            .build();

    int[] pixels = render(state(img));

    assertThat(
            mismatches(
                pixels,
                (x, y) ->
                    inside(x, y, 10, 20, 1, 2) ? RED : inside(x, y, 11, 20, 1, 2) ? BLUE : BLACK))
        .isEmpty();
  }

  @Test
  void render_imageScaledWithLowQuality_repeatsPixelsNearestNeighbour() {
    Layer img =
        Layer.newBuilder()
            .setId("i")
            .setX(10)
            .setY(20)
            .setWidth(4)
            .setHeight(4)
            .setImage(ImageRef.newBuilder().setAssetId("png"))
            .build();

    int[] pixels = render(state(RenderQuality.RENDER_QUALITY_LOW, img));

    assertThat(
            mismatches(
                pixels,
                (x, y) ->
                    inside(x, y, 10, 20, 2, 4) ? RED : inside(x, y, 12, 20, 2, 4) ? BLUE : BLACK))
        .isEmpty();
  }

  @Test
  void render_imageWhoseAssetIsMissing_drawsNothing() {
    Layer img =
        Layer.newBuilder()
            .setId("i")
            .setX(10)
            .setY(20)
            .setImage(ImageRef.newBuilder().setAssetId("gone"))
            .build();

    assertThat(mismatches(render(state(img)), (x, y) -> BLACK)).isEmpty();
  }

  @Test
  void fontsFamily_emptyOrUnknownName_givesTheShippedDejaVuSans() {
    assertThat(
            List.of(Fonts.family("", 32), Fonts.family(null, 32), Fonts.family("Comic Sans", 32)))
        .extracting(Font::getFontName, Font::getSize2D)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("DejaVu Sans", 32f));
  }

  @Test
  void fontsFont_boldWeightFamilyInAnyCase_givesTheShippedBoldFace() {
    Font bold = Fonts.font("DEJAVU sans", 700, false, 18);

    assertThat(List.of(bold.getFontName(), bold.getSize2D()))
        .containsExactly("DejaVu Sans Bold", 18f);
  }

  private static FontMetrics metrics(Font font) {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(font);
      return g.getFontMetrics();
    } finally {
      g.dispose();
    }
  }
}
