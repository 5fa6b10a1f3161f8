package io.streammanager.encoder.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streammanager.encoder.media.EncoderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Given 1 s of a 440 Hz mono sine (lavfi's default amplitude 1/8) written by Debian's ffmpeg as WAV
 * at 22.05 kHz, MP3 at 44.1 kHz, Ogg Vorbis at 44.1 kHz and Ogg Opus at 48 kHz, when the mixer's
 * FFmpeg decoder reads the bytes, then it gives about 1 s of 48 kHz stereo with the same tone in
 * both channels: 880 zero crossings per second and the sine's RMS, 1/8 x sqrt(1/2) (mono spread to
 * two channels at -3 dB each, as FFmpeg does) / sqrt(2) = 0.0625.
 */
class ClipDecodingTest {
  private static final double EXPECTED_RMS = 0.125 * Math.sqrt(0.5) / Math.sqrt(2);

  @TempDir static Path dir;

  static Stream<Arguments> files() {
    return Stream.of(
        Arguments.of("wav", 22_050, new String[] {}),
        Arguments.of("mp3", 44_100, new String[] {"-c:a", "libmp3lame", "-b:a", "128k"}),
        Arguments.of("ogg", 44_100, new String[] {"-c:a", "libvorbis"}),
        Arguments.of("opus", 48_000, new String[] {"-c:a", "libopus", "-f", "ogg"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void ffmpeg_sineFile_decodesTo48kHzStereoWithItsFrequencyAndLevel(
      String ext, int rate, String[] codec) throws IOException {
    byte[] bytes =
        Files.readAllBytes(AudioTools.sine(dir.resolve("sine." + ext), 440, 1, rate, codec));

    short[] pcm = ClipStore.ffmpeg().apply(bytes);

    int frames = pcm.length / 2;
    assertThat(frames)
        .as("about 1 s at 48 kHz (codec padding aside)")
        .isBetween(48_000 - 960, 48_000 + 2_400);
    for (int i = 0; i < frames; i++) {
      assertThat(pcm[2 * i + 1]).as("right = left at frame %d", i).isEqualTo(pcm[2 * i]);
    }
    float[] pcmFloat = AudioTools.floats(pcm);
    assertThat(AudioTools.zeroCrossings(pcmFloat, 0, 12_000, 36_000))
        .as("440 Hz over 0.5 s")
        .isBetween(436, 444);
    assertThat(AudioTools.rms(pcmFloat, 0, 12_000, 36_000))
        .isBetween(EXPECTED_RMS * 0.9, EXPECTED_RMS * 1.1);
  }

  @Test
  void ffmpeg_wavHeaderFollowedByGarbage_throwsSayingWhy() {
    byte[] bytes =
        "RIFF\u0000\u0000\u0000\u0000WAVEthis is not audio at all"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> ClipStore.ffmpeg().apply(bytes)).isInstanceOf(EncoderException.class);
  }
}
