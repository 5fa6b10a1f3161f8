package io.streammanager.encoder.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes FFmpeg's log (and libx264's, which goes through it) to the slf4j logger {@code ffmpeg}:
 * errors at error, warnings at warn, nothing below, so x264's statistics never reach stdout.
 * Process-wide, as FFmpeg's log is.
 */
final class FfmpegLog extends LogCallback {
  private static final Logger LOG = LoggerFactory.getLogger("ffmpeg");

  /** FFmpeg keeps a raw pointer to the callback: this reference keeps it from being collected. */
  private static FfmpegLog installed;

  private FfmpegLog() {}

  static synchronized void routeToSlf4j() {
    if (installed == null) {
      installed = new FfmpegLog();
      av_log_set_level(AV_LOG_WARNING);
      setLogCallback(installed);
    }
  }

  /** Called from any FFmpeg or x264 thread. Must not throw into native code. */
  @Override
  public void call(int level, BytePointer message) {
    if (level > AV_LOG_WARNING) {
      return;
    }
    try {
      String line = message.getString().strip();
      if (line.isEmpty()) {
        return;
      }
      if (level <= AV_LOG_ERROR) {
        LOG.error("{}", line);
      } else {
        LOG.warn("{}", line);
      }
    } catch (RuntimeException e) {
      // a log line is not worth crashing the encoder thread over
    }
  }
}
