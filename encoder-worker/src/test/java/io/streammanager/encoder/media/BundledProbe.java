package io.streammanager.encoder.media;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * Reads a file with the bundled FFmpeg 8 demuxers, for what Debian's 5.1 cannot read (Opus in
 * enhanced FLV).
 */
final class BundledProbe {
  private BundledProbe() {}

  /** The codec name of every stream, in stream order. */
  static List<String> codecNames(Path file) {
    AVFormatContext context = new AVFormatContext(null);
    FfmpegCalls.check(
        avformat_open_input(context, file.toString(), null, null), "cannot open " + file);
    try {
      FfmpegCalls.check(
          avformat_find_stream_info(context, (AVDictionary) null), "cannot read " + file);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < context.nb_streams(); i++) {
        names.add(avcodec_get_name(context.streams(i).codecpar().codec_id()).getString());
      }
      return names;
    } finally {
      avformat_close_input(context);
    }
  }
}
