package io.streammanager.kit.pictures;

import io.streammanager.kit.config.PlatformConfig.AssetLimits;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The one way pictures from clients are read: the type is sniffed from the bytes (PNG or JPEG only), the size is read
 * from the header and held to {@link AssetLimits} before anything is decoded, and at most two pictures decode at once,
 * so neither a lying header nor a decompression bomb can exhaust memory.
 */
public final class Pictures {
  private static final Semaphore DECODING = new Semaphore(2);

  private Pictures() {}

  /** Why a picture is refused. */
  public static final class RefusedPicture extends Exception {
    private final boolean tooLarge;

    RefusedPicture(String message, boolean tooLarge) {
      super(message);
      this.tooLarge = tooLarge;
    }

    /** True when the refusal is about size (413), false when about content (415/422). */
    public boolean tooLarge() {
      return tooLarge;
    }
  }

  /** "image/png" or "image/jpeg" from the first bytes. */
  public static Optional<String> sniff(byte[] b) {
    if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D
        && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
      return Optional.of("image/png");
    }
    if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
      return Optional.of("image/jpeg");
    }
    return Optional.empty();
  }

  /** Width and height from the header, without decoding the pixels. */
  public static int[] dimensions(byte[] bytes) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      var readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException("no reader for this picture");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return new int[] {reader.getWidth(0), reader.getHeight(0)};
      } finally {
        reader.dispose();
      }
    }
  }

  /** Checks type and size, then decodes; the picture is a PNG or JPEG within the limits. */
  public static BufferedImage decode(byte[] bytes, AssetLimits limits) throws RefusedPicture {
    if (bytes.length > limits.maxBytes()) {
      throw new RefusedPicture("the picture is " + bytes.length + " bytes; at most " + limits.maxBytes()
          + " are allowed (ASSET_MAX_BYTES)", true);
    }
    if (sniff(bytes).isEmpty()) {
      throw new RefusedPicture("the bytes are not a PNG or a JPEG picture", false);
    }
    int[] size;
    try {
      size = dimensions(bytes);
    } catch (IOException | RuntimeException e) {
      throw new RefusedPicture("the picture cannot be read: " + e.getMessage(), false);
    }
    if ((long) size[0] * size[1] > limits.maxPixels()) {
      throw new RefusedPicture("the picture is " + size[0] + "x" + size[1] + " = " + (long) size[0] * size[1]
          + " pixels; at most " + limits.maxPixels() + " are allowed (ASSET_MAX_PIXELS)", true);
    }
    DECODING.acquireUninterruptibly();
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        throw new RefusedPicture("the picture does not decode", false);
      }
      return image;
    } catch (IOException | RuntimeException e) {
      throw new RefusedPicture("the picture does not decode: " + e.getMessage(), false);
    } finally {
      DECODING.release();
    }
  }
}
