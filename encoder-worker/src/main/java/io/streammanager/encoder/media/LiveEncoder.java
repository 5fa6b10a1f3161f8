package io.streammanager.encoder.media;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes numbered I420 frames to H.264 (plus a 48 kHz AAC or Opus track kept exactly as long as
 * the video) and muxes them, on the calling thread, to the one output named in {@link
 * EncoderSettings}. {@link Broadcast} is the many-outputs sibling, each output on its own thread;
 * this one serves the warm-up, tools and tests.
 *
 * <p>Frame {@code n} is shown at {@code n / fps} seconds; see {@link PacketEncoder} for the
 * timestamp rules.
 *
 * <p>Thread confinement: an encoder is used by one thread at a time, without internal locking; hand
 * it over only with a happens-before edge (e.g. through a queue). Separate encoders may run on
 * separate threads.
 *
 * <p>Failures are {@link EncoderException}s naming what was being done and FFmpeg's reason. After
 * one, the encoder accepts no more frames; {@link #close()} then frees it without trying to flush
 * into the failed output.
 */
public final class LiveEncoder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveEncoder.class);

  private final EncoderSettings settings;
  private final PacketEncoder encoder;
  private final Muxer muxer;
  private boolean failed;
  private boolean closed;

  private LiveEncoder(EncoderSettings settings, PacketEncoder encoder, Muxer muxer) {
    this.settings = settings;
    this.encoder = encoder;
    this.muxer = muxer;
  }

  /**
   * Loads FFmpeg's native libraries and runs each codec once (a few tiny frames to a temporary
   * file), so the first real stream does not pay seconds of start-up while its frames queue.
   */
  public static void warmUp(AudioCodecKind audioCodec) {
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile("sm-encoder-warmup", ".flv");
      try (LiveEncoder e =
          open(
              new EncoderSettings(
                  128, 72, 30, 200, null, null, 0, true, audioCodec, 64, file.toString()))) {
        byte[] grey = new byte[128 * 72 * 3 / 2];
        java.util.Arrays.fill(grey, (byte) 128);
        for (int i = 0; i < 3; i++) {
          e.writeVideoFrame(i, grey);
        }
      } finally {
        java.nio.file.Files.deleteIfExists(file);
      }
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException("cannot create the warm-up file", ex);
    }
  }

  /** Opens the encoder with a silent audio track (if audio is enabled). */
  public static LiveEncoder open(EncoderSettings settings) {
    return open(settings, SilenceSource.INSTANCE);
  }

  /**
   * Opens the codecs and the output (connecting, for a network URL, within {@link
   * OutputPolicy#DEFAULT_IO_TIMEOUT}) and writes the container header. On failure everything opened
   * so far is freed before the exception leaves.
   *
   * @throws EncoderException naming the step and FFmpeg's reason, e.g. "cannot open output
   *     rtmp://host/app/***: Connection refused"
   */
  public static LiveEncoder open(EncoderSettings settings, AudioSource audioSource) {
    Objects.requireNonNull(settings, "settings");
    if (settings.outputUrl() == null) {
      throw new IllegalArgumentException("a LiveEncoder needs settings with an outputUrl");
    }
    OutputTarget target = settings.output();
    PacketEncoder encoder = PacketEncoder.open(settings, audioSource, target.redacted());
    Muxer muxer = null;
    try {
      muxer =
          Muxer.allocate(
              target,
              encoder.tracks(),
              target.network() ? OutputPolicy.DEFAULT_IO_TIMEOUT.toNanos() : Long.MAX_VALUE);
      muxer.start();
      LOG.info("Encoding {}", settings);
      return new LiveEncoder(settings, encoder, muxer);
    } catch (RuntimeException e) {
      if (muxer != null) {
        muxer.close();
      }
      encoder.close();
      throw e;
    }
  }

  /**
   * Encodes and writes one frame.
   *
   * @param frameIndex the frame's number, {@code pts} in the 1/fps time base; greater than the
   *     previous one
   * @param yuv420p I420, tightly packed: Y {@code w*h}, then U and V {@code ((w+1)/2)*((h+1)/2)}
   *     bytes each
   * @throws IllegalArgumentException for a wrong buffer length or an index that does not increase
   * @throws IllegalStateException after a failure or {@link #close()}
   * @throws EncoderException when FFmpeg fails; the encoder is then unusable
   */
  public void writeVideoFrame(long frameIndex, byte[] yuv420p) {
    try {
      encoder.encode(frameIndex, yuv420p, this::mux);
    } catch (EncoderException e) {
      failed = true;
      throw e;
    }
  }

  /** Frames accepted so far. */
  public long framesWritten() {
    return encoder.framesWritten();
  }

  /**
   * Bytes handed to the output so far, container included; after {@link #close()}, the final size.
   */
  public long bytesWritten() {
    return muxer.bytesWritten();
  }

  /**
   * Flushes both encoders, writes the trailer and closes the output, then frees every native
   * struct. Idempotent. If flushing fails the structs are still freed and the failure is thrown;
   * after an earlier failure nothing is flushed.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!failed) {
        encoder.flush(this::mux);
        muxer.finish();
        LOG.info(
            "Closed {} after {} frames, {} bytes",
            settings.output(),
            encoder.framesWritten(),
            muxer.bytesWritten());
      }
    } finally {
      muxer.close();
      encoder.close();
    }
  }

  private void mux(EncodedPacket p) {
    muxer.write(p.track(), p.pts(), p.dts(), p.duration(), p.keyframe(), p.data());
  }
}
