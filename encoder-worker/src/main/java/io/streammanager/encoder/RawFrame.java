package io.streammanager.encoder;

/** A whole decompressed YUV420P frame of one run, with where its newest change came from. */
public record RawFrame(String streamId, String runId, long frame, long stateVersion, int width, int height,
    byte[] yuv, FrameTrace trace) {
  public RawFrame(String streamId, String runId, long frame, long stateVersion, int width, int height, byte[] yuv) {
    this(streamId, runId, frame, stateVersion, width, height, yuv, FrameTrace.NONE);
  }
}
