package io.streammanager.encoder.media;

import io.streammanager.encoder.media.FfmpegCalls.PacketSink;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes numbered I420 frames to H.264 (plus a 48 kHz AAC or Opus track kept exactly as long as the video) and muxes
 * them to the output named in {@link EncoderSettings}.
 *
 * <p>Frame {@code n} is shown at {@code n / fps} seconds. Indices must increase; a gap leaves a gap in the video
 * timestamps (the caller repeats frames if it wants none) while the audio track keeps running through it. After each
 * frame the audio is encoded up to the frame's end time, {@code (n + 1) * 48000 / fps} samples, computed from the
 * index so it never drifts.
 *
 * <p>Thread confinement: an encoder is used by one thread at a time, without internal locking; hand it over only
 * with a happens-before edge (e.g. through a queue). Separate encoders may run on separate threads.
 *
 * <p>Failures are {@link EncoderException}s naming what was being done and FFmpeg's reason. After one, the encoder
 * accepts no more frames; {@link #close()} then frees it without trying to flush into the failed output.
 */
public final class LiveEncoder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveEncoder.class);

  private enum State { OPEN, FAILED, CLOSED }

  private final EncoderSettings settings;
  private final Muxer muxer;
  private final VideoEncoder video;
  private final AudioEncoder audio;
  private final PacketSink videoSink;
  private final PacketSink audioSink;
  private State state = State.OPEN;
  private long lastFrameIndex = -1;
  private long framesWritten;

  private LiveEncoder(EncoderSettings settings, Muxer muxer, VideoEncoder video, AudioEncoder audio) {
    this.settings = settings;
    this.muxer = muxer;
    this.video = video;
    this.audio = audio;
    int videoStream = muxer.addStream(video.context());
    this.videoSink = packet -> muxer.write(videoStream, video.context().time_base(), packet);
    if (audio != null) {
      int audioStream = muxer.addStream(audio.context());
      this.audioSink = packet -> muxer.write(audioStream, audio.context().time_base(), packet);
    } else {
      this.audioSink = null;
    }
  }

  /**
   * Loads FFmpeg's native libraries and runs each codec once (a few tiny frames to a temporary file), so the first
   * real stream does not pay seconds of start-up while its frames queue.
   */
  public static void warmUp(AudioCodecKind audioCodec) {
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile("sm-encoder-warmup", ".flv");
      try (LiveEncoder e = open(new EncoderSettings(128, 72, 30, 200, null, null, 0, true, audioCodec, 64,
          file.toString()))) {
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
   * Opens the codecs and the output (connecting, for a network URL) and writes the container header. On failure
   * everything opened so far is freed before the exception leaves.
   *
   * @throws EncoderException naming the step and FFmpeg's reason, e.g. "cannot open output rtmp://host/app/***:
   *     Connection refused"
   */
  public static LiveEncoder open(EncoderSettings settings, AudioSource audioSource) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(audioSource, "audioSource");
    FfmpegCalls.initOnce();
    Muxer muxer = null;
    VideoEncoder video = null;
    AudioEncoder audio = null;
    try {
      muxer = Muxer.allocate(settings.output());
      video = VideoEncoder.open(settings, muxer.needsGlobalHeader());
      if (settings.audioEnabled()) {
        audio = AudioEncoder.open(settings.audioCodec(), settings.audioBitrateKbps(), muxer.needsGlobalHeader(),
            audioSource);
      }
      LiveEncoder encoder = new LiveEncoder(settings, muxer, video, audio);
      muxer.start();
      LOG.info("Encoding {}", settings);
      return encoder;
    } catch (RuntimeException e) {
      release(audio, video, muxer);
      throw e;
    }
  }

  /**
   * Encodes and writes one frame.
   *
   * @param frameIndex the frame's number, {@code pts} in the 1/fps time base; greater than the previous one
   * @param yuv420p I420, tightly packed: Y {@code w*h}, then U and V {@code ((w+1)/2)*((h+1)/2)} bytes each
   * @throws IllegalArgumentException for a wrong buffer length or an index that does not increase
   * @throws IllegalStateException after a failure or {@link #close()}
   * @throws EncoderException when FFmpeg fails; the encoder is then unusable
   */
  public void writeVideoFrame(long frameIndex, byte[] yuv420p) {
    if (state != State.OPEN) {
      throw new IllegalStateException("the encoder for " + settings.output()
          + (state == State.CLOSED ? " is closed" : " failed earlier and takes no more frames"));
    }
    Objects.requireNonNull(yuv420p, "yuv420p");
    if (yuv420p.length != settings.frameBytes()) {
      throw new IllegalArgumentException("an I420 frame of " + settings.width() + "x" + settings.height() + " has "
          + settings.frameBytes() + " bytes, got " + yuv420p.length);
    }
    if (frameIndex <= lastFrameIndex) {
      throw new IllegalArgumentException(
          "frame index must increase and be non-negative: got " + frameIndex + " after " + lastFrameIndex);
    }
    try {
      if (audio != null && framesWritten == 0) {
        audio.startAt(audioSamplesBefore(frameIndex));
      }
      video.encode(frameIndex, yuv420p, videoSink);
      if (audio != null) {
        audio.encodeUntil(audioSamplesBefore(frameIndex + 1), audioSink);
      }
    } catch (RuntimeException e) {
      state = State.FAILED;
      throw e;
    }
    lastFrameIndex = frameIndex;
    framesWritten++;
  }

  /** Frames accepted so far. */
  public long framesWritten() {
    return framesWritten;
  }

  /** Bytes handed to the output so far, container included; after {@link #close()}, the final size. */
  public long bytesWritten() {
    return muxer.bytesWritten();
  }

  /**
   * Flushes both encoders, writes the trailer and closes the output, then frees every native struct. Idempotent. If
   * flushing fails the structs are still freed and the failure is thrown; after an earlier failure nothing is flushed.
   */
  @Override
  public void close() {
    if (state == State.CLOSED) {
      return;
    }
    boolean flush = state == State.OPEN;
    state = State.CLOSED;
    try {
      if (flush) {
        video.flush(videoSink);
        if (audio != null) {
          audio.flush(audioSink);
        }
        muxer.finish();
        LOG.info("Closed {} after {} frames, {} bytes", settings.output(), framesWritten, muxer.bytesWritten());
      }
    } finally {
      release(audio, video, muxer);
    }
  }

  /** The one place native state is freed, for an open encoder and for a half-opened one. */
  private static void release(AudioEncoder audio, VideoEncoder video, Muxer muxer) {
    if (audio != null) {
      audio.close();
    }
    if (video != null) {
      video.close();
    }
    if (muxer != null) {
      muxer.close();
    }
  }

  private long audioSamplesBefore(long frameIndex) {
    return Math.multiplyExact(frameIndex, (long) AudioSource.SAMPLE_RATE) / settings.fps();
  }
}
