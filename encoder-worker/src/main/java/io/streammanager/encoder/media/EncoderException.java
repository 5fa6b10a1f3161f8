package io.streammanager.encoder.media;

/**
 * An FFmpeg call failed. The message says what was being done and FFmpeg's reason, e.g. {@code
 * "cannot open output rtmp://127.0.0.1:1/***: Connection refused"}. The encoder that threw it
 * should be closed.
 */
public final class EncoderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int ffmpegError;

  EncoderException(String message, int ffmpegError) {
    super(message);
    this.ffmpegError = ffmpegError;
  }

  /** The negative {@code AVERROR} code, or 0 when the failure did not come with one. */
  public int ffmpegError() {
    return ffmpegError;
  }
}
