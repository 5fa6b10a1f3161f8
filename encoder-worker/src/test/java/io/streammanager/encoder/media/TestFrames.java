package io.streammanager.encoder.media;

/**
 * Synthetic I420 frames in BT.709 limited range, computed here so the test does not trust any
 * converter.
 */
final class TestFrames {
  static final int[] RED = {255, 0, 0};
  static final int[] BLUE = {0, 0, 255};

  private TestFrames() {}

  /** Left half (x < width/2) in {@code left}, the rest in {@code right}; tightly packed I420. */
  static byte[] split(int width, int height, int[] left, int[] right) {
    int chromaWidth = (width + 1) / 2;
    int chromaHeight = (height + 1) / 2;
    byte[] frame = new byte[width * height + 2 * chromaWidth * chromaHeight];
    int[] leftYuv = bt709LimitedRange(left);
    int[] rightYuv = bt709LimitedRange(right);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        frame[y * width + x] = (byte) (x < width / 2 ? leftYuv : rightYuv)[0];
      }
    }
    int uOffset = width * height;
    int vOffset = uOffset + chromaWidth * chromaHeight;
    for (int y = 0; y < chromaHeight; y++) {
      for (int x = 0; x < chromaWidth; x++) {
        int[] yuv = 2 * x < width / 2 ? leftYuv : rightYuv;
        frame[uOffset + y * chromaWidth + x] = (byte) yuv[1];
        frame[vOffset + y * chromaWidth + x] = (byte) yuv[2];
      }
    }
    return frame;
  }

  /**
   * {Y, Cb, Cr} of 8-bit RGB: Y = 16 + 219 Y', Cb = 128 + 224 (B'-Y') / 1.8556, Cr = 128 + 224
   * (R'-Y') / 1.5748.
   */
  static int[] bt709LimitedRange(int[] rgb) {
    double r = rgb[0] / 255.0;
    double g = rgb[1] / 255.0;
    double b = rgb[2] / 255.0;
    double luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    return new int[] {
      (int) Math.round(16 + 219 * luma),
      (int) Math.round(128 + 224 * (b - luma) / 1.8556),
      (int) Math.round(128 + 224 * (r - luma) / 1.5748)
    };
  }
}
