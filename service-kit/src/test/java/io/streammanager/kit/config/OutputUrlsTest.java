package io.streammanager.kit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutputUrlsTest {
  @Test
  void problem_nullOrEmpty_isNone() {
    assertThat(OutputUrls.problem(null)).isNull();
    assertThat(OutputUrls.problem("")).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rtmp://live.example.com/app/key",
        "RTMPS://live.example.com:443/app/key",
        "srt://10.0.0.5:9000?streamid=abc&latency=200",
        "srt://ingest.example.com:9000?mode=caller",
        "rtmp://127.0.0.1:1935/live/{stream}",
        "rtmp://[2001:db8::1]/live/key",
        "show.flv",
        "out.MP4",
        "a/b/out.mkv",
        "{stream}-{run}.flv",
        "hls/{stream}/index.m3u8",
        "rec.ts"
      })
  void problem_streamingUrlOrRelativeRecording_isNone(String url) {
    assertThat(OutputUrls.problem(url)).isNull();
  }

  /**
   * What a key scoped to one stream could send to reach other protocols, files or hosts (security
   * review H-1).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "gopher:127.0.0.1:6379/9/\r\nHSET sm:api-keys evil x\r\nQUIT\r\nx.flv",
        "gopher:127.0.0.1:6379/9/x.flv",
        "file:/etc/x.flv",
        "file:///tmp/out.flv",
        "tcp:h:1/x.flv",
        "tcp:0.0.0.0:4444?listen=1&x=.flv",
        "rtmp:h/app/key.flv",
        "pipe:x.flv",
        "concat:a.flv|b.flv",
        "subfile,,start,0,end,0,,:x.flv",
        "http://example.com/live.flv",
        "udp://h:1/x.ts",
        "/tmp/x.flv",
        "/etc/cron.d/x.flv",
        "../other/x.flv",
        "a/../../x.flv",
        "./x.flv",
        "a//x.flv",
        "C:\\recordings\\show.ts",
        "out.avi",
        "recording",
        "out.flv.tmp",
        "rtmp://",
        "rtmp:///app/key",
        "rtmp://host/app key",
        "rtmp://host/app\tkey",
        "rtmp://host/a\u0000b",
        "rtmp://169.254.169.254/live/key",
        "rtmp://2852039166/live/key",
        "rtmp://0xA9FEA9FE/live/key",
        "rtmp://0251.0376.0251.0376/live/key",
        "rtmp://0.0.0.0/live/key",
        "rtmp://metadata.google.internal/x/y",
        "rtmp://[fe80::1]/live/key",
        "rtmp://[::ffff:169.254.169.254]/live/key",
        "rtmp://a@b@evil/x/y",
        "srt://0.0.0.0:9000?mode=listener",
        "srt://h:9000?transtype=file",
        "rtmp://h/live/k#frag",
        "sh\u00f6w.flv"
      })
  void problem_anythingElse_isRefusedSayingWhatIsAllowed(String url) {
    assertThat(OutputUrls.problem(url)).isNotNull();
  }

  @Test
  void problem_gopher_namesTheRule() {
    assertThat(OutputUrls.problem("gopher:127.0.0.1:6379/9/x.flv"))
        .isEqualTo(
            "a file path has no ':' (FFmpeg would read a protocol before it); "
                + OutputUrls.ALLOWED);
  }

  @Test
  void problem_controlCharacters_namesTheRule() {
    assertThat(OutputUrls.problem("rtmp://h/live/\r\nFLUSHALL"))
        .isEqualTo(
            "no spaces, control characters, backslashes or non-ASCII characters; "
                + OutputUrls.ALLOWED);
  }

  @Test
  void problem_absolutePath_isAllowedOnlyAsStreamUrl() {
    OutputUrls.Rules deployment = new OutputUrls.Rules(List.of(), "/srv/air/{stream}.mp4");

    assertThat(OutputUrls.problem("/srv/air/{stream}.mp4", deployment)).isNull();
    assertThat(OutputUrls.problem("/srv/air/other.mp4", deployment))
        .startsWith("an absolute path is allowed only as STREAM_URL");
  }

  @Test
  void problem_absoluteStreamUrlWithoutStream_isTheDefaultStreamsOnly() {
    OutputUrls.Rules deployment = new OutputUrls.Rules(List.of(), "/srv/air/live.flv");

    assertThat(OutputUrls.problem("/srv/air/live.flv", deployment, "default")).isNull();
    assertThat(OutputUrls.problem("/srv/air/live.flv", deployment, "news"))
        .as("another stream's file")
        .startsWith("an absolute path is allowed only as STREAM_URL");
  }

  @Test
  void problem_absoluteStreamUrlNamingStream_isEveryStreamsOwnFile() {
    OutputUrls.Rules deployment = new OutputUrls.Rules(List.of(), "/srv/air/{stream}.flv");

    assertThat(OutputUrls.problem("/srv/air/{stream}.flv", deployment, "news")).isNull();
  }

  @Test
  void problem_placeholders_areCheckedWithTheStreamsOwnId() {
    assertThat(
            OutputUrls.problem(
                "rtmp://{stream}/live/k", OutputUrls.Rules.ANY_HOST, "169.254.169.254"))
        .contains("link-local");
    assertThat(
            OutputUrls.problem(
                "rtmp://{stream}.example.com/live/k",
                new OutputUrls.Rules(List.of("news.example.com"), ""),
                "news"))
        .isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "rtmp://a.rtmp.youtube.com/live2/k, ",
    "rtmp://live.twitch.tv/app/k, ",
    "rtmp://evil.example.net/live/k, 'the host ''evil.example.net'' is not one of OUTPUT_HOSTS [*.youtube.com, "
        + "live.twitch.tv]'"
  })
  void problem_outputHosts_pinTheIngestHosts(String url, String expected) {
    OutputUrls.Rules pinned = new OutputUrls.Rules(List.of("*.youtube.com", "live.twitch.tv"), "");

    assertThat(OutputUrls.problem(url, pinned)).isEqualTo(expected);
  }

  @Test
  void problem_linkLocal_isRefusedEvenWhenOutputHostsAllowIt() {
    assertThat(
            OutputUrls.problem(
                "rtmp://169.254.169.254/live/k", new OutputUrls.Rules(List.of("*"), "")))
        .contains("link-local");
  }

  @Test
  void forbiddenAddress_linkLocalAndMetadata_areForbidden() throws Exception {
    assertThat(OutputUrls.forbiddenAddress(InetAddress.getByName("169.254.169.254"))).isTrue();
    assertThat(OutputUrls.forbiddenAddress(InetAddress.getByName("fe80::1"))).isTrue();
    assertThat(OutputUrls.forbiddenAddress(InetAddress.getByName("0.0.0.0"))).isTrue();
    assertThat(OutputUrls.forbiddenAddress(InetAddress.getByName("100.100.100.200"))).isTrue();
    assertThat(OutputUrls.forbiddenAddress(InetAddress.getByName("127.0.0.1"))).isFalse();
    assertThat(OutputUrls.forbiddenAddress(InetAddress.getByName("10.1.2.3"))).isFalse();
  }

  @Test
  void recordingPath_relative_isBelowTheStreamsOwnFolder() {
    assertThat(OutputUrls.recordingPath(Path.of("/srv/rec"), "news", "hls/index.m3u8"))
        .isEqualTo(Path.of("/srv/rec/news/hls/index.m3u8"));
  }

  @ParameterizedTest
  @CsvSource({
    "news, ../other/x.flv",
    "news, x/../../other/x.flv",
    "'..', x.flv",
    "'.', x.flv",
    "a/b, x.flv"
  })
  void recordingPath_leavingTheStreamsFolder_isRefused(String stream, String path) {
    assertThatThrownBy(() -> OutputUrls.recordingPath(Path.of("/srv/rec"), stream, path))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "rtmp://a.rtmp.youtube.com/live2/abcd-efgh, rtmp://a.rtmp.youtube.com/live2/***",
    "rtmp://h/app/inst/key, rtmp://h/app/***",
    "rtmps://u:p@h:443/app/key?auth=x, rtmps://***@h:443/app/***?***",
    "rtmp://h/app, rtmp://h/app",
    "rtmp://host, rtmp://host",
    "srt://u:p@host:9000?streamid=key&passphrase=x&latency=200, srt://***@host:9000?streamid=***&passphrase=***&latency=200",
    "srt://host:9000?streamid=#!::r=live/key, srt://host:9000?streamid=***",
    "/var/rec/a.flv, /var/rec/a.flv",
    "show-{run}.flv, show-{run}.flv"
  })
  void redact_hidesStreamKeysCredentialsAndQueries(String url, String shown) {
    assertThat(OutputUrls.redact(url)).isEqualTo(shown);
  }

  @Test
  void protocolWhitelist_isTheOutputsOwnProtocolOnly() {
    assertThat(OutputUrls.protocolWhitelist("rtmp://h/a/k")).isEqualTo("rtmp,tcp");
    assertThat(OutputUrls.protocolWhitelist("rtmps://h/a/k")).isEqualTo("rtmps,tls,tcp");
    assertThat(OutputUrls.protocolWhitelist("srt://h:1")).isEqualTo("srt,udp");
    assertThat(OutputUrls.protocolWhitelist("/srv/rec/a.flv")).isEqualTo("file");
    assertThat(OutputUrls.protocolWhitelist("gopher://h:1/x.flv")).isEqualTo("file");
  }

  @Test
  void isNetwork_url_isTrue() {
    assertThat(OutputUrls.isNetwork("srt://10.0.0.5:9000")).isTrue();
  }

  @Test
  void isNetwork_filePathOrOtherScheme_isFalse() {
    assertThat(OutputUrls.isNetwork("var/recordings/show.flv")).isFalse();
    assertThat(OutputUrls.isNetwork("gopher://h:1/x.flv")).isFalse();
  }
}
