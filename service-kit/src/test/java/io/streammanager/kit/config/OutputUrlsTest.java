package io.streammanager.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputUrlsTest {
  @Test
  void problem_nullOrEmpty_isNone() {
    assertThat(OutputUrls.problem(null)).isNull();
    assertThat(OutputUrls.problem("")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rtmp://live.example.com/app/key", "RTMPS://live.example.com:443/app/key",
      "srt://10.0.0.5:9000?streamid=abc", "var/recordings/show.flv", "/tmp/out.MP4", "out.mkv",
      "C:\\recordings\\show.ts", "var/recordings/{stream}-{run}.flv", "var/hls/{stream}/index.m3u8"})
  void problem_streamingUrlOrRecordingFile_isNone(String url) {
    assertThat(OutputUrls.problem(url)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://example.com/live", "file:///tmp/out.flv", "rtmp://", "rtmp:///app/key",
      "rtmp://host/app key", "out.avi", "recording", "rtmp:/host/app", "out.flv.tmp"})
  void problem_otherSchemeNoHostOrOtherExtension_saysWhatIsAllowed(String url) {
    assertThat(OutputUrls.problem(url)).isEqualTo(OutputUrls.ALLOWED);
  }

  @Test
  void allowed_text_namesSchemesAndExtensions() {
    assertThat(OutputUrls.ALLOWED).isEqualTo("an rtmp://, rtmps:// or srt:// URL with a host, or a file path ending "
        + ".flv, .mp4, .mkv, .ts or .m3u8 (HLS)");
  }

  @Test
  void isNetwork_url_isTrue() {
    assertThat(OutputUrls.isNetwork("srt://10.0.0.5:9000")).isTrue();
  }

  @Test
  void isNetwork_filePath_isFalse() {
    assertThat(OutputUrls.isNetwork("var/recordings/show.flv")).isFalse();
  }
}
