package io.streammanager.encoder.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;

import java.util.Objects;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * The encode once of "encode once, mux many": numbered I420 frames in, H.264 packets (plus a 48 kHz
 * AAC or Opus track kept exactly as long as the video) out as {@link EncodedPacket}s, in decoding
 * order. Codec headers go into the {@link Tracks} (global header), which suits every container:
 * FLV, MP4 and Matroska carry them once, and the MPEG-TS muxer (SRT, {@code .ts}, HLS) repeats them
 * before every keyframe itself.
 *
 * <p>Frame {@code n} is shown at {@code n / fps} seconds. Indices must increase; a gap leaves a gap
 * in the video timestamps while the audio track keeps running through it. After each frame the
 * audio is encoded up to the frame's end time, {@code (n + 1) * 48000 / fps} samples, computed from
 * the index so it never drifts.
 *
 * <p>One thread at a time; failures leave it unusable (close it).
 */
final class PacketEncoder implements AutoCloseable {
  private enum State {
    OPEN,
    FAILED,
    CLOSED
  }

  private final EncoderSettings settings;
  private final String name;
  private final VideoEncoder video;
  private final AudioEncoder audio;
  private final Tracks tracks;
  private State state = State.OPEN;
  private long lastFrameIndex = -1;
  private long framesWritten;

  private PacketEncoder(
      EncoderSettings settings,
      String name,
      VideoEncoder video,
      AudioEncoder audio,
      Tracks tracks) {
    this.settings = settings;
    this.name = name;
    this.video = video;
    this.audio = audio;
    this.tracks = tracks;
  }

  /**
   * Opens libx264 and the audio encoder; on failure everything opened so far is freed before the
   * exception leaves.
   *
   * @param name what the encoder feeds, for messages (an output URL, redacted, or "3 outputs")
   */
  static PacketEncoder open(EncoderSettings settings, AudioSource audioSource, String name) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(audioSource, "audioSource");
    FfmpegCalls.initOnce();
    VideoEncoder video = null;
    AudioEncoder audio = null;
    try {
      video = VideoEncoder.open(settings, true);
      if (settings.audioEnabled()) {
        audio =
            AudioEncoder.open(
                settings.audioCodec(), settings.audioBitrateKbps(), true, audioSource);
      }
      Tracks tracks =
          Tracks.of(video.context(), settings.fps(), audio == null ? null : audio.context());
      return new PacketEncoder(settings, name, video, audio, tracks);
    } catch (RuntimeException e) {
      if (audio != null) {
        audio.close();
      }
      if (video != null) {
        video.close();
      }
      throw e;
    }
  }

  Tracks tracks() {
    return tracks;
  }

  EncoderSettings settings() {
    return settings;
  }

  /**
   * Encodes one frame and the audio up to its end, handing every packet to {@code out} on this
   * thread.
   *
   * @throws IllegalArgumentException for a wrong buffer length or an index that does not increase
   * @throws IllegalStateException after a failure or {@link #close()}
   * @throws EncoderException when FFmpeg fails; the encoder is then unusable
   */
  void encode(long frameIndex, byte[] yuv420p, Consumer<EncodedPacket> out) {
    if (state != State.OPEN) {
      throw new IllegalStateException(
          "the encoder for "
              + name
              + (state == State.CLOSED
                  ? " is closed"
                  : " failed earlier and takes no more frames"));
    }
    Objects.requireNonNull(yuv420p, "yuv420p");
    if (yuv420p.length != settings.frameBytes()) {
      throw new IllegalArgumentException(
          "an I420 frame of "
              + settings.width()
              + "x"
              + settings.height()
              + " has "
              + settings.frameBytes()
              + " bytes, got "
              + yuv420p.length);
    }
    if (frameIndex <= lastFrameIndex) {
      throw new IllegalArgumentException(
          "frame index must increase and be non-negative: got "
              + frameIndex
              + " after "
              + lastFrameIndex);
    }
    try {
      if (audio != null && framesWritten == 0) {
        audio.startAt(audioSamplesBefore(frameIndex));
      }
      video.encode(frameIndex, yuv420p, p -> out.accept(copy(Tracks.VIDEO, p)));
      if (audio != null) {
        audio.encodeUntil(
            audioSamplesBefore(frameIndex + 1), p -> out.accept(copy(Tracks.AUDIO, p)));
      }
    } catch (RuntimeException e) {
      state = State.FAILED;
      throw e;
    }
    lastFrameIndex = frameIndex;
    framesWritten++;
  }

  /** Drains what the encoders still hold (only when open: after a failure nothing is flushed). */
  void flush(Consumer<EncodedPacket> out) {
    if (state != State.OPEN) {
      return;
    }
    try {
      video.flush(p -> out.accept(copy(Tracks.VIDEO, p)));
      if (audio != null) {
        audio.flush(p -> out.accept(copy(Tracks.AUDIO, p)));
      }
    } catch (RuntimeException e) {
      state = State.FAILED;
      throw e;
    }
  }

  long framesWritten() {
    return framesWritten;
  }

  /** Frees the codecs and their parameters. Idempotent. */
  @Override
  public void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    tracks.close();
    if (audio != null) {
      audio.close();
    }
    video.close();
  }

  private static EncodedPacket copy(int track, AVPacket p) {
    byte[] data = new byte[p.size()];
    p.data().capacity(data.length).get(data, 0, data.length);
    return new EncodedPacket(
        track, p.pts(), p.dts(), p.duration(), (p.flags() & AV_PKT_FLAG_KEY) != 0, data);
  }

  private long audioSamplesBefore(long frameIndex) {
    return Math.multiplyExact(frameIndex, (long) AudioSource.SAMPLE_RATE) / settings.fps();
  }
}
