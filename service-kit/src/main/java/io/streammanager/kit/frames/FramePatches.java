package io.streammanager.kit.frames;

import io.streammanager.kit.kafka.RecordRejectedException;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.Region;
import java.util.List;

/**
 * Frames sent as patches of a base frame (what changed since the run's last whole-second frame), in
 * one place for the render worker that cuts them, the encoder that applies them and anyone reading
 * the frames topic. A patch is, region after region, the region's Y rows, then its U rows, then its
 * V rows of a YUV420P frame; regions are in luma pixels, with even x, y, width and height, so they
 * cover whole chroma samples and the patched frame is byte for byte the frame drawn whole.
 */
public final class FramePatches {
  /**
   * A whole frame is sent every this many seconds of a run; the frames between are patches of it.
   */
  public static final int BASE_EVERY_SECONDS = 1;

  private FramePatches() {}

  /** The base frame of {@code frame}: the run's last whole-second frame at or before it. */
  public static long baseOf(long frame, int fps) {
    return frame - Math.floorMod(frame, (long) fps * BASE_EVERY_SECONDS);
  }

  /** Bytes of a patch of these regions. */
  public static int size(List<Region> regions) {
    long n = 0;
    for (Region r : regions) {
      n += (long) r.getWidth() * r.getHeight() * 3 / 2;
    }
    return Math.toIntExact(n);
  }

  /** The patch bytes of {@code regions} of a whole {@code width} x {@code height} YUV420P frame. */
  public static byte[] extract(byte[] yuv, int width, int height, List<Region> regions) {
    byte[] out = new byte[size(regions)];
    eachRow(
        regions,
        width,
        height,
        (frameAt, patchAt, length) -> System.arraycopy(yuv, frameAt, out, patchAt, length));
    return out;
  }

  /**
   * Writes a patch into {@code target}, a whole frame (the base frame's picture, or one patched
   * from it).
   */
  public static void apply(
      byte[] patch, List<Region> regions, int width, int height, byte[] target) {
    eachRow(
        regions,
        width,
        height,
        (frameAt, patchAt, length) -> System.arraycopy(patch, patchAt, target, frameAt, length));
  }

  /**
   * Copies the regions of {@code from} into {@code to} (both whole frames): undoes a patch applied
   * to a copy.
   */
  public static void copyRegions(
      byte[] from, byte[] to, List<Region> regions, int width, int height) {
    eachRow(
        regions,
        width,
        height,
        (frameAt, patchAt, length) -> System.arraycopy(from, frameAt, to, frameAt, length));
  }

  /**
   * One row of one plane of a region: where it is in the whole frame and in the patch, and how
   * long.
   */
  @FunctionalInterface
  private interface Row {
    void at(int frameOffset, int patchOffset, int length);
  }

  /**
   * Every row of every region in patch order: a region's Y rows, then its U rows, then its V rows.
   */
  private static void eachRow(List<Region> regions, int width, int height, Row row) {
    int at = 0;
    int cw = width / 2;
    int uPlane = width * height;
    int vPlane = uPlane + cw * (height / 2);
    for (Region r : regions) {
      int x = (int) r.getX();
      int y = (int) r.getY();
      int w = (int) r.getWidth();
      int h = (int) r.getHeight();
      for (int line = y; line < y + h; line++) {
        row.at(line * width + x, at, w);
        at += w;
      }
      for (int plane : new int[] {uPlane, vPlane}) {
        for (int line = y / 2; line < (y + h) / 2; line++) {
          row.at(plane + line * cw + x / 2, at, w / 2);
          at += w / 2;
        }
      }
    }
  }

  /** Refuses a patch chunk whose base or regions cannot be a patch of a frame of its size. */
  static void check(FrameChunk c) {
    if (c.getBaseFrame() < 0 || c.getBaseFrame() >= c.getFrame()) {
      throw new RecordRejectedException(
          "frame "
              + c.getFrame()
              + " is a patch of frame "
              + c.getBaseFrame()
              + ", which is not before it");
    }
    if (c.getWidth() == 0
        || c.getHeight() == 0
        || c.getWidth() % 2 != 0
        || c.getHeight() % 2 != 0) {
      throw new RecordRejectedException(
          "a patched frame has even sides, frame "
              + c.getFrame()
              + " is "
              + c.getWidth()
              + "x"
              + c.getHeight());
    }
    for (Region r : c.getRegionsList()) {
      if (r.getX() % 2 != 0
          || r.getY() % 2 != 0
          || r.getWidth() % 2 != 0
          || r.getHeight() % 2 != 0
          || r.getWidth() == 0
          || r.getHeight() == 0
          || (long) r.getX() + r.getWidth() > c.getWidth()
          || (long) r.getY() + r.getHeight() > c.getHeight()) {
        throw new RecordRejectedException(
            "frame "
                + c.getFrame()
                + ": region "
                + r.getX()
                + ","
                + r.getY()
                + " "
                + r.getWidth()
                + "x"
                + r.getHeight()
                + " is not an even rectangle inside "
                + c.getWidth()
                + "x"
                + c.getHeight());
      }
    }
    long expected = 0;
    for (Region r : c.getRegionsList()) {
      expected += (long) r.getWidth() * r.getHeight() * 3 / 2;
    }
    if (c.getRawSize() != expected) {
      throw new RecordRejectedException(
          "frame "
              + c.getFrame()
              + ": its regions need "
              + expected
              + " bytes, chunk says "
              + c.getRawSize());
    }
  }
}
