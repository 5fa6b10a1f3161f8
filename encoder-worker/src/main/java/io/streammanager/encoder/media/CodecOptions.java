package io.streammanager.encoder.media;

import static io.streammanager.encoder.media.FfmpegCalls.check;
import static org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;

/**
 * An {@code AVDictionary} of options for {@code avcodec_open2}. FFmpeg removes the options it used
 * and silently keeps the rest, so {@link #requireAllConsumed} turns a misspelt or unsupported
 * option into an error instead of an encoder that quietly runs with defaults.
 */
final class CodecOptions implements AutoCloseable {
  private final AVDictionary dictionary = new AVDictionary(null);

  CodecOptions set(String key, String value) {
    check(av_dict_set(dictionary, key, value, 0), "cannot set codec option " + key);
    return this;
  }

  AVDictionary dictionary() {
    return dictionary;
  }

  void requireAllConsumed(String codecName) {
    List<String> unused = new ArrayList<>();
    AVDictionaryEntry entry = null;
    while ((entry = av_dict_get(dictionary, "", entry, AV_DICT_IGNORE_SUFFIX)) != null) {
      unused.add(entry.key().getString() + "=" + entry.value().getString());
    }
    if (!unused.isEmpty()) {
      throw new EncoderException(codecName + " did not accept the options " + unused, 0);
    }
  }

  @Override
  public void close() {
    av_dict_free(dictionary);
  }
}
