package io.streammanager.encoder.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_network_init;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The few patterns every FFmpeg call here follows: return-code checks, the send/receive loop,
 * one-time set-up.
 */
final class FfmpegCalls {
  private static final int ERROR_TEXT_SIZE = 256;
  private static volatile boolean initialized;

  private FfmpegCalls() {}

  /** Network (TLS for rtmps) and log routing, once per process. */
  static void initOnce() {
    if (initialized) {
      return;
    }
    synchronized (FfmpegCalls.class) {
      if (!initialized) {
        FfmpegLog.routeToSlf4j();
        check(avformat_network_init(), "cannot initialise FFmpeg networking");
        initialized = true;
      }
    }
  }

  /**
   * Returns {@code rc} when it is not an error; otherwise throws "{@code what}: FFmpeg's reason".
   */
  static int check(int rc, String what) {
    if (rc < 0) {
      throw new EncoderException(what + ": " + errorText(rc), rc);
    }
    return rc;
  }

  /** FFmpeg's text for an {@code AVERROR} code, e.g. "Connection refused". */
  static String errorText(int rc) {
    byte[] buffer = new byte[ERROR_TEXT_SIZE];
    if (av_strerror(rc, buffer, buffer.length) < 0) {
      return "FFmpeg error " + rc;
    }
    int end = 0;
    while (end < buffer.length && buffer[end] != 0) {
      end++;
    }
    return new String(buffer, 0, end, StandardCharsets.UTF_8);
  }

  /**
   * Sends one frame (null: flush) to an encoder and hands every packet it has ready to {@code
   * sink}. The packet is unreferenced after the sink returns, so the sink must take ownership of
   * its data or copy it.
   */
  static void encode(
      AVCodecContext codec, AVFrame frame, AVPacket packet, PacketSink sink, String what) {
    check(avcodec_send_frame(codec, frame), what);
    while (true) {
      int rc = avcodec_receive_packet(codec, packet);
      if (rc == AVERROR_EAGAIN() || rc == AVERROR_EOF()) {
        return;
      }
      check(rc, what);
      try {
        sink.accept(packet);
      } finally {
        av_packet_unref(packet);
      }
    }
  }

  /** Receives encoded packets, in the time base of the codec that produced them. */
  @FunctionalInterface
  interface PacketSink {
    void accept(AVPacket packet);
  }
}
