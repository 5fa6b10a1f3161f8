package io.streammanager.encoder.media;

import static io.streammanager.encoder.media.FfmpegCalls.check;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOMEM;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import io.streammanager.encoder.media.FfmpegCalls.PacketSink;
import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * libx264 set up for ingest servers: strict CBR with a 1 s VBV buffer and HRD signalling, fixed GOP
 * without scene-cut keyframes, no B-frames and no lookahead ({@code tune=zerolatency}), BT.709
 * limited range. Keyframes are placed by frame number, not by a count of encoded frames: the first
 * frame at or past each multiple of the keyframe interval is a forced IDR, so they stay on the grid
 * of stream time (every 2 s) even when a frame slot was never encoded. Owns its codec context, its
 * one reusable frame and its packet.
 */
final class VideoEncoder implements AutoCloseable {
  private static final String ENCODER = "libx264";
  private static final String X264_PARAMS = "scenecut=0:nal-hrd=cbr:force-cfr=1";

  private final EncoderSettings settings;
  private AVCodecContext codec;
  private AVFrame frame;
  private AVPacket packet;
  private long nextKeyframe;

  private VideoEncoder(EncoderSettings settings) {
    this.settings = settings;
  }

  /** Opens libx264; on failure everything allocated so far is freed before the exception leaves. */
  static VideoEncoder open(EncoderSettings settings, boolean globalHeader) {
    VideoEncoder encoder = new VideoEncoder(settings);
    try {
      encoder.openCodec(globalHeader);
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

  /** Encodes one I420 frame (length already checked) with {@code pts} in 1/fps units. */
  void encode(long pts, byte[] i420, PacketSink sink) {
    check(av_frame_make_writable(frame), "cannot make the video frame writable");
    int width = settings.width();
    int height = settings.height();
    int chromaWidth = (width + 1) / 2;
    int chromaHeight = (height + 1) / 2;
    copyPlane(0, i420, 0, width, height);
    copyPlane(1, i420, width * height, chromaWidth, chromaHeight);
    copyPlane(2, i420, width * height + chromaWidth * chromaHeight, chromaWidth, chromaHeight);
    boolean keyframe = pts >= nextKeyframe;
    if (keyframe) {
      nextKeyframe = Keyframes.after(pts, settings.keyframeIntervalFrames());
    }
    // libx264 passes the duration to the packet: MP4 then knows the last frame's length.
    frame.pts(pts).duration(1).pict_type(keyframe ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
    FfmpegCalls.encode(codec, frame, packet, sink, "cannot encode video frame " + pts);
  }

  /**
   * Drains the frames libx264 still holds (none with zerolatency, but the API requires the call).
   */
  void flush(PacketSink sink) {
    FfmpegCalls.encode(codec, null, packet, sink, "cannot flush the H.264 encoder");
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

  private void openCodec(boolean globalHeader) {
    AVCodec x264 = avcodec_find_encoder_by_name(ENCODER);
    if (x264 == null) {
      throw new EncoderException(
          "this FFmpeg build has no " + ENCODER + " (use the -gpl natives)", 0);
    }
    codec = avcodec_alloc_context3(x264);
    if (codec == null) {
      throw new EncoderException("cannot allocate the " + ENCODER + " context", AVERROR_ENOMEM());
    }
    long bitsPerSecond = settings.videoBitrateKbps() * 1000L;
    codec.width(settings.width()).height(settings.height()).pix_fmt(AV_PIX_FMT_YUV420P);
    codec.time_base(av_make_q(1, settings.fps())).framerate(av_make_q(settings.fps(), 1));
    codec
        .gop_size(settings.keyframeIntervalFrames())
        .keyint_min(settings.keyframeIntervalFrames())
        .max_b_frames(0);
    codec.bit_rate(bitsPerSecond).rc_max_rate(bitsPerSecond).rc_buffer_size((int) bitsPerSecond);
    codec
        .color_range(AVCOL_RANGE_MPEG)
        .colorspace(AVCOL_SPC_BT709)
        .color_primaries(AVCOL_PRI_BT709)
        .color_trc(AVCOL_TRC_BT709);
    codec.thread_count(0);
    if (globalHeader) {
      codec.flags(codec.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    try (CodecOptions options = new CodecOptions()) {
      options
          .set("preset", settings.x264Preset())
          .set("tune", "zerolatency")
          .set("profile", settings.h264Profile())
          .set("x264-params", X264_PARAMS)
          .set("forced-idr", "1");
      check(
          avcodec_open2(codec, x264, options.dictionary()),
          "cannot open "
              + ENCODER
              + " ("
              + settings.width()
              + "x"
              + settings.height()
              + ", "
              + settings.h264Profile()
              + ", "
              + settings.x264Preset()
              + ")");
      options.requireAllConsumed(ENCODER);
    }
  }

  private void allocateFrame() {
    frame = av_frame_alloc();
    packet = av_packet_alloc();
    if (frame == null || packet == null) {
      throw new EncoderException("cannot allocate the video frame", AVERROR_ENOMEM());
    }
    frame.format(AV_PIX_FMT_YUV420P).width(settings.width()).height(settings.height());
    check(av_frame_get_buffer(frame, 0), "cannot allocate the video frame buffers");
  }

  /**
   * Copies a tightly packed plane row by row into the frame, whose rows are {@code linesize} apart
   * (padded).
   */
  private void copyPlane(int plane, byte[] source, int offset, int rowBytes, int rows) {
    int linesize = frame.linesize(plane);
    ByteBuffer target = frame.data(plane).capacity((long) linesize * rows).asByteBuffer();
    if (linesize == rowBytes) {
      target.put(0, source, offset, rowBytes * rows);
      return;
    }
    for (int row = 0; row < rows; row++) {
      target.put(row * linesize, source, offset + row * rowBytes, rowBytes);
    }
  }
}
