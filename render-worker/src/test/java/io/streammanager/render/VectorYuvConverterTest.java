package io.streammanager.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Vector API conversion against the plain-Java reference, byte for byte. */
class VectorYuvConverterTest {
  private static int[] randomPicture(int width, int height, long seed) {
    Random random = new Random(seed);
    int[] rgb = new int[width * height];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = random.nextInt();
    }
    return rgb;
  }

  private static byte[] reference(int[] rgb, int width, int height) {
    byte[] out = new byte[YuvConverter.frameSize(width, height)];
    YuvConverter.convert(rgb, width, height, out);
    return out;
  }

  @Test
  void simd_inTestJvm_isAvailable() {
    assertThat(Simd.AVAILABLE).as("the tests run with --add-modules jdk.incubator.vector").isTrue();
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({
    "1,1",
    "2,2",
    "3,5",
    "7,5",
    "15,9",
    "16,16",
    "17,3",
    "31,33",
    "33,31",
    "64,2",
    "65,3",
    "127,65",
    "640,360",
    "641,361",
    "1920,1080"
  })
  void convert_randomPicture_givesTheReferenceBytes(int width, int height) {
    int[] rgb = randomPicture(width, height, 31L * width + height);
    byte[] out = new byte[YuvConverter.frameSize(width, height)];

    VectorYuvConverter.convert(rgb, width, height, out);

    assertThat(out).isEqualTo(reference(rgb, width, height));
  }

  @ParameterizedTest(name = "{0}x{1} area {2},{3} {4}x{5}")
  @CsvSource({
    "641,361,0,0,641,361",
    "641,361,13,7,101,51",
    "641,361,600,340,100,100",
    "640,360,1,1,1,1",
    "99,77,-5,-5,20,20",
    "99,77,98,76,1,1",
    "1920,1080,700,500,333,77"
  })
  void convertArea_randomPicture_changesOnlyTheAreaToTheReferenceBytes(
      int width, int height, int x, int y, int w, int h) {
    int[] rgb = randomPicture(width, height, 7L * width + height + x);
    byte[] whole = reference(rgb, width, height);
    byte[] out = new byte[whole.length];
    byte[] untouched = out.clone();
    Rectangle area = new Rectangle(x, y, w, h);

    YuvConverter.convertFast(rgb, width, height, out, area);

    // Expected: the reference bytes of every 2x2 block the area touches, zero elsewhere.
    byte[] want = untouched;
    int cw = (width + 1) / 2;
    int ch = (height + 1) / 2;
    for (int py = 0; py < height; py++) {
      for (int px = 0; px < width; px++) {
        if (touches(area, px / 2, py / 2)) {
          want[py * width + px] = whole[py * width + px];
        }
      }
    }
    for (int cy = 0; cy < ch; cy++) {
      for (int cx = 0; cx < cw; cx++) {
        if (touches(area, cx, cy)) {
          int u = width * height + cy * cw + cx;
          want[u] = whole[u];
          want[u + cw * ch] = whole[u + cw * ch];
        }
      }
    }
    assertThat(out).isEqualTo(want);
  }

  /** True when the area overlaps the 2x2 block (cx, cy). */
  private static boolean touches(Rectangle area, int cx, int cy) {
    return area.intersects(new Rectangle(2 * cx, 2 * cy, 2, 2));
  }
}
