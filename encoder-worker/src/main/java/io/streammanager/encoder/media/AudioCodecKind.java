package io.streammanager.encoder.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;

/**
 * The audio codecs the encoder can produce, with the FFmpeg encoder and sample format each one is
 * fed.
 */
public enum AudioCodecKind {
  /** FFmpeg's native AAC-LC encoder: planar float, 1024-sample frames. */
  AAC("aac", AV_SAMPLE_FMT_FLTP),
  /** libopus: accepts s16 or interleaved float (no planar), 960-sample (20 ms) frames at 48 kHz. */
  OPUS("libopus", AV_SAMPLE_FMT_FLT);

  private final String ffmpegEncoder;
  private final int sampleFormat;

  AudioCodecKind(String ffmpegEncoder, int sampleFormat) {
    this.ffmpegEncoder = ffmpegEncoder;
    this.sampleFormat = sampleFormat;
  }

  String ffmpegEncoder() {
    return ffmpegEncoder;
  }

  /** An {@code AVSampleFormat}. */
  int sampleFormat() {
    return sampleFormat;
  }
}
