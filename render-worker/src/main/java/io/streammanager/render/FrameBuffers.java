package io.streammanager.render;

import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * A pool of frame buffers (canvas, static base, YUV) by frame size, so that a new {@link
 * FrameRenderer} (a new stream run, a run that lost its renderer to others) takes buffers that are
 * already allocated and paged in rather than 20 MB of fresh memory at 1080p. Bounded: at most
 * {@link #MAX_IDLE} idle sets are kept. Thread-safe.
 */
final class FrameBuffers {
  /** Idle sets kept; more are left to the garbage collector. */
  static final int MAX_IDLE = 4;

  static final FrameBuffers SHARED = new FrameBuffers();

  /** One frame's buffers; their contents are stale and must be overwritten before use. */
  record Set(BufferedImage canvas, BufferedImage base, byte[] yuv) {
    int width() {
      return canvas.getWidth();
    }

    int height() {
      return canvas.getHeight();
    }
  }

  private final Deque<Set> idle = new ArrayDeque<>();

  /** An idle set of this size, or a new one. */
  synchronized Set take(int width, int height) {
    for (Iterator<Set> it = idle.iterator(); it.hasNext(); ) {
      Set s = it.next();
      if (s.width() == width && s.height() == height) {
        it.remove();
        return s;
      }
    }
    return new Set(
        new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB),
        new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB),
        new byte[YuvConverter.frameSize(width, height)]);
  }

  /** Gives a set back; the caller must not touch it afterwards. */
  synchronized void give(Set set) {
    idle.addFirst(set);
    while (idle.size() > MAX_IDLE) {
      idle.removeLast();
    }
  }

  synchronized int idle() {
    return idle.size();
  }
}
