package io.streammanager.render;

import java.util.concurrent.atomic.LongAdder;

/**
 * How {@link FrameRenderer} made its frames: drawn whole (from the static base, or a new base),
 * drawn in part (only the dirty areas above the base), or skipped (the same layers as the previous
 * frame: its bytes returned as they are). Read by the metrics scrape while the rendering thread
 * counts.
 */
public final class FrameStats {
  final LongAdder whole = new LongAdder();
  final LongAdder partial = new LongAdder();
  final LongAdder skipped = new LongAdder();

  public long whole() {
    return whole.sum();
  }

  public long partial() {
    return partial.sum();
  }

  public long skipped() {
    return skipped.sum();
  }

  /**
   * Share of frames that reused earlier work (drawn in part or skipped); 0 before the first frame.
   */
  public double reuseRatio() {
    long w = whole();
    long reused = partial() + skipped();
    return w + reused == 0 ? 0 : (double) reused / (w + reused);
  }
}
