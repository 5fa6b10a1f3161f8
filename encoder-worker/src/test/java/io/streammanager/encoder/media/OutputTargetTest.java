package io.streammanager.encoder.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputTargetTest {

  @Test
  void parse_choosesTheMuxerFromSchemeOrExtension() {
    assertThat(muxer("rtmp://ingest/live/key")).isEqualTo("flv");
    assertThat(muxer("RTMPS://ingest:443/live/key")).isEqualTo("flv");
    assertThat(muxer("srt://ingest:9000?streamid=key")).isEqualTo("mpegts");
    assertThat(muxer("/var/rec/a.FLV")).isEqualTo("flv");
    assertThat(muxer("a.mp4")).isEqualTo("mp4");
    assertThat(muxer("a.mkv")).isEqualTo("matroska");
    assertThat(muxer("a.ts")).isEqualTo("mpegts");
    assertThat(OutputTarget.parse("a.mov")).isEmpty();
  }

  @Test
  void parse_marksStreamingUrlsAsNetwork() {
    assertThat(OutputTarget.parse("rtmp://ingest/live/key").orElseThrow().network()).isTrue();
    assertThat(OutputTarget.parse("a.flv").orElseThrow().network()).isFalse();
  }

  @Test
  void redact_hidesCredentialsLastPathSegmentAndQuery() {
    assertThat(OutputTarget.redact("rtmp://a.rtmp.youtube.com/live2/abcd-efgh")).isEqualTo(
        "rtmp://a.rtmp.youtube.com/live2/***");
    assertThat(OutputTarget.redact("srt://u:p@host:9000?streamid=key&passphrase=x")).isEqualTo("srt://host:9000?***");
    assertThat(OutputTarget.redact("rtmp://host")).isEqualTo("rtmp://host");
    assertThat(OutputTarget.redact("/var/rec/a.flv")).isEqualTo("/var/rec/a.flv");
  }

  private static String muxer(String url) {
    return OutputTarget.parse(url).orElseThrow().muxer();
  }
}
