package io.streammanager.encoder.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.encoder.media.FfmpegCli.Probe;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opus through libopus: judged by Debian's ffprobe in Matroska, and by the bundled FFmpeg 8 in
 * enhanced FLV.
 */
class LiveEncoderOpusTest {
  private static final int FPS = 30;

  @TempDir Path dir;

  @Test
  void open_opusToMkv_writesStereo48kHzOpus() {
    Path file = encodeOneSecond(dir.resolve("opus.mkv"));

    Probe probe = FfmpegCli.probe(file);

    assertThat(probe.stream("audio", "codec_name")).isEqualTo("opus");
    assertThat(probe.stream("audio", "sample_rate")).isEqualTo("48000");
    assertThat(probe.stream("audio", "channels")).isEqualTo("2");
    assertThat(probe.stream("video", "nb_read_frames")).isEqualTo(String.valueOf(FPS));
  }

  @Test
  void open_opusToFlv_writesEnhancedFlvThatFfmpeg8ReadsAsOpus() {
    Path file = encodeOneSecond(dir.resolve("opus.flv"));

    assertThat(BundledProbe.codecNames(file)).containsExactlyInAnyOrder("h264", "opus");
  }

  private static Path encodeOneSecond(Path file) {
    EncoderSettings settings =
        EncoderSettings.of(320, 180, FPS, 600, file.toString()).withAudio(AudioCodecKind.OPUS, 96);
    byte[] frame = TestFrames.split(320, 180, TestFrames.RED, TestFrames.BLUE);
    try (LiveEncoder encoder = LiveEncoder.open(settings)) {
      for (int i = 0; i < FPS; i++) {
        encoder.writeVideoFrame(i, frame);
      }
    }
    return file;
  }
}
