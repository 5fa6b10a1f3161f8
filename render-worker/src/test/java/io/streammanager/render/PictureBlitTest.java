package io.streammanager.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.BlendMode;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The picture blit (Vector API when present) against the scalar reference and BlendCompositor, byte
 * for byte.
 */
class PictureBlitTest {
  /**
   * Premultiplied pixels with every kind of alpha: 0, 255, and anything between, in runs and alone.
   */
  private static BufferedImage picture(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB_PRE);
    int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < px.length; i++) {
      int kind = (i / 40) % 4;
      int a = kind == 0 ? 0 : kind == 1 ? 255 : random.nextInt(256);
      int r = a == 0 ? 0 : random.nextInt(a + 1);
      int g = a == 0 ? 0 : random.nextInt(a + 1);
      int b = a == 0 ? 0 : random.nextInt(a + 1);
      px[i] = a << 24 | r << 16 | g << 8 | b;
    }
    return img;
  }

  private static int[] backdrop(int width, int height, long seed) {
    Random random = new Random(seed);
    int[] px = new int[width * height];
    for (int i = 0; i < px.length; i++) {
      px[i] = random.nextInt(0x1000000);
    }
    return px;
  }

  @ParameterizedTest(name = "{0}x{1} at {2},{3} opacity {4}")
  @CsvSource({
    "1,1,0,0,1.0",
    "37,23,5,3,1.0",
    "37,23,5,3,0.5",
    "64,64,-10,-7,0.8",
    "100,50,250,150,0.3",
    "333,111,17,29,0.999",
    "16,16,0,0,0.004"
  })
  void sourceOver_randomPicture_givesTheBlendCompositorBytes(
      int w, int h, int x, int y, double opacity) {
    int cw = 300;
    int ch = 180;
    BufferedImage picture = picture(w, h, w * 31L + h);
    int[] dst = backdrop(cw, ch, x * 7L + y);
    int[] want = dst.clone();
    Rectangle area = new Rectangle(x, y, w, h).intersection(new Rectangle(0, 0, cw, ch));
    int[] src = ((DataBufferInt) picture.getRaster().getDataBuffer()).getData();
    for (int row = area.y; row < area.y + area.height; row++) {
      for (int col = area.x; col < area.x + area.width; col++) {
        int p = src[(row - y) * w + (col - x)];
        if (p >>> 24 != 0) {
          want[row * cw + col] =
              BlendCompositor.blend(
                  BlendMode.BLEND_NORMAL,
                  want[row * cw + col],
                  p,
                  BlendCompositor.opacity255(opacity));
        }
      }
    }

    Rectangle changed = PictureBlit.sourceOver(picture, x, y, dst, cw, cw, ch, opacity);

    assertThat(dst).isEqualTo(want);
    assertThat(changed).isEqualTo(area.isEmpty() ? new Rectangle() : area);
  }

  @ParameterizedTest(name = "crop {0},{1}")
  @CsvSource({"3,2", "0,5", "17,0"})
  void sourceOver_subImage_readsTheSubImagesPixels(int left, int top) {
    BufferedImage whole = picture(60, 40, 5);
    BufferedImage sub = whole.getSubimage(left, top, 30, 20);
    BufferedImage copy = new BufferedImage(30, 20, BufferedImage.TYPE_INT_ARGB_PRE);
    copy.getRaster().setRect(sub.getRaster().createTranslatedChild(0, 0));
    int[] viaSub = backdrop(100, 100, 9);
    int[] viaCopy = viaSub.clone();

    PictureBlit.sourceOver(sub, 11, 13, viaSub, 100, 100, 100, 0.7);
    PictureBlit.sourceOver(copy, 11, 13, viaCopy, 100, 100, 100, 0.7);

    assertThat(viaSub).isEqualTo(viaCopy);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "identity,true",
    "translate 5 7,true",
    "translate 5.5 7,false",
    "rotate,false",
    "scale,false"
  })
  void wholePixelOffset_onlyForWholePixelMoves(String name, boolean expected) {
    AffineTransform t =
        switch (name) {
          case "identity" -> new AffineTransform();
          case "translate 5 7" -> AffineTransform.getTranslateInstance(5, 7);
          case "translate 5.5 7" -> AffineTransform.getTranslateInstance(5.5, 7);
          case "rotate" -> AffineTransform.getRotateInstance(0.1);
          default -> AffineTransform.getScaleInstance(2, 2);
        };
    BufferedImage picture = picture(10, 10, 1);

    assertThat(PictureBlit.wholePixelOffset(t, 10, 10, picture, BlendMode.BLEND_NORMAL) != null)
        .isEqualTo(expected);
    assertThat(PictureBlit.wholePixelOffset(t, 10, 10, picture, BlendMode.BLEND_MULTIPLY)).isNull();
    assertThat(PictureBlit.wholePixelOffset(t, 10, 11, picture, BlendMode.BLEND_NORMAL)).isNull();
  }

  @org.junit.jupiter.api.Test
  void quotient_everyNumeratorTheBlendMakes_isTheExactDivision() {
    int wrong = -1;
    for (int x = 0; x <= PictureBlit.MAX_NUMERATOR && wrong < 0; x++) {
      if (PictureBlit.quotient(x) != x / 65025) {
        wrong = x;
      }
    }

    assertThat(wrong).as("first numerator whose float quotient is not x / 65025").isEqualTo(-1);
  }
}
