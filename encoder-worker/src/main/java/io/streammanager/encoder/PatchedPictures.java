package io.streammanager.encoder;

import io.streammanager.kit.frames.FramePatches;
import io.streammanager.proto.Region;
import java.util.List;

/**
 * The whole pictures of one run, from frames that arrive whole or as patches of their base frame
 * (the run's last whole-second frame, {@link FramePatches}). Keeps the newest whole frame as the
 * base and one picture that is the base with the last patch applied: the next patch first puts back
 * what the last one changed, then writes its own regions, so a frame costs the bytes of two
 * patches, never a copy of the whole picture. A patch whose base is not the base kept here (that
 * whole frame was lost or given up) cannot be drawn: the caller repeats the last picture. Encoding
 * thread only.
 */
final class PatchedPictures {
  private long baseFrame = -1;
  private byte[] base;
  private byte[] picture;
  private List<Region> applied = List.of();

  /**
   * The whole picture of {@code f}, or null when it is a patch of a base frame this run does not
   * have.
   */
  byte[] of(RawFrame f) {
    if (!f.patch()) {
      base = f.yuv();
      baseFrame = f.frame();
      if (picture == null || picture.length != base.length) {
        picture = new byte[base.length];
      }
      System.arraycopy(base, 0, picture, 0, base.length);
      applied = List.of();
      return base;
    }
    if (f.baseFrame() != baseFrame || base == null || base.length != expected(f)) {
      return null;
    }
    FramePatches.copyRegions(base, picture, applied, f.width(), f.height());
    FramePatches.apply(f.yuv(), f.regions(), f.width(), f.height(), picture);
    applied = f.regions();
    return picture;
  }

  private static int expected(RawFrame f) {
    return f.width() * f.height() * 3 / 2;
  }
}
