package io.streammanager.render;

import io.streammanager.proto.StreamState;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.time.Instant;
import java.util.function.IntPredicate;

/** Renders reference scenes with a fresh renderer and reads pixels back (0xRRGGBB). */
final class RenderFixture {
  static final int W = ReferenceScenes.WIDTH;
  static final int H = ReferenceScenes.HEIGHT;

  private RenderFixture() {}

  static int[] render(StreamState state) {
    return render(state, 0, ReferenceScenes.PTS);
  }

  static int[] render(StreamState state, long frame, Instant pts) {
    BufferedImage canvas = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    new SceneRenderer(ReferenceScenes.assets()).render(state, frame, pts, canvas);
    int[] px = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < px.length; i++) {
      px[i] &= 0xFFFFFF;
    }
    return px;
  }

  static int at(int[] px, int x, int y) {
    return px[y * W + x];
  }

  static int red(int rgb) {
    return rgb >> 16 & 0xFF;
  }

  static int green(int rgb) {
    return rgb >> 8 & 0xFF;
  }

  static int blue(int rgb) {
    return rgb & 0xFF;
  }

  /** The bounding box of the pixels that pass {@code ink}; empty when none does. */
  static Rectangle bounds(int[] px, IntPredicate ink) {
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = -1;
    int maxY = -1;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        if (ink.test(px[y * W + x])) {
          minX = Math.min(minX, x);
          minY = Math.min(minY, y);
          maxX = Math.max(maxX, x);
          maxY = Math.max(maxY, y);
        }
      }
    }
    return maxX < 0 ? new Rectangle() : new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
  }

  /** The bounding box of the pixels that are not black. */
  static Rectangle ink(int[] px) {
    return bounds(px, rgb -> rgb != 0);
  }

  static int count(int[] px, IntPredicate ink) {
    int n = 0;
    for (int p : px) {
      if (ink.test(p)) {
        n++;
      }
    }
    return n;
  }

  /**
   * The first pixel that is not {@code inside} within {@code area} and {@code outside} elsewhere;
   * "" when none.
   */
  static String mismatch(int[] px, Rectangle area, int inside, int outside) {
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int want = area.contains(x, y) ? inside : outside;
        if (px[y * W + x] != want) {
          return String.format("(%d,%d) is %06X instead of %06X", x, y, px[y * W + x], want);
        }
      }
    }
    return "";
  }
}
