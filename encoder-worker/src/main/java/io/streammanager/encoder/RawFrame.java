package io.streammanager.encoder;

/** A whole decompressed YUV420P frame of one run. */
public record RawFrame(String streamId, String runId, long frame, long stateVersion, int width, int height,
    byte[] yuv) {}
