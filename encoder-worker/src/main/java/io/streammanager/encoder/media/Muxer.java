package io.streammanager.encoder.media;

import static io.streammanager.encoder.media.FfmpegCalls.check;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_NORMAL;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avformat.avio_size;
import static org.bytedeco.ffmpeg.global.avformat.avio_tell;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOMEM;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * One output: an FFmpeg muxer and its I/O (a file, an RTMP/SRT connection opened by {@code
 * avio_open2}, or for HLS the playlist and segments the muxer opens itself). Packets arrive in
 * their codec's time base and are rescaled to the stream's, which the muxer may change in {@link
 * #start()} (FLV uses 1/1000). Every blocking call runs under an {@link IoGuard} deadline (network
 * outputs) and can be aborted from another thread. Owns every native struct it allocates and frees
 * them in {@link #close()}.
 */
final class Muxer implements AutoCloseable {
  /** HLS: 2 s segments (one GOP), a sliding playlist of 6 whose older segments are deleted. */
  static final int HLS_SEGMENT_SECONDS = 2;

  static final int HLS_PLAYLIST_SIZE = 6;

  private final OutputTarget target;
  private final long ioTimeoutNanos;
  private final IoGuard guard = new IoGuard();
  private final List<AVStream> streams = new ArrayList<>();
  private final List<Tracks.Track> tracks = new ArrayList<>();
  private AVFormatContext format;
  private AVPacket packet;
  private boolean headerWritten;
  private long bytesWritten;

  private Muxer(OutputTarget target, long ioTimeoutNanos) {
    this.target = target;
    this.ioTimeoutNanos = ioTimeoutNanos;
  }

  /**
   * Allocates the muxer with one stream per track, without touching the output yet. Fails (before
   * any I/O) when the container cannot carry a track's codec, naming the output and the codec.
   *
   * @param ioTimeoutNanos how long one blocking network call may take; {@code Long.MAX_VALUE} for
   *     no limit
   */
  static Muxer allocate(OutputTarget target, Tracks tracks, long ioTimeoutNanos) {
    Muxer muxer = new Muxer(target, ioTimeoutNanos);
    try {
      AVFormatContext context = new AVFormatContext(null);
      check(
          avformat_alloc_output_context2(context, null, target.muxer(), target.url()),
          "cannot create the " + target.muxer() + " muxer for " + target.redacted());
      muxer.format = context;
      muxer.guard.install(context.interrupt_callback());
      muxer.packet = av_packet_alloc();
      if (muxer.packet == null) {
        throw new EncoderException("cannot allocate a packet", AVERROR_ENOMEM());
      }
      for (Tracks.Track track : tracks.list()) {
        muxer.addStream(track);
      }
      return muxer;
    } catch (RuntimeException e) {
      muxer.close();
      throw e;
    }
  }

  /** Opens the output (connects, for a network URL) and writes the container header. */
  void start() {
    guard.arm(ioTimeoutNanos);
    try (CodecOptions io = new CodecOptions();
        CodecOptions muxing = new CodecOptions()) {
      if (target.network() && ioTimeoutNanos != Long.MAX_VALUE) {
        io.set("rw_timeout", String.valueOf(ioTimeoutNanos / 1000));
      }
      // Only the output's own protocol (and what it runs on): no nested protocol can be reached
      // from its URL, and the files HLS opens for its segments are files too.
      io.set("protocol_whitelist", target.protocolWhitelist());
      check(
          av_opt_set(format, "protocol_whitelist", target.protocolWhitelist(), 0),
          "cannot restrict the protocols of " + target.redacted());
      if ((format.oformat().flags() & AVFMT_NOFILE) == 0) {
        AVIOContext pb = new AVIOContext(null);
        io(
            avio_open2(
                pb, target.url(), AVIO_FLAG_WRITE, format.interrupt_callback(), io.dictionary()),
            "cannot open output " + target.redacted());
        format.pb(pb);
      }
      if (target.network() && "flv".equals(target.muxer())) {
        muxing.set(
            "flvflags",
            "no_duration_filesize"); // a live connection cannot seek back to patch the header
      }
      if (target.hls()) {
        muxing
            .set("hls_time", String.valueOf(HLS_SEGMENT_SECONDS))
            .set("hls_list_size", String.valueOf(HLS_PLAYLIST_SIZE))
            .set("hls_flags", "delete_segments+independent_segments");
      }
      io(
          avformat_write_header(format, muxing.dictionary()),
          "cannot write the " + target.muxer() + " header to " + target.redacted());
      muxing.requireAllConsumed("the " + target.muxer() + " muxer");
      headerWritten = true;
    } finally {
      guard.disarm();
    }
  }

  /**
   * Writes one packet, timestamps in the codec time base of track {@code packetTrack}. The packet
   * data is copied into a native packet the muxer takes over.
   */
  void write(int packetTrack, long pts, long dts, long duration, boolean keyframe, byte[] data) {
    check(
        av_new_packet(packet, data.length),
        "cannot allocate a packet of " + data.length + " bytes");
    try {
      packet.data().capacity(data.length).put(data, 0, data.length);
      Tracks.Track track = tracks.get(packetTrack);
      packet.pts(pts).dts(dts).duration(duration).flags(keyframe ? AV_PKT_FLAG_KEY : 0);
      AVStream stream = streams.get(packetTrack);
      av_packet_rescale_ts(
          packet, av_make_q(track.timeBaseNum(), track.timeBaseDen()), stream.time_base());
      packet.stream_index(stream.index());
      guard.arm(ioTimeoutNanos);
      try {
        io(av_interleaved_write_frame(format, packet), "cannot write to " + target.redacted());
      } finally {
        guard.disarm();
      }
    } finally {
      av_packet_unref(packet);
    }
    AVIOContext io = format.pb();
    bytesWritten = io != null ? Math.max(bytesWritten, avio_tell(io)) : bytesWritten + data.length;
  }

  /**
   * Writes what the interleaver still holds and the trailer, then flushes and closes the output.
   */
  void finish() {
    guard.arm(ioTimeoutNanos);
    try {
      if (headerWritten) {
        io(
            av_write_trailer(format),
            "cannot write the " + target.muxer() + " trailer to " + target.redacted());
        AVIOContext io = format.pb();
        if (io != null) {
          // The trailer may seek back to patch headers (FLV, MP4), so the position is not the
          // total: for a file the size is; a network output has no size (negative) and only ever
          // moved forward.
          bytesWritten = Math.max(avio_tell(io), avio_size(io));
        }
      }
      check(closeOutput(), "cannot flush and close output " + target.redacted());
    } finally {
      guard.disarm();
    }
  }

  /**
   * Bytes handed to the output so far, container overhead included (HLS: the media payload, since
   * the muxer writes many files itself).
   */
  long bytesWritten() {
    return bytesWritten;
  }

  /** From any thread: the blocking call in progress and every later one fail at once. */
  void abort() {
    guard.abort();
  }

  /**
   * Frees the muxer; closes the output without reporting errors if {@link #finish()} did not run
   * (bounded by the I/O timeout, so a dead connection cannot hold it).
   */
  @Override
  public void close() {
    if (format != null) {
      guard.arm(ioTimeoutNanos);
      closeOutput();
      avformat_free_context(format);
      format = null;
    }
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    guard.close();
  }

  private void addStream(Tracks.Track track) {
    int codecId = track.parameters().codec_id();
    if (avformat_query_codec(format.oformat(), codecId, FF_COMPLIANCE_NORMAL) == 0) {
      throw new EncoderException(
          "output "
              + target.redacted()
              + " ("
              + target.muxer()
              + ") cannot carry "
              + avcodec_get_name(codecId).getString(),
          0);
    }
    AVStream stream = avformat_new_stream(format, null);
    if (stream == null) {
      throw new EncoderException(
          "cannot add a stream to the " + target.muxer() + " muxer", AVERROR_ENOMEM());
    }
    check(
        avcodec_parameters_copy(stream.codecpar(), track.parameters()),
        "cannot copy the codec parameters");
    stream.codecpar().codec_tag(0);
    stream.time_base(av_make_q(track.timeBaseNum(), track.timeBaseDen()));
    if (track.frameRate() > 0) {
      stream.avg_frame_rate(
          av_make_q(track.frameRate(), 1)); // FLV writes it as onMetaData framerate
    }
    streams.add(stream);
    tracks.add(track);
  }

  /**
   * {@link FfmpegCalls#check}, except that an interrupted call says it timed out (or was aborted).
   */
  private void io(int rc, String what) {
    if (rc == AVERROR_EXIT && guard.interrupted()) {
      throw new EncoderException(
          what
              + ": "
              + (guard.aborted()
                  ? "aborted"
                  : "no progress within the I/O timeout of " + ioTimeoutNanos / 1_000_000 + " ms"),
          rc);
    }
    check(rc, what);
  }

  private int closeOutput() {
    AVIOContext io = format.pb();
    if (io == null) {
      return 0;
    }
    format.pb(null);
    return avio_closep(io);
  }
}
