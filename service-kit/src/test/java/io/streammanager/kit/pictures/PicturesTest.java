package io.streammanager.kit.pictures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.streammanager.kit.config.PlatformConfig.AssetLimits;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Pictures are judged by their header before any decode, and decoded within a budget (security
 * review H-3).
 */
class PicturesTest {
  private static final AssetLimits DEFAULTS = new AssetLimits(16L << 20, 16L << 20);

  @Test
  void inspect_pixelBomb16BitRgba_isRefusedFromItsHeaderAsTooLarge() {
    byte[] bomb = png(8192, 8192, 16, 6);

    Pictures.RefusedPicture refused =
        catchThrowableOfType(Pictures.RefusedPicture.class, () -> Pictures.decode(bomb, DEFAULTS));

    assertThat(bomb.length).isLessThan(1024);
    assertThat(refused.tooLarge()).isTrue();
    assertThat(refused)
        .hasMessage(
            "the picture is 8192x8192 = 67108864 pixels; at most 16777216 are allowed "
                + "(ASSET_MAX_PIXELS)");
  }

  @Test
  void header_sixteenBitAndPalettePngs_countTheirDecodeMemory() {
    assertThat(PictureHeader.read(png(4096, 4096, 16, 6)))
        .contains(new PictureHeader("image/png", 4096, 4096, 4096L * 4096 * 8));
    assertThat(PictureHeader.read(png(100, 50, 8, 3)))
        .contains(new PictureHeader("image/png", 100, 50, 100 * 50 * 4));
    assertThat(PictureHeader.read(png(100, 50, 16, 3)))
        .as("palettes have no 16-bit form")
        .isEmpty();
    assertThat(PictureHeader.read(png(0, 50, 8, 6))).isEmpty();
  }

  @Test
  void header_jpeg_isReadFromItsFrameHeaderPastOtherSegments() throws IOException {
    byte[] jpeg = encode(picture(320, 200, false), "jpeg");

    assertThat(PictureHeader.read(jpeg))
        .contains(new PictureHeader("image/jpeg", 320, 200, 320L * 200 * 3 * 3));
  }

  @Test
  void inspect_jpegWithoutFrameHeader_isRefused() {
    byte[] scanFirst = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2, 0, 0};

    assertThat(
            catchThrowableOfType(
                Pictures.RefusedPicture.class, () -> Pictures.inspect(scanFirst, DEFAULTS)))
        .hasMessageStartingWith("the picture's header cannot be read");
  }

  @Test
  void decode_truncatedPngWithAGoodHeader_isRefusedNotThrown() throws IOException {
    byte[] whole = encode(picture(64, 64, true), "png");
    byte[] truncated = java.util.Arrays.copyOf(whole, 60);

    Pictures.RefusedPicture refused =
        catchThrowableOfType(
            Pictures.RefusedPicture.class, () -> Pictures.decode(truncated, DEFAULTS));

    assertThat(refused.tooLarge()).isFalse();
    assertThat(refused).hasMessageStartingWith("the picture does not decode");
  }

  @Test
  void decodePremultiplied_translucentPicture_isTheSameAsDrawingTheDecodedOne() throws Exception {
    BufferedImage source = picture(33, 17, true);
    byte[] bytes = encode(source, "png");
    BufferedImage expected = new BufferedImage(33, 17, BufferedImage.TYPE_INT_ARGB_PRE);
    var g = expected.createGraphics();
    g.drawImage(ImageIO.read(new java.io.ByteArrayInputStream(bytes)), 0, 0, null);
    g.dispose();

    BufferedImage got = Pictures.decodePremultiplied(bytes, DEFAULTS);

    assertThat(got.getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB_PRE);
    assertThat(got.getRaster().getDataElements(0, 0, 33, 17, null))
        .isEqualTo(expected.getRaster().getDataElements(0, 0, 33, 17, null));
  }

  @Test
  void decodeBudget_isAQuarterOfTheHeapAtMost512MiB() {
    assertThat(Pictures.DECODE_BUDGET_BYTES)
        .isEqualTo(Math.min(Runtime.getRuntime().maxMemory() / 4, 512L << 20));
  }

  private static BufferedImage picture(int w, int h, boolean alpha) {
    BufferedImage img =
        new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(
            x,
            y,
            new Color(x * 7 % 256, y * 13 % 256, (x + y) % 256, alpha ? (x * y) % 256 : 255)
                .getRGB());
      }
    }
    return img;
  }

  private static byte[] encode(BufferedImage img, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, format, out);
    return out.toByteArray();
  }

  /**
   * A PNG that declares the size and depth given and holds one compressed row of zeros (a few
   * hundred bytes).
   */
  static byte[] png(int width, int height, int depth, int colourType) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    chunk(
        out,
        "IHDR",
        ByteBuffer.allocate(13)
            .putInt(width)
            .putInt(height)
            .put((byte) depth)
            .put((byte) colourType)
            .put((byte) 0)
            .put((byte) 0)
            .put((byte) 0)
            .array());
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[256]);
    deflater.finish();
    byte[] idat = new byte[512];
    int n = deflater.deflate(idat);
    chunk(out, "IDAT", java.util.Arrays.copyOf(idat, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
