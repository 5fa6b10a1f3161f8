package io.streammanager.encoder;

import io.streammanager.proto.Region;
import java.util.List;

/**
 * A decompressed frame of one run, with where its newest change came from: the whole YUV420P frame,
 * or ({@link #patch()}) a patch of frame {@code baseFrame} of the same run: the pixels of {@code
 * regions} only ({@link io.streammanager.kit.frames.FramePatches}); {@link PatchedPictures} turns
 * it into the whole frame.
 *
 * @param baseFrame the frame this one patches, or -1 for a whole frame
 */
public record RawFrame(
    String streamId,
    String runId,
    long frame,
    long stateVersion,
    int width,
    int height,
    byte[] yuv,
    FrameTrace trace,
    long baseFrame,
    List<Region> regions) {
  public RawFrame(
      String streamId,
      String runId,
      long frame,
      long stateVersion,
      int width,
      int height,
      byte[] yuv) {
    this(streamId, runId, frame, stateVersion, width, height, yuv, FrameTrace.NONE);
  }

  public RawFrame(
      String streamId,
      String runId,
      long frame,
      long stateVersion,
      int width,
      int height,
      byte[] yuv,
      FrameTrace trace) {
    this(streamId, runId, frame, stateVersion, width, height, yuv, trace, -1, List.of());
  }

  public boolean patch() {
    return baseFrame >= 0;
  }
}
