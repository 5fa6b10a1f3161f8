package io.streammanager.kit.lifecycle;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.MDC;

/**
 * One JSON object per line: {@code time}, {@code level}, {@code service}, {@code logger}, {@code
 * thread}, {@code message}, then what the logging thread put in the MDC ({@code commandId}, {@code
 * streamId}, ...), then {@code error} with the stack trace. JUL formats on the logging thread, so
 * the MDC is the one of the code that logged.
 */
public final class JsonLogFormatter extends Formatter {
  private final String service;

  public JsonLogFormatter(String service) {
    this.service = service;
  }

  @Override
  public String format(LogRecord r) {
    StringBuilder b = new StringBuilder(256).append('{');
    field(b, "time", r.getInstant().toString());
    field(b, "level", level(r.getLevel()));
    field(b, "service", service);
    field(b, "logger", r.getLoggerName());
    field(b, "thread", Thread.currentThread().getName());
    field(b, "message", formatMessage(r));
    Map<String, String> context = MDC.getCopyOfContextMap();
    if (context != null) {
      new java.util.TreeMap<>(context).forEach((k, v) -> field(b, k, v));
    }
    if (r.getThrown() != null) {
      StringWriter trace = new StringWriter();
      r.getThrown().printStackTrace(new PrintWriter(trace));
      field(b, "error", trace.toString());
    }
    return b.append("}\n").toString();
  }

  static String level(Level level) {
    int v = level.intValue();
    return v >= Level.SEVERE.intValue()
        ? "ERROR"
        : v >= Level.WARNING.intValue() ? "WARN" : v >= Level.INFO.intValue() ? "INFO" : "DEBUG";
  }

  private static void field(StringBuilder b, String name, String value) {
    if (b.length() > 1) {
      b.append(',');
    }
    quote(b, name);
    b.append(':');
    quote(b, value == null ? "" : value);
  }

  /** A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped. */
  static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
