package io.streammanager.encoder.media;

/** Where keyframes go: on a grid of frame numbers, so of stream time, whatever was encoded. */
final class Keyframes {
  private Keyframes() {}

  /** The first frame number of the grid after {@code frame}: the next multiple of the interval. */
  static long after(long frame, int interval) {
    return Math.floorDiv(frame, interval) * interval + interval;
  }
}
