package io.streammanager.encoder.media;

import static io.streammanager.encoder.media.FfmpegCalls.check;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOMEM;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;

/**
 * The encoded tracks a muxer carries: codec parameters (with the H.264/AAC/Opus headers), time base
 * and frame rate. Owns its {@code AVCodecParameters}; each output gets its own {@link #copy()}, so
 * an output thread never reads native memory the encoder thread may free.
 */
final class Tracks implements AutoCloseable {
  static final int VIDEO = 0;
  static final int AUDIO = 1;

  /** One track: {@code frameRate} is 0 for audio. */
  record Track(
      int index, AVCodecParameters parameters, int timeBaseNum, int timeBaseDen, int frameRate) {}

  private final List<Track> tracks;
  private boolean closed;

  private Tracks(List<Track> tracks) {
    this.tracks = tracks;
  }

  /** Copies the parameters of the opened encoders; {@code audio} may be null. */
  static Tracks of(AVCodecContext video, int fps, AVCodecContext audio) {
    Tracks tracks = new Tracks(new ArrayList<>());
    try {
      tracks.add(VIDEO, video, fps);
      if (audio != null) {
        tracks.add(AUDIO, audio, 0);
      }
      return tracks;
    } catch (RuntimeException e) {
      tracks.close();
      throw e;
    }
  }

  /** An independent copy, freed by whoever closes it. */
  Tracks copy() {
    Tracks copy = new Tracks(new ArrayList<>());
    try {
      for (Track t : tracks) {
        AVCodecParameters p = allocate();
        copy.tracks.add(new Track(t.index(), p, t.timeBaseNum(), t.timeBaseDen(), t.frameRate()));
        check(avcodec_parameters_copy(p, t.parameters()), "cannot copy the codec parameters");
      }
      return copy;
    } catch (RuntimeException e) {
      copy.close();
      throw e;
    }
  }

  List<Track> list() {
    return tracks;
  }

  boolean hasAudio() {
    return tracks.size() > AUDIO;
  }

  /**
   * {@code value} in the time base of track {@code from}, converted to the time base of track
   * {@code to}.
   */
  long convert(long value, int from, int to) {
    Track a = tracks.get(from);
    Track b = tracks.get(to);
    return Math.floorDiv(
        Math.multiplyExact(Math.multiplyExact(value, (long) a.timeBaseNum()), b.timeBaseDen()),
        (long) a.timeBaseDen() * b.timeBaseNum());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Track t : tracks) {
      avcodec_parameters_free(t.parameters());
    }
  }

  private void add(int index, AVCodecContext codec, int frameRate) {
    AVCodecParameters p = allocate();
    tracks.add(new Track(index, p, codec.time_base().num(), codec.time_base().den(), frameRate));
    check(
        avcodec_parameters_from_context(p, codec),
        "cannot copy the codec parameters of track " + index);
  }

  private static AVCodecParameters allocate() {
    AVCodecParameters p = avcodec_parameters_alloc();
    if (p == null) {
      throw new EncoderException("cannot allocate codec parameters", AVERROR_ENOMEM());
    }
    return p;
  }
}
