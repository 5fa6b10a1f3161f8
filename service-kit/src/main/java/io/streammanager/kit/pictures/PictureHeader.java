package io.streammanager.kit.pictures;

import java.util.Optional;

/**
 * What a PNG or JPEG says about itself before any pixel is decoded: its size, and how many bytes
 * decoding it takes at most. Read from the bytes by hand (PNG's IHDR, JPEG's SOF marker), never
 * through an image decoder, so a decompression bomb costs nothing to refuse.
 *
 * @param type "image/png" or "image/jpeg"
 * @param decodeBytes an upper bound of the memory a decoder needs for the pixels (16-bit and
 *     progressive included)
 */
public record PictureHeader(String type, int width, int height, long decodeBytes) {

  /** The pixels, width x height. */
  public long pixels() {
    return (long) width * height;
  }

  /**
   * The header, or empty when the bytes are neither a well-formed PNG nor a well-formed JPEG start.
   */
  public static Optional<PictureHeader> read(byte[] b) {
    if (png(b)) {
      return readPng(b);
    }
    if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
      return readJpeg(b);
    }
    return Optional.empty();
  }

  static boolean png(byte[] b) {
    return b.length >= 8
        && (b[0] & 0xFF) == 0x89
        && b[1] == 'P'
        && b[2] == 'N'
        && b[3] == 'G'
        && b[4] == 0x0D
        && b[5] == 0x0A
        && b[6] == 0x1A
        && b[7] == 0x0A;
  }

  private static Optional<PictureHeader> readPng(byte[] b) {
    // Signature, then the IHDR chunk first: length 13, "IHDR", width, height, depth, colour type,
    // ...
    if (b.length < 8 + 8 + 13
        || int32(b, 8) != 13
        || b[12] != 'I'
        || b[13] != 'H'
        || b[14] != 'D'
        || b[15] != 'R') {
      return Optional.empty();
    }
    long width = int32(b, 16) & 0xFFFFFFFFL;
    long height = int32(b, 20) & 0xFFFFFFFFL;
    int depth = b[24] & 0xFF;
    int colourType = b[25] & 0xFF;
    int channels =
        switch (colourType) {
          case 0 -> 1; // grey
          case 2 -> 3; // RGB
          case 3 -> 1; // palette
          case 4 -> 2; // grey + alpha
          case 6 -> 4; // RGBA
          default -> -1;
        };
    boolean depthValid =
        switch (colourType) {
          case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
          case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
          default -> depth == 8 || depth == 16;
        };
    if (channels < 0
        || !depthValid
        || width == 0
        || height == 0
        || width > Integer.MAX_VALUE
        || height > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    // A decoder may expand any PNG to 4 channels (transparency, palettes): count 4 of the sample
    // size per pixel.
    long perPixel = 4L * (depth == 16 ? 2 : 1);
    return Optional.of(
        new PictureHeader("image/png", (int) width, (int) height, width * height * perPixel));
  }

  private static Optional<PictureHeader> readJpeg(byte[] b) {
    int i = 2;
    while (i + 4 <= b.length) {
      if ((b[i] & 0xFF) != 0xFF) {
        return Optional.empty();
      }
      int marker = b[i + 1] & 0xFF;
      if (marker == 0xFF) { // fill byte
        i++;
        continue;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
        i += 2;
        continue;
      }
      if (marker == 0xD9
          || marker == 0xDA) { // end of image or start of scan before any frame header
        return Optional.empty();
      }
      int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
      if (length < 2) {
        return Optional.empty();
      }
      boolean frame =
          marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (frame) {
        if (length < 8 || i + 4 + 6 > b.length) {
          return Optional.empty();
        }
        int height = ((b[i + 5] & 0xFF) << 8) | (b[i + 6] & 0xFF);
        int width = ((b[i + 7] & 0xFF) << 8) | (b[i + 8] & 0xFF);
        int components = b[i + 9] & 0xFF;
        if (width == 0 || height == 0 || components < 1 || components > 4) {
          return Optional.empty();
        }
        // Output samples plus a progressive decoder's whole-image coefficients (2 bytes a sample).
        long decode = (long) width * height * components * 3;
        return Optional.of(new PictureHeader("image/jpeg", width, height, decode));
      }
      i += 2 + length;
    }
    return Optional.empty();
  }

  private static int int32(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24)
        | ((b[at + 1] & 0xFF) << 16)
        | ((b[at + 2] & 0xFF) << 8)
        | (b[at + 3] & 0xFF);
  }
}
