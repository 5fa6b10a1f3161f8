package io.streammanager.gateway;

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
      "too short for a header, 4f6767, ''"})
  void sniff_firstBytes_giveTheAudioTypeOrNothing(String what, String hex, String expected) {
    Optional<String> type = AudioFiles.sniff(java.util.HexFormat.of().parseHex(hex));

    assertThat(type).as(what).isEqualTo(expected.isEmpty() ? Optional.empty() : Optional.of(expected));
  }

  @ParameterizedTest
  @CsvSource({"just text", "RIFF"})
  void sniff_text_isNotAudio(String text) {
    assertThat(AudioFiles.sniff(text.getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }
}
