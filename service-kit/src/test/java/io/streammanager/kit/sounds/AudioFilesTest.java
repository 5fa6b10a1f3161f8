package io.streammanager.kit.sounds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Audio uploads are recognised by their first bytes only (given here in hex). */
class AudioFilesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "WAV header, 524946462400000057415645666d7420, audio/wav",
    "Ogg page, 4f67675300020000000000000000, audio/ogg",
    "ID3v2 tag, 49443304000000000023, audio/mpeg",
    "MPEG-1 layer III frame at 128 kbps 44.1 kHz, fffb9064, audio/mpeg",
    "RIFF but AVI, 524946462400000041564920, ''",
    "MPEG layer II frame, fffd9064, ''",
    "PNG signature, 89504e470d0a1a0a, ''",
    "too short for a header, 4f6767, ''"
  })
  void sniff_firstBytes_giveTheAudioTypeOrNothing(String what, String hex, String expected) {
    Optional<String> type = AudioFiles.sniff(java.util.HexFormat.of().parseHex(hex));

    assertThat(type)
        .as(what)
        .isEqualTo(expected.isEmpty() ? Optional.empty() : Optional.of(expected));
  }

  @ParameterizedTest
  @CsvSource({"just text", "RIFF"})
  void sniff_text_isNotAudio(String text) {
    assertThat(AudioFiles.sniff(text.getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void problem_wavWithoutFormatOrWithAbsurdFormat_isNamed() {
    java.util.HexFormat hex = java.util.HexFormat.of();
    // RIFF, WAVE, fmt (16 bytes: PCM, 2 channels, 48000 Hz, ..., 16 bits), data (4 bytes)
    byte[] good =
        hex.parseHex(
            "52494646"
                + "2c000000"
                + "57415645"
                + "666d7420"
                + "10000000"
                + "0100"
                + "0200"
                + "80bb0000"
                + "00ee0200"
                + "0400"
                + "1000"
                + "64617461"
                + "04000000"
                + "00000000");
    byte[] noFormat =
        hex.parseHex("52494646" + "0c000000" + "57415645" + "64617461" + "04000000" + "00000000");
    byte[] absurd =
        hex.parseHex(
            "52494646"
                + "2c000000"
                + "57415645"
                + "666d7420"
                + "10000000"
                + "0100"
                + "ff00"
                + "ffffff7f"
                + "00ee0200"
                + "0400"
                + "1000"
                + "64617461"
                + "04000000"
                + "00000000");
    byte[] runaway =
        hex.parseHex("52494646" + "0c000000" + "57415645" + "4c495354" + "ffffffff" + "00000000");

    assertThat(AudioFiles.problem(good)).isEmpty();
    assertThat(AudioFiles.problem(noFormat))
        .contains("the WAV's data chunk comes before its fmt chunk");
    assertThat(AudioFiles.problem(absurd))
        .contains(
            "a WAV must have 1-8 channels, 8000-192000 Hz and 8-32 bits a "
                + "sample, was 255 channels, 2147483647 Hz, 16 bits");
    assertThat(AudioFiles.problem(runaway))
        .contains("the WAV's LIST chunk runs past the end of the file");
  }

  @org.junit.jupiter.api.Test
  void demuxer_isTheOneFfmpegDemuxerOfTheSniffedType() {
    java.util.HexFormat hex = java.util.HexFormat.of();
    assertThat(AudioFiles.demuxer(hex.parseHex("524946462400000057415645666d7420")))
        .contains("wav");
    assertThat(AudioFiles.demuxer(hex.parseHex("4f67675300020000000000000000"))).contains("ogg");
    assertThat(AudioFiles.demuxer(hex.parseHex("49443304000000000023"))).contains("mp3");
    assertThat(AudioFiles.demuxer(hex.parseHex("89504e470d0a1a0a"))).isEmpty();
  }
}
