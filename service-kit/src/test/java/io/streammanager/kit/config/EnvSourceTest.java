package io.streammanager.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvSourceTest {
  @TempDir Path dir;

  private Map<String, String> parse(String... lines) throws IOException {
    Path file = dir.resolve(".env");
    Files.write(file, java.util.List.of(lines));
    return EnvSource.parseDotEnv(file);
  }

  @Test
  void get_value_isTrimmed() {
    assertThat(EnvSource.of(Map.of("A", "  x y  ")).get("A")).contains("x y");
  }

  @Test
  void get_blankOrUnset_isEmpty() {
    EnvSource env = EnvSource.of(Map.of("BLANK", " \t "));

    assertThat(env.get("BLANK")).isEqualTo(Optional.empty());
    assertThat(env.get("UNSET")).isEqualTo(Optional.empty());
  }

  @Test
  void parseDotEnv_typicalFile_givesEveryAssignment() throws IOException {
    Map<String, String> values =
        parse(
            "# Stream Manager configuration",
            "",
            "PORT=3000",
            "  WS_PORT = 3001  ",
            "export LOG_LEVEL=debug",
            "REDIS_PASSWORD=",
            "STREAM_URL=rtmp://host/app?key=a=b",
            "TARGET_FPS=25 # frames per second",
            "NAME=\"My # stream\"",
            "TITLE='single quoted'",
            "HASH=abc#def");

    assertThat(values)
        .isEqualTo(
            Map.of(
                "PORT",
                "3000",
                "WS_PORT",
                "3001",
                "LOG_LEVEL",
                "debug",
                "REDIS_PASSWORD",
                "",
                "STREAM_URL",
                "rtmp://host/app?key=a=b",
                "TARGET_FPS",
                "25",
                "NAME",
                "My # stream",
                "TITLE",
                "single quoted",
                "HASH",
                "abc#def"));
  }

  @Test
  void parseDotEnv_linesWithoutKeyOrEquals_areSkipped() throws IOException {
    Map<String, String> values = parse("JUST_A_WORD", "=value", "   # indented comment", "OK=1");

    assertThat(values).isEqualTo(Map.of("OK", "1"));
  }

  @Test
  void parseDotEnv_sameKeyTwice_lastWins() throws IOException {
    assertThat(parse("A=1", "A=2")).isEqualTo(Map.of("A", "2"));
  }

  @Test
  void parseDotEnv_lonelyQuote_isKeptAsValue() throws IOException {
    assertThat(parse("Q=\"")).isEqualTo(Map.of("Q", "\""));
  }

  @Test
  void parseDotEnv_mismatchedQuotes_areKept() throws IOException {
    assertThat(parse("Q=\"abc'")).isEqualTo(Map.of("Q", "\"abc'"));
  }

  @Test
  void parseDotEnv_quotedValueWithTrailingComment_dropsQuotesAndComment() throws IOException {
    assertThat(parse("REDIS_PASSWORD=\"p w\" # the password"))
        .isEqualTo(Map.of("REDIS_PASSWORD", "p w"));
  }

  @Test
  void parseDotEnv_emptyValueWithTrailingComment_isEmpty() throws IOException {
    assertThat(parse("STREAM_URL=   # empty means a recording"))
        .isEqualTo(Map.of("STREAM_URL", ""));
  }
}
