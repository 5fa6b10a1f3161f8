package io.streammanager.encoder.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    assertThat(muxer("hls/index.M3U8")).isEqualTo("hls");
    assertThat(OutputTarget.parse("a.mov")).isEmpty();
  }

  @Test
  void parse_marksStreamingUrlsAsNetwork() {
    assertThat(OutputTarget.parse("rtmp://ingest/live/key").orElseThrow().network()).isTrue();
    assertThat(OutputTarget.parse("a.flv").orElseThrow().network()).isFalse();
  }

  @Test
  void redact_hidesCredentialsLastPathSegmentAndQuery() {
    assertThat(OutputTarget.redact("rtmp://a.rtmp.youtube.com/live2/abcd-efgh"))
        .isEqualTo("rtmp://a.rtmp.youtube.com/live2/***");
    assertThat(OutputTarget.redact("srt://u:p@host:9000?streamid=key&passphrase=x"))
        .isEqualTo("srt://***@host:9000?streamid=***&passphrase=***");
    assertThat(OutputTarget.redact("rtmp://host")).isEqualTo("rtmp://host");
    assertThat(OutputTarget.redact("/var/rec/a.flv")).isEqualTo("/var/rec/a.flv");
  }

  @Test
  void parse_filePathStartingLikeAnFfmpegProtocol_isRefused() {
    assertThat(OutputTarget.parse("gopher:127.0.0.1:6379/9/x.flv")).isEmpty();
    assertThat(OutputTarget.parse("file:/etc/x.flv")).isEmpty();
    assertThat(OutputTarget.parse("concat:a.flv|b.flv")).isEmpty();
    assertThat(OutputTarget.parse("subfile,,start,0,end,0,,:x.flv")).isEmpty();
    assertThat(OutputTarget.parse("rtmp://169.254.169.254/live/key")).isEmpty();
  }

  @Test
  void protocolWhitelist_isTheOutputsOwnProtocol() {
    assertThat(OutputTarget.parse("rtmps://ingest/live/key").orElseThrow().protocolWhitelist())
        .isEqualTo("rtmps,tls,tcp");
    assertThat(OutputTarget.parse("/srv/rec/hls/index.m3u8").orElseThrow().protocolWhitelist())
        .isEqualTo("file");
  }

  @Test
  void protocol_namesTheKindOfOutput() {
    assertThat(OutputTarget.parse("rtmp://ingest/live/key").orElseThrow().protocol())
        .isEqualTo("rtmp");
    assertThat(OutputTarget.parse("SRT://ingest:9000").orElseThrow().protocol()).isEqualTo("srt");
    assertThat(OutputTarget.parse("a.mp4").orElseThrow().protocol()).isEqualTo("file");
    assertThat(OutputTarget.parse("hls/index.m3u8").orElseThrow().protocol()).isEqualTo("hls");
  }

  @Test
  void freeFileName_absentFile_isKept(@TempDir Path dir) {
    String path = dir.resolve("default-run.flv").toString();

    assertThat(OutputTarget.freeFileName(path)).isEqualTo(path);
  }

  @Test
  void freeFileName_existingRecordings_areNeverOverwritten(@TempDir Path dir) throws IOException {
    Files.createFile(dir.resolve("default-run.flv"));
    Files.createFile(dir.resolve("default-run-1.flv"));

    assertThat(OutputTarget.freeFileName(dir.resolve("default-run.flv").toString()))
        .isEqualTo(dir.resolve("default-run-2.flv").toString());
  }

  @Test
  void withFreeFileName_hlsPlaylist_isKeptSinceItReplacesItsOwnSegments(@TempDir Path dir)
      throws IOException {
    Files.createFile(dir.resolve("index.m3u8"));
    OutputTarget hls = OutputTarget.parse(dir.resolve("index.m3u8").toString()).orElseThrow();

    assertThat(hls.withFreeFileName()).isEqualTo(hls);
  }

  private static String muxer(String url) {
    return OutputTarget.parse(url).orElseThrow().muxer();
  }
}
