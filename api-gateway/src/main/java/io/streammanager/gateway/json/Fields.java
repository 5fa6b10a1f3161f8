package io.streammanager.gateway.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * Typed reads of JSON fields that add a {@link FieldProblem} instead of throwing. {@code null}
 * means absent.
 */
final class Fields {
  private final JsonNode json;
  private final String prefix;
  private final List<FieldProblem> problems;

  Fields(JsonNode json, String prefix, List<FieldProblem> problems) {
    this.json = json;
    this.prefix = prefix;
    this.problems = problems;
  }

  boolean has(String name) {
    return json.hasNonNull(name);
  }

  Fields child(String name) {
    JsonNode n = json.get(name);
    if (n != null && !n.isNull() && !n.isObject()) {
      problem(name, name + " must be an object");
    }
    return new Fields(
        n != null && n.isObject() ? n : com.fasterxml.jackson.databind.node.NullNode.getInstance(),
        prefix + "/" + name,
        problems);
  }

  String pointer(String name) {
    return prefix + "/" + name;
  }

  void problem(String name, String message) {
    problems.add(new FieldProblem(pointer(name), message));
  }

  Optional<String> text(String name) {
    JsonNode n = json.get(name);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      problem(name, name + " must be a string, was " + n);
      return Optional.empty();
    }
    return Optional.of(n.textValue());
  }

  void number(String name, double min, double max, DoubleConsumer setter) {
    JsonNode n = json.get(name);
    if (n == null || n.isNull()) {
      return;
    }
    if (!n.isNumber()
        || !Double.isFinite(n.doubleValue())
        || n.doubleValue() < min
        || n.doubleValue() > max) {
      problem(name, name + " must be a number from " + fmt(min) + " to " + fmt(max) + ", was " + n);
      return;
    }
    setter.accept(n.doubleValue());
  }

  void integer(String name, long min, long max, java.util.function.LongConsumer setter) {
    JsonNode n = json.get(name);
    if (n == null || n.isNull()) {
      return;
    }
    if (!n.isIntegralNumber() || n.longValue() < min || n.longValue() > max) {
      problem(name, name + " must be an integer from " + min + " to " + max + ", was " + n);
      return;
    }
    setter.accept(n.longValue());
  }

  void bool(String name, Consumer<Boolean> setter) {
    JsonNode n = json.get(name);
    if (n == null || n.isNull()) {
      return;
    }
    if (!n.isBoolean()) {
      problem(name, name + " must be true or false, was " + n);
      return;
    }
    setter.accept(n.booleanValue());
  }

  void color(String name, java.util.function.IntConsumer setter) {
    text(name)
        .ifPresent(
            raw ->
                ColorParser.parse(raw)
                    .ifPresentOrElse(
                        setter::accept,
                        () ->
                            problem(
                                name,
                                name + " must be " + ColorParser.ALLOWED + ", was '" + raw + "'")));
  }

  /** One of {@code allowed} (JSON spelling); returns its index. */
  Optional<Integer> choice(String name, List<String> allowed) {
    return text(name)
        .flatMap(
            raw -> {
              int i = allowed.indexOf(raw);
              if (i < 0) {
                problem(
                    name,
                    name + " must be one of " + String.join(", ", allowed) + ", was '" + raw + "'");
                return Optional.empty();
              }
              return Optional.of(i);
            });
  }

  /** Every field name not in {@code allowed} is a problem. */
  void onlyKnown(java.util.Collection<String> allowed, String what) {
    for (var it = json.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        problem(
            name,
            "unknown field for "
                + what
                + "; allowed: "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  static String camel(String enumName, String prefix) {
    String[] parts = enumName.substring(prefix.length()).toLowerCase(Locale.ROOT).split("_");
    StringBuilder b = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return b.toString();
  }
}
