package io.streammanager.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YuvConverterTest {
  private static final int RED = 0xFF0000;
  private static final int BLUE = 0x0000FF;
  private static final int WHITE = 0xFFFFFF;
  private static final int BLACK = 0x000000;

  private static byte[] convert(int[] rgb, int width, int height) {
    byte[] out = new byte[YuvConverter.frameSize(width, height)];
    YuvConverter.convert(rgb, width, height, out);
    return out;
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "red, FF0000, 63, 102, 240",
    "blue, 0000FF, 32, 240, 118",
    "white, FFFFFF, 235, 128, 128",
    "black, 000000, 16, 128, 128",
    "green, 00FF00, 173, 42, 26"
  })
  void convert_uniformColor_givesBt709LimitedRangeValues(
      String name, String rgbHex, int y, int u, int v) {
    int rgb = Integer.parseInt(rgbHex, 16);

    byte[] out = convert(new int[] {rgb, rgb, rgb, rgb}, 2, 2);

    assertThat(out).containsExactly(bytes(y, y, y, y, u, v));
  }

  @Test
  void convert_alphaByteInInput_isIgnored() {
    assertThat(convert(new int[] {0xFFFF0000, 0x12FF0000, 0xFF0000, 0xABFF0000}, 2, 2))
        .containsExactly(bytes(63, 63, 63, 63, 102, 240));
  }

  @ParameterizedTest
  @CsvSource({"1,1,3", "2,2,6", "5,3,27", "640,360,345600", "1920,1080,3110400"})
  void frameSize_anySize_isLumaPlusTwoQuarterSizeChromaPlanesRoundedUp(int w, int h, int size) {
    assertThat(YuvConverter.frameSize(w, h)).isEqualTo(size);
  }

  @Test
  void convert_oddSizeFiveByThree_laysOutPlanesWithEdgeBlocksFromTheExistingPixels() {
    // chroma blocks (2x2, the last column and row are 1 pixel wide): row 0: red | blue | white row
    // 1: black | red | blue
    int[] rgb = {
      RED, RED, BLUE, BLUE, WHITE,
      RED, RED, BLUE, BLUE, WHITE,
      BLACK, BLACK, RED, RED, BLUE
    };

    byte[] out = convert(rgb, 5, 3);

    assertThat(out)
        .containsExactly(
            bytes(
                63, 63, 32, 32, 235, 63, 63, 32, 32, 235, 16, 16, 63, 63, 32, 102, 240, 128, 128,
                102, 240, 240, 118, 128, 128, 240, 118));
  }

  @Test
  void convert_mixedTwoByTwoBlock_usesTheRoundedAverageColour() {
    // two red and two blue pixels average to (128, 0, 128)
    byte[] mixed = convert(new int[] {RED, BLUE, BLUE, RED}, 2, 2);
    byte[] purple = convert(new int[] {0x800080, 0x800080, 0x800080, 0x800080}, 2, 2);

    assertThat(new byte[] {mixed[4], mixed[5]}).containsExactly(purple[4], purple[5]);
  }

  @Test
  void convert_randomOddSizedPicture_everyByteIsWithinOneOfTheBt709Formula() {
    int w = 7;
    int h = 5;
    Random random = new Random(42);
    int[] rgb = new int[w * h];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = random.nextInt(0x1000000);
    }

    byte[] out = convert(rgb, w, h);

    byte[] reference = reference(rgb, w, h);
    List<String> off = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      if (Math.abs((out[i] & 0xFF) - (reference[i] & 0xFF)) > 1) {
        off.add("byte " + i + ": " + (out[i] & 0xFF) + " vs " + (reference[i] & 0xFF));
      }
    }
    assertThat(off).isEmpty();
  }

  /**
   * BT.709 limited range in floating point, chroma from the mean of the pixels of each (clipped)
   * 2x2 block.
   */
  private static byte[] reference(int[] rgb, int w, int h) {
    byte[] out = new byte[YuvConverter.frameSize(w, h)];
    for (int i = 0; i < w * h; i++) {
      double[] c = channels(rgb[i]);
      out[i] = (byte) Math.round(16 + (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) * 219 / 255);
    }
    int cw = (w + 1) / 2;
    int ch = (h + 1) / 2;
    for (int cy = 0; cy < ch; cy++) {
      for (int cx = 0; cx < cw; cx++) {
        double r = 0;
        double g = 0;
        double b = 0;
        int n = 0;
        for (int y = 2 * cy; y < Math.min(2 * cy + 2, h); y++) {
          for (int x = 2 * cx; x < Math.min(2 * cx + 2, w); x++) {
            double[] c = channels(rgb[y * w + x]);
            r += c[0];
            g += c[1];
            b += c[2];
            n++;
          }
        }
        r /= n;
        g /= n;
        b /= n;
        double u = 128 + (-0.2126 / 1.8556 * r - 0.7152 / 1.8556 * g + 0.5 * b) * 224 / 255;
        double v = 128 + (0.5 * r - 0.7152 / 1.5748 * g - 0.0722 / 1.5748 * b) * 224 / 255;
        out[w * h + cy * cw + cx] = (byte) Math.round(u);
        out[w * h + cw * ch + cy * cw + cx] = (byte) Math.round(v);
      }
    }
    return out;
  }

  private static double[] channels(int p) {
    return new double[] {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF};
  }
}
