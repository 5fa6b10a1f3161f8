package io.streammanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The inverse of the render worker's BT.709 limited-range conversion (its YUV values for pure
 * colours).
 */
class YuvToRgbTest {
  @Test
  void rgb_blackAndWhite_areExact() {
    assertThat(YuvToRgb.rgb(16, 128, 128)).isEqualTo(0x000000);
    assertThat(YuvToRgb.rgb(235, 128, 128)).isEqualTo(0xFFFFFF);
  }

  @Test
  void rgb_theRenderersPrimaries_comeBackWithinRounding() {
    assertNear(YuvToRgb.rgb(63, 102, 240), 255, 0, 0);
    assertNear(YuvToRgb.rgb(173, 42, 26), 0, 255, 0);
    assertNear(YuvToRgb.rgb(32, 240, 118), 0, 0, 255);
  }

  @Test
  void png_oddSize_decodesToThatSizeWithEachChromaBlockInItsPlace() throws Exception {
    // 3x3: chroma 2x2 blocks; the right column and bottom row belong to the edge blocks.
    int w = 3;
    int h = 3;
    byte[] yuv = new byte[YuvToRgb.frameSize(w, h)];
    java.util.Arrays.fill(yuv, 0, w * h, (byte) 63);
    int u = w * h;
    int v = u + 4;
    byte[][] blocks = {
      {(byte) 102, (byte) 240},
      {(byte) 128, (byte) 128},
      {(byte) 128, (byte) 128},
      {(byte) 102, (byte) 240}
    };
    for (int i = 0; i < 4; i++) {
      yuv[u + i] = blocks[i][0];
      yuv[v + i] = blocks[i][1];
    }
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(YuvToRgb.png(yuv, w, h)));

    assertThat(img.getWidth()).isEqualTo(3);
    assertThat(img.getHeight()).isEqualTo(3);
    assertNear(img.getRGB(0, 0) & 0xFFFFFF, 255, 0, 0);
    assertNear(img.getRGB(2, 0) & 0xFFFFFF, 63 - 16 + 6, 63 - 16 + 6, 63 - 16 + 6);
    assertNear(img.getRGB(0, 2) & 0xFFFFFF, 63 - 16 + 6, 63 - 16 + 6, 63 - 16 + 6);
    assertNear(img.getRGB(2, 2) & 0xFFFFFF, 255, 0, 0);
  }

  @Test
  void toImage_wrongLength_isRefusedNamingTheSize() {
    assertThatThrownBy(() -> YuvToRgb.toImage(new byte[10], 4, 4))
        .hasMessage("a 4x4 YUV420P frame has 24 bytes, not 10");
  }

  private static void assertNear(int rgb, int r, int g, int b) {
    assertThat((rgb >> 16) & 0xFF)
        .as("red of %06x", rgb)
        .isCloseTo(r, org.assertj.core.data.Offset.offset(2));
    assertThat((rgb >> 8) & 0xFF)
        .as("green of %06x", rgb)
        .isCloseTo(g, org.assertj.core.data.Offset.offset(2));
    assertThat(rgb & 0xFF)
        .as("blue of %06x", rgb)
        .isCloseTo(b, org.assertj.core.data.Offset.offset(2));
  }
}
