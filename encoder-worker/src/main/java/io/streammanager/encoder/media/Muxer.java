package io.streammanager.encoder.media;

import static io.streammanager.encoder.media.FfmpegCalls.check;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avformat.avio_size;
import static org.bytedeco.ffmpeg.global.avformat.avio_tell;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOMEM;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * The output: one FFmpeg muxer and its I/O (a file, or an RTMP/SRT connection opened by {@code avio_open}). Packets
 * arrive in their codec's time base and are rescaled to the stream's, which the muxer may change in
 * {@link #start()} (FLV uses 1/1000). Interleaving by DTS is left to {@code av_interleaved_write_frame}.
 */
final class Muxer implements AutoCloseable {
  private final OutputTarget target;
  private final List<AVStream> streams = new ArrayList<>();
  private AVFormatContext format;
  private boolean headerWritten;
  private long bytesWritten;

  private Muxer(OutputTarget target) {
    this.target = target;
  }

  /** Allocates the muxer without touching the output yet, so codecs can ask about {@link #needsGlobalHeader()}. */
  static Muxer allocate(OutputTarget target) {
    Muxer muxer = new Muxer(target);
    AVFormatContext context = new AVFormatContext(null);
    check(avformat_alloc_output_context2(context, null, target.muxer(), target.url()),
        "cannot create the " + target.muxer() + " muxer for " + target.redacted());
    muxer.format = context;
    return muxer;
  }

  /** True when the container carries codec headers once (FLV, MP4, MKV) instead of in the stream (MPEG-TS). */
  boolean needsGlobalHeader() {
    return (format.oformat().flags() & AVFMT_GLOBALHEADER) != 0;
  }

  /** Adds a stream for an opened encoder; returns its index. */
  int addStream(AVCodecContext codec) {
    AVStream stream = avformat_new_stream(format, null);
    if (stream == null) {
      throw new EncoderException("cannot add a stream to the " + target.muxer() + " muxer", AVERROR_ENOMEM());
    }
    check(avcodec_parameters_from_context(stream.codecpar(), codec), "cannot copy the codec parameters to a stream");
    stream.time_base(codec.time_base());
    if (codec.codec_type() == AVMEDIA_TYPE_VIDEO) {
      stream.avg_frame_rate(codec.framerate()); // FLV writes it as onMetaData framerate
    }
    streams.add(stream);
    return stream.index();
  }

  /** Opens the output (connects, for a network URL) and writes the container header. */
  void start() {
    if ((format.oformat().flags() & AVFMT_NOFILE) == 0) {
      AVIOContext io = new AVIOContext(null);
      check(avio_open(io, target.url(), AVIO_FLAG_WRITE), "cannot open output " + target.redacted());
      format.pb(io);
    }
    check(avformat_write_header(format, (AVDictionary) null),
        "cannot write the " + target.muxer() + " header to " + target.redacted());
    headerWritten = true;
  }

  /** Writes one packet, timestamps in {@code codecTimeBase}; the muxer takes over the packet's data. */
  void write(int streamIndex, AVRational codecTimeBase, AVPacket packet) {
    av_packet_rescale_ts(packet, codecTimeBase, streams.get(streamIndex).time_base());
    packet.stream_index(streamIndex);
    check(av_interleaved_write_frame(format, packet), "cannot write to " + target.redacted());
    updateBytesWritten();
  }

  /** Writes what the interleaver still holds and the trailer, then flushes and closes the output. */
  void finish() {
    if (headerWritten) {
      check(av_write_trailer(format), "cannot write the " + target.muxer() + " trailer to " + target.redacted());
      AVIOContext io = format.pb();
      if (io != null) {
        // The trailer may seek back to patch headers (FLV, MP4), so the position is not the total: for a file the
        // size is; a network output has no size (negative) and only ever moved forward.
        bytesWritten = Math.max(avio_tell(io), avio_size(io));
      }
    }
    check(closeOutput(), "cannot flush and close output " + target.redacted());
  }

  /** Bytes handed to the output so far, container overhead included. */
  long bytesWritten() {
    return bytesWritten;
  }

  /** Frees the muxer; closes the output without reporting errors if {@link #finish()} did not run. */
  @Override
  public void close() {
    if (format != null) {
      closeOutput();
      avformat_free_context(format);
      format = null;
    }
  }

  private int closeOutput() {
    AVIOContext io = format.pb();
    if (io == null) {
      return 0;
    }
    format.pb(null);
    return avio_closep(io);
  }

  private void updateBytesWritten() {
    AVIOContext io = format.pb();
    if (io != null) {
      bytesWritten = Math.max(bytesWritten, avio_tell(io));
    }
  }
}
