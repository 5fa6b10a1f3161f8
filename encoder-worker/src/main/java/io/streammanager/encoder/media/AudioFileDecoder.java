package io.streammanager.encoder.media;

import static io.streammanager.encoder.media.FfmpegCalls.check;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes a whole audio file (WAV, MP3, OGG Vorbis/Opus: the demuxer its bytes were recognised as,
 * and the decoders allowed for that container) to the mixer's format: 48 kHz stereo, interleaved
 * signed 16-bit PCM (half the memory of float; the mixer scales to [-1, 1]). The bytes go through a
 * temporary file (deleted before this returns), which keeps FFmpeg's own file I/O instead of a
 * custom AVIOContext. Every native object is allocated and freed in {@link #decodeFile}, whatever
 * happens.
 */
public final class AudioFileDecoder {
  private static final int RATE = AudioSource.SAMPLE_RATE;
  private static final int CHANNELS = AudioSource.CHANNELS;

  private AudioFileDecoder() {}

  /** The decoders each demuxer may hand its audio to (WAV also takes any PCM format). */
  private static final java.util.Map<String, java.util.Set<String>> DECODERS =
      java.util.Map.of(
          "wav", java.util.Set.of("adpcm_ms", "adpcm_ima_wav", "gsm_ms"),
          "ogg", java.util.Set.of("vorbis", "libvorbis", "opus", "libopus", "flac"),
          "mp3", java.util.Set.of("mp3", "mp3float"));

  /**
   * At most this many files decode at once in the process (each holds up to its PCM limit while it
   * grows).
   */
  private static final java.util.concurrent.Semaphore DECODING =
      new java.util.concurrent.Semaphore(2);

  /**
   * Decodes a WAV, MP3 or OGG file: FFmpeg reads it only through the demuxer its bytes were
   * recognised as (never by probing all of them) and only from the file protocol. Decoding stops at
   * {@code maxSeconds} or {@code maxPcmBytes}, whichever comes first, whatever the file says of its
   * duration: its PCM is allocated from the duration it states (capped there) and never grows past
   * the limit.
   *
   * @param maxSeconds the PCM is cut after this long (bounds memory for long files)
   * @param maxPcmBytes the most PCM (16-bit stereo) the decode may hold
   * @return interleaved stereo 48 kHz samples (L, R, L, R, ...)
   * @throws EncoderException when the bytes are not one of the three, or FFmpeg cannot read or
   *     decode them
   */
  public static short[] decode(byte[] bytes, int maxSeconds, long maxPcmBytes) {
    String demuxer =
        io.streammanager.kit.sounds.AudioFiles.demuxer(bytes)
            .orElseThrow(() -> new EncoderException("the file is not a WAV, MP3 or OGG sound", 0));
    FfmpegCalls.initOnce();
    DECODING.acquireUninterruptibly();
    try {
      return decodeBytes(
          bytes, demuxer, Math.min((long) maxSeconds * RATE, maxPcmBytes / (2L * CHANNELS)));
    } finally {
      DECODING.release();
    }
  }

  private static short[] decodeBytes(byte[] bytes, String demuxer, long maxFrames) {
    Path file;
    try {
      file = Files.createTempFile("sm-audio-", ".bin");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file for an audio asset", e);
    }
    try {
      Files.write(file, bytes);
      return decodeFile(file, demuxer, maxFrames);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write an audio asset to " + file, e);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temporary file is harmless; the next decode uses another name
      }
    }
  }

  private static short[] decodeFile(Path file, String demuxer, long maxFrames) {
    AVFormatContext format = new AVFormatContext(null);
    AVCodecContext codec = null;
    SwrContext swr = new SwrContext(null);
    AVPacket packet = null;
    AVFrame frame = null;
    AVChannelLayout inLayout = new AVChannelLayout();
    AVChannelLayout outLayout = new AVChannelLayout();
    boolean opened = false;
    try {
      AVInputFormat forced = av_find_input_format(demuxer);
      if (forced == null) {
        throw new EncoderException("this FFmpeg build has no " + demuxer + " demuxer", 0);
      }
      try (CodecOptions open =
          new CodecOptions().set("protocol_whitelist", "file").set("format_whitelist", demuxer)) {
        check(
            avformat_open_input(format, file.toString(), forced, open.dictionary()),
            "not a " + demuxer + " file FFmpeg can read");
      }
      opened = true;
      check(
          avformat_find_stream_info(format, (AVDictionary) null),
          "cannot read the audio file's streams");
      int stream =
          check(
              av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0),
              "the file has no audio stream");
      AVCodec decoder = avcodec_find_decoder(format.streams(stream).codecpar().codec_id());
      if (decoder == null) {
        throw new EncoderException("this FFmpeg build cannot decode the file's audio codec", 0);
      }
      String decoderName = decoder.name().getString();
      if (!DECODERS.getOrDefault(demuxer, java.util.Set.of()).contains(decoderName)
          && !(demuxer.equals("wav") && decoderName.startsWith("pcm_"))) {
        throw new EncoderException(
            "a "
                + demuxer
                + " file with "
                + decoderName
                + " audio is not played (allowed: "
                + DECODERS.get(demuxer)
                + (demuxer.equals("wav") ? " and PCM" : "")
                + ")",
            0);
      }
      int inRate = format.streams(stream).codecpar().sample_rate();
      if (inRate < 8000 || inRate > 192_000) {
        throw new EncoderException(
            "the audio's sample rate " + inRate + " Hz is outside 8000..192000", 0);
      }
      codec = avcodec_alloc_context3(decoder);
      check(
          avcodec_parameters_to_context(codec, format.streams(stream).codecpar()),
          "cannot set up the decoder");
      check(
          avcodec_open2(codec, decoder, (AVDictionary) null),
          "cannot open the " + decoder.name().getString() + " decoder");
      if (codec.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC) {
        av_channel_layout_default(inLayout, Math.max(1, codec.ch_layout().nb_channels()));
      } else {
        check(
            org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy(inLayout, codec.ch_layout()),
            "cannot read the channel layout");
      }
      av_channel_layout_default(outLayout, CHANNELS);
      check(
          swr_alloc_set_opts2(
              swr,
              outLayout,
              AV_SAMPLE_FMT_S16,
              RATE,
              inLayout,
              codec.sample_fmt(),
              codec.sample_rate(),
              0,
              null),
          "cannot set up resampling to 48 kHz stereo");
      check(swr_init(swr), "cannot start resampling from " + codec.sample_rate() + " Hz");
      packet = av_packet_alloc();
      frame = av_frame_alloc();
      // What the file says of its duration sizes the first allocation, at most a minute: a tiny
      // file cannot make the encoder set aside the PCM of ten minutes.
      long expected =
          format.duration() > 0
              ? Math.min(
                  Math.min(maxFrames, 60L * RATE), format.duration() / 1_000_000L * RATE + RATE)
              : RATE;
      Pcm out = new Pcm(maxFrames, (int) Math.min(expected, Integer.MAX_VALUE / CHANNELS));
      while (!out.full() && av_read_frame(format, packet) >= 0) {
        try {
          if (packet.stream_index() == stream) {
            check(avcodec_send_packet(codec, packet), "cannot decode the audio");
            drain(codec, frame, swr, out);
          }
        } finally {
          av_packet_unref(packet);
        }
      }
      if (!out.full()) {
        check(avcodec_send_packet(codec, null), "cannot flush the decoder");
        drain(codec, frame, swr, out);
        out.convert(swr, null, 0);
      }
      return out.samples();
    } finally {
      if (frame != null) {
        av_frame_free(frame);
      }
      if (packet != null) {
        av_packet_free(packet);
      }
      swr_free(swr);
      av_channel_layout_uninit(inLayout);
      av_channel_layout_uninit(outLayout);
      inLayout.close();
      outLayout.close();
      if (codec != null) {
        avcodec_free_context(codec);
      }
      if (opened) {
        avformat_close_input(format);
      }
    }
  }

  private static void drain(AVCodecContext codec, AVFrame frame, SwrContext swr, Pcm out) {
    while (!out.full()) {
      int rc = avcodec_receive_frame(codec, frame);
      if (rc == AVERROR_EAGAIN() || rc == AVERROR_EOF()) {
        return;
      }
      check(rc, "cannot decode the audio");
      out.convert(swr, frame.extended_data(), frame.nb_samples());
    }
  }

  /** The growing PCM on the Java heap, with the one native buffer swresample writes into. */
  private static final class Pcm {
    private final long maxFrames;
    private short[] samples;
    private int frames;

    /**
     * @param expectedFrames what the file's duration promises (the array grows beyond it, never
     *     past maxFrames)
     */
    Pcm(long maxFrames, int expectedFrames) {
      this.maxFrames = maxFrames;
      this.samples = new short[Math.max(1, expectedFrames) * CHANNELS];
    }

    boolean full() {
      return frames >= maxFrames;
    }

    /**
     * Resamples {@code inFrames} (0 with null: what swresample still holds) and appends the result.
     */
    void convert(SwrContext swr, PointerPointer<?> in, int inFrames) {
      int room = swr_get_out_samples(swr, inFrames);
      if (room <= 0) {
        return;
      }
      try (BytePointer buffer = new BytePointer((long) room * CHANNELS * Short.BYTES);
          PointerPointer<BytePointer> outPlanes = new PointerPointer<>(1)) {
        outPlanes.put(0, buffer);
        int produced =
            check(swr_convert(swr, outPlanes, room, in, inFrames), "cannot resample the audio");
        int keep = (int) Math.min(produced, maxFrames - frames);
        ensure(frames + keep);
        buffer
            .capacity((long) keep * CHANNELS * Short.BYTES)
            .asByteBuffer()
            .order(java.nio.ByteOrder.nativeOrder())
            .asShortBuffer()
            .get(samples, frames * CHANNELS, keep * CHANNELS);
        frames += keep;
      }
    }

    short[] samples() {
      return samples.length == frames * CHANNELS
          ? samples
          : Arrays.copyOf(samples, frames * CHANNELS);
    }

    private void ensure(int totalFrames) {
      if (totalFrames * CHANNELS > samples.length) {
        long grown =
            Math.min(
                Math.max((long) totalFrames * CHANNELS, samples.length * 2L), maxFrames * CHANNELS);
        samples = Arrays.copyOf(samples, (int) grown);
      }
    }
  }
}
