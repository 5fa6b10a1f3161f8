package io.streammanager.kit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class JsonLogFormatterTest {
  private final JsonLogFormatter formatter = new JsonLogFormatter("layer-service");

  @AfterEach
  void clearContext() {
    MDC.clear();
  }

  private static LogRecord record(Level level, String message, Object... params) {
    LogRecord r = new LogRecord(level, message);
    r.setLoggerName("io.streammanager.layers.CommandProcessor");
    r.setInstant(Instant.parse("2026-11-26T06:00:00.123Z"));
    r.setParameters(params);
    return r;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> parse(String line) throws Exception {
    return new ObjectMapper().readValue(line, LinkedHashMap.class);
  }

  @Test
  void format_record_isOneJsonLineWithTheCommandBeingHandled() throws Exception {
    MDC.put("commandId", "c-42");
    MDC.put("streamId", "news1");

    String line = formatter.format(record(Level.INFO, "applied {0} as version {1}", "c-42", 7));

    assertThat(line).endsWith("}\n").doesNotContain("\n{");
    assertThat(parse(line))
        .containsExactly(
            Map.entry("time", "2026-11-26T06:00:00.123Z"),
            Map.entry("level", "INFO"),
            Map.entry("service", "layer-service"),
            Map.entry("logger", "io.streammanager.layers.CommandProcessor"),
            Map.entry("thread", Thread.currentThread().getName()),
            Map.entry("message", "applied c-42 as version 7"),
            Map.entry("commandId", "c-42"),
            Map.entry("streamId", "news1"));
  }

  @Test
  void format_quotesNewlinesAndControlCharacters_andCarriesTheStackTrace() throws Exception {
    LogRecord r = record(Level.SEVERE, "bad \"text\"\n\tnext line \u0001 \\ end");
    r.setThrown(new IllegalStateException("boom"));

    Map<String, String> fields = parse(formatter.format(r));

    assertThat(fields.get("level")).isEqualTo("ERROR");
    assertThat(fields.get("message")).isEqualTo("bad \"text\"\n\tnext line \u0001 \\ end");
    assertThat(fields.get("error"))
        .startsWith("java.lang.IllegalStateException: boom")
        .contains("\tat ");
  }

  @Test
  void level_julLevels_mapToTheFourLogLevels() {
    assertThat(JsonLogFormatter.level(Level.SEVERE)).isEqualTo("ERROR");
    assertThat(JsonLogFormatter.level(Level.WARNING)).isEqualTo("WARN");
    assertThat(JsonLogFormatter.level(Level.INFO)).isEqualTo("INFO");
    assertThat(JsonLogFormatter.level(Level.FINE)).isEqualTo("DEBUG");
  }
}
