package io.streammanager.encoder.media;

import static io.streammanager.encoder.media.FfmpegCalls.check;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOMEM;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import io.streammanager.encoder.media.FfmpegCalls.PacketSink;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The audio track: 48 kHz stereo AAC or Opus, fed from an {@link AudioSource} in whole codec
 * frames. Timestamps are sample counts (time base 1/48000), so the track never drifts from the
 * sample clock. Owns its codec context, its one reusable frame and its packet.
 */
final class AudioEncoder implements AutoCloseable {
  private static final int SAMPLE_RATE = AudioSource.SAMPLE_RATE;
  private static final int CHANNELS = AudioSource.CHANNELS;

  private final AudioCodecKind kind;
  private final AudioSource source;
  private AVCodecContext codec;
  private AVFrame frame;
  private AVPacket packet;
  private float[] pcm;
  private long nextSample;

  private AudioEncoder(AudioCodecKind kind, AudioSource source) {
    this.kind = kind;
    this.source = source;
  }

  /**
   * Opens the codec; on failure everything allocated so far is freed before the exception leaves.
   */
  static AudioEncoder open(
      AudioCodecKind kind, int bitrateKbps, boolean globalHeader, AudioSource source) {
    AudioEncoder encoder = new AudioEncoder(kind, source);
    try {
      encoder.openCodec(bitrateKbps, globalHeader);
      encoder.allocateFrame();
      return encoder;
    } catch (RuntimeException e) {
      encoder.close();
      throw e;
    }
  }

  AVCodecContext context() {
    return codec;
  }

  /** Where on the 48 kHz clock the track starts (the first video frame's start). */
  void startAt(long sample) {
    nextSample = sample;
  }

  /**
   * Encodes whole codec frames until the track reaches {@code endSample}; it may overshoot by less
   * than a frame.
   */
  void encodeUntil(long endSample, PacketSink sink) {
    while (nextSample < endSample) {
      encodeFrame(sink);
    }
  }

  void flush(PacketSink sink) {
    FfmpegCalls.encode(codec, null, packet, sink, "cannot flush the " + kind + " encoder");
  }

  @Override
  public void close() {
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
    if (codec != null) {
      avcodec_free_context(codec);
      codec = null;
    }
  }

  private void openCodec(int bitrateKbps, boolean globalHeader) {
    AVCodec encoder = avcodec_find_encoder_by_name(kind.ffmpegEncoder());
    if (encoder == null) {
      throw new EncoderException(
          "this FFmpeg build has no " + kind.ffmpegEncoder() + " encoder", 0);
    }
    codec = avcodec_alloc_context3(encoder);
    if (codec == null) {
      throw new EncoderException(
          "cannot allocate the " + kind.ffmpegEncoder() + " context", AVERROR_ENOMEM());
    }
    codec.sample_fmt(kind.sampleFormat()).sample_rate(SAMPLE_RATE).bit_rate(bitrateKbps * 1000L);
    av_channel_layout_default(codec.ch_layout(), CHANNELS);
    codec.time_base(av_make_q(1, SAMPLE_RATE));
    if (globalHeader) {
      codec.flags(codec.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    check(
        avcodec_open2(codec, encoder, (org.bytedeco.ffmpeg.avutil.AVDictionary) null),
        "cannot open the "
            + kind.ffmpegEncoder()
            + " encoder ("
            + SAMPLE_RATE
            + " Hz stereo, "
            + bitrateKbps
            + " kbps)");
  }

  private void allocateFrame() {
    frame = av_frame_alloc();
    packet = av_packet_alloc();
    if (frame == null || packet == null) {
      throw new EncoderException("cannot allocate the audio frame", AVERROR_ENOMEM());
    }
    // frame_size is 0 only for codecs that take any frame length; none of ours, but 20 ms is a fine
    // choice then.
    int samplesPerFrame = codec.frame_size() > 0 ? codec.frame_size() : SAMPLE_RATE / 50;
    frame.format(kind.sampleFormat()).nb_samples(samplesPerFrame).sample_rate(SAMPLE_RATE);
    check(
        av_channel_layout_copy(frame.ch_layout(), codec.ch_layout()),
        "cannot set the audio frame's channels");
    check(av_frame_get_buffer(frame, 0), "cannot allocate the audio frame buffers");
    pcm = new float[samplesPerFrame * CHANNELS];
  }

  private void encodeFrame(PacketSink sink) {
    check(av_frame_make_writable(frame), "cannot make the audio frame writable");
    int samples = frame.nb_samples();
    source.read(nextSample, pcm, samples);
    switch (kind.sampleFormat()) {
      case AV_SAMPLE_FMT_FLTP -> {
        FloatBuffer left = plane(0, samples);
        FloatBuffer right = plane(1, samples);
        for (int i = 0; i < samples; i++) {
          left.put(i, pcm[2 * i]);
          right.put(i, pcm[2 * i + 1]);
        }
      }
      case AV_SAMPLE_FMT_FLT -> plane(0, samples * CHANNELS).put(0, pcm, 0, samples * CHANNELS);
      default ->
          throw new IllegalStateException("no copy for sample format " + kind.sampleFormat());
    }
    frame.pts(nextSample);
    FfmpegCalls.encode(codec, frame, packet, sink, "cannot encode audio at sample " + nextSample);
    nextSample += samples;
  }

  private FloatBuffer plane(int index, int floats) {
    return frame
        .data(index)
        .capacity((long) floats * Float.BYTES)
        .asByteBuffer()
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }
}
