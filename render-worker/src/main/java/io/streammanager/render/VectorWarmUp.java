package io.streammanager.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Runs the Vector API loops on small pictures until the JIT's optimising compiler has them. Until
 * then the Vector API runs as plain Java objects, tens of times slower than the scalar code; on a
 * busy machine the first live frames would pay for it for seconds. A worker calls this once at
 * start, before it takes ticks.
 */
public final class VectorWarmUp {
  /**
   * Calls of the loops per batch; the warm-up ends when a batch runs 8 times faster than the first.
   */
  static final int BATCH = 500;

  /** Never more calls than this (a JVM that does not compile them would not get faster). */
  static final int MAX_CALLS = 40_000;

  private VectorWarmUp() {}

  /** Returns a value that depends on every result, so that nothing is optimised away. */
  public static long run() {
    if (!Simd.AVAILABLE) {
      return 0;
    }
    int w = 66;
    int h = 6;
    int[] rgb = new int[w * h];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = i * 0x010203;
    }
    byte[] yuv = new byte[YuvConverter.frameSize(w, h)];
    BufferedImage sprite = new BufferedImage(w, 2, BufferedImage.TYPE_INT_ARGB_PRE);
    int[] sp = ((DataBufferInt) sprite.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < sp.length; i++) {
      int a = i * 7 & 0xFF;
      sp[i] = a << 24 | (a / 2) << 16 | (a / 3) << 8 | a / 4;
    }
    Rectangle part = new Rectangle(3, 1, 50, 3);
    long sum = 0;
    long first = -1;
    for (int calls = 0; calls < MAX_CALLS; calls += BATCH) {
      long start = System.nanoTime();
      for (int i = 0; i < BATCH; i++) {
        VectorYuvConverter.convert(rgb, w, h, yuv, part);
        PictureBlit.sourceOver(sprite, 0, i % 4, rgb, w, w, h, (i & 1) == 0 ? 1.0 : 0.5);
        if (i % 10 == 0) {
          VectorYuvConverter.convert(rgb, w, h, yuv);
        }
        sum += yuv[i % yuv.length];
      }
      long took = System.nanoTime() - start;
      if (first < 0) {
        first = took;
      } else if (took * 8 < first && calls >= 10 * BATCH) {
        break;
      }
    }
    return sum;
  }
}
