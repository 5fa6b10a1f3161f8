package io.streammanager.encoder.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ingest servers check: the SPS signals CBR HRD ({@code nal-hrd=cbr}) whose bit rate and
 * buffer both equal the configured rate, and x264 accepted every setting without a warning. Judged
 * by Debian ffmpeg's {@code trace_headers}.
 */
class StrictCbrTest {
  private static final int KBPS = 1200;

  @TempDir Path dir;

  @Test
  void sps_signalsCbrHrdWithBitRateAndBufferEqualToTheConfiguredRate_andX264DoesNotWarn() {
    List<String> warnings = new CopyOnWriteArrayList<>();
    Handler collect =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger ffmpeg = Logger.getLogger("ffmpeg");
    ffmpeg.addHandler(collect);
    Path file = dir.resolve("cbr.flv");
    try (LiveEncoder encoder =
        LiveEncoder.open(EncoderSettings.of(640, 360, 30, KBPS, file.toString()))) {
      byte[] frame = TestFrames.split(640, 360, TestFrames.RED, TestFrames.BLUE);
      for (int i = 0; i < 30; i++) {
        encoder.writeVideoFrame(i, frame);
      }
    } finally {
      ffmpeg.removeHandler(collect);
    }

    Map<String, Long> sps = FfmpegCli.h264Headers(file);
    long bitRate = (sps.get("bit_rate_value_minus1[0]") + 1) << (6 + sps.get("bit_rate_scale"));
    long cpbSize = (sps.get("cpb_size_value_minus1[0]") + 1) << (4 + sps.get("cpb_size_scale"));

    assertThat(warnings).as("FFmpeg/x264 warnings").isEmpty();
    assertThat(sps.get("nal_hrd_parameters_present_flag")).isEqualTo(1L);
    assertThat(sps.get("cbr_flag[0]")).isEqualTo(1L);
    assertThat(bitRate).isEqualTo(KBPS * 1000L);
    assertThat(cpbSize).isEqualTo(KBPS * 1000L);
    assertThat(sps.get("profile_idc")).isEqualTo(77L); // Main
  }
}
