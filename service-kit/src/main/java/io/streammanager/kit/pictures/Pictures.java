package io.streammanager.kit.pictures;

import io.streammanager.kit.config.PlatformConfig.AssetLimits;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The one way pictures from clients are read: the type is sniffed from the bytes (PNG or JPEG
 * only), the size is read from the header by hand ({@link PictureHeader}) and held to {@link
 * AssetLimits} before anything is decoded, and the memory of every decode in this process together
 * is bounded ({@link #DECODE_BUDGET_BYTES}: a quarter of the heap, at most 512 MiB), so neither a
 * lying header, a 16-bit picture nor a decompression bomb can exhaust memory.
 */
public final class Pictures {
  /** Bytes every picture being decoded in this process may use together. */
  public static final long DECODE_BUDGET_BYTES =
      Math.min(Runtime.getRuntime().maxMemory() / 4, 512L << 20);

  private static final Semaphore BUDGET_KIB =
      new Semaphore((int) (DECODE_BUDGET_BYTES >> 10), true);

  /** How long a decode waits for others to free the budget before it is refused (retriable). */
  private static final long BUDGET_WAIT_SECONDS = 30;

  private Pictures() {}

  /** Why a picture is refused. */
  public static final class RefusedPicture extends Exception {
    private final boolean tooLarge;
    private final boolean busy;

    RefusedPicture(String message, boolean tooLarge) {
      this(message, tooLarge, false);
    }

    private RefusedPicture(String message, boolean tooLarge, boolean busy) {
      super(message);
      this.tooLarge = tooLarge;
      this.busy = busy;
    }

    /** True when the refusal is about size (413), false when about content (415/422). */
    public boolean tooLarge() {
      return tooLarge;
    }

    /**
     * True when the picture is fine but the decode budget stayed taken: trying again later may work
     * (503).
     */
    public boolean busy() {
      return busy;
    }
  }

  /** "image/png" or "image/jpeg" from the first bytes. */
  public static Optional<String> sniff(byte[] b) {
    if (PictureHeader.png(b)) {
      return Optional.of("image/png");
    }
    if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
      return Optional.of("image/jpeg");
    }
    return Optional.empty();
  }

  /**
   * Type and size from the header, held to the limits; nothing is decoded (what layer-service needs
   * to know of a picture in a command).
   */
  public static PictureHeader inspect(byte[] bytes, AssetLimits limits) throws RefusedPicture {
    if (bytes.length > limits.maxBytes()) {
      throw new RefusedPicture(
          "the picture is "
              + bytes.length
              + " bytes; at most "
              + limits.maxBytes()
              + " are allowed (ASSET_MAX_BYTES)",
          true);
    }
    if (sniff(bytes).isEmpty()) {
      throw new RefusedPicture("the bytes are not a PNG or a JPEG picture", false);
    }
    PictureHeader header =
        PictureHeader.read(bytes)
            .orElseThrow(
                () ->
                    new RefusedPicture(
                        "the picture's header cannot be read (a PNG starts with its IHDR, a JPEG has a frame header before its scan)",
                        false));
    if (header.pixels() > limits.maxPixels()) {
      throw new RefusedPicture(
          "the picture is "
              + header.width()
              + "x"
              + header.height()
              + " = "
              + header.pixels()
              + " pixels; at most "
              + limits.maxPixels()
              + " are allowed (ASSET_MAX_PIXELS)",
          true);
    }
    return header;
  }

  /** Checks type and size from the header, then decodes within the process's decode budget. */
  public static BufferedImage decode(byte[] bytes, AssetLimits limits) throws RefusedPicture {
    PictureHeader header = inspect(bytes, limits);
    try (Permit ignored = Permit.take(header.decodeBytes())) {
      return read(bytes, header);
    }
  }

  /**
   * As {@link #decode}, then drawn once into premultiplied ARGB (what the renderer blends), the
   * decoded picture dropped at once: the budget covers both while they coexist, and only the
   * premultiplied copy is kept.
   */
  public static BufferedImage decodePremultiplied(byte[] bytes, AssetLimits limits)
      throws RefusedPicture {
    PictureHeader header = inspect(bytes, limits);
    try (Permit ignored = Permit.take(header.decodeBytes() + 4 * header.pixels())) {
      BufferedImage src = read(bytes, header);
      BufferedImage out =
          new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_ARGB_PRE);
      var g = out.createGraphics();
      try {
        g.drawImage(src, 0, 0, null);
      } finally {
        g.dispose();
      }
      return out;
    }
  }

  private static BufferedImage read(byte[] bytes, PictureHeader header) throws RefusedPicture {
    String format = header.type().equals("image/png") ? "png" : "jpeg";
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      var readers = ImageIO.getImageReadersByFormatName(format);
      if (!readers.hasNext()) {
        throw new RefusedPicture("no " + format + " reader", false);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        if (reader.getWidth(0) != header.width() || reader.getHeight(0) != header.height()) {
          throw new RefusedPicture(
              "the picture's header and its decoder disagree about its size", false);
        }
        BufferedImage image = reader.read(0);
        if (image == null) {
          throw new RefusedPicture("the picture does not decode", false);
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new RefusedPicture("the picture does not decode: " + e.getMessage(), false);
    }
  }

  /** A share of the decode budget, given back on close. */
  private record Permit(int kib) implements AutoCloseable {
    static Permit take(long bytes) throws RefusedPicture {
      long kib = (bytes >> 10) + 1;
      if (kib > (DECODE_BUDGET_BYTES >> 10)) {
        throw new RefusedPicture(
            "decoding the picture takes "
                + (bytes >> 20)
                + " MiB; this service decodes at most "
                + (DECODE_BUDGET_BYTES >> 20)
                + " MiB of pictures at once",
            true);
      }
      try {
        if (!BUDGET_KIB.tryAcquire((int) kib, BUDGET_WAIT_SECONDS, TimeUnit.SECONDS)) {
          throw new RefusedPicture("too many pictures are being decoded; try again", false, true);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RefusedPicture("interrupted while waiting to decode", false, true);
      }
      return new Permit((int) kib);
    }

    @Override
    public void close() {
      BUDGET_KIB.release(kib);
    }
  }
}
