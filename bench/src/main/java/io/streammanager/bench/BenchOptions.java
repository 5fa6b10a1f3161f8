package io.streammanager.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code --name value} options of one benchmark, read where the benchmark is made and checked
 * at once. Two kinds come in: the user's, which the benchmark's usage names ({@code --changes N}),
 * and the launcher's, which say where the stack is ({@code --api}, {@code --pids}, ...). {@link
 * #check()} reports every problem in one message: the options no one read (naming the allowed
 * ones), and each value that is not what its option needs.
 */
final class BenchOptions {
  private final Map<String, String> given;
  private final String usage;
  private final boolean userOnly;
  private final Set<String> read = new HashSet<>();
  private final List<String> problems = new ArrayList<>();

  private BenchOptions(Map<String, String> given, String usage, boolean userOnly) {
    this.given = given;
    this.usage = usage;
    this.userOnly = userOnly;
  }

  /**
   * @param given the options, name (without {@code --}) to value
   * @param usage the user's options as an error shows them, e.g. {@code --streams N --seconds S}
   * @param userOnly true when only a user typed them (checked before the stack starts): then just
   *     the options {@code usage} names are allowed, not the launcher's
   */
  static BenchOptions of(Map<String, String> given, String usage, boolean userOnly) {
    return new BenchOptions(given, usage, userOnly);
  }

  /** {@code --name value ...} as name to value (a later value wins). */
  static Map<String, String> pairs(List<String> argv) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < argv.size(); i += 2) {
      if (!argv.get(i).startsWith("--") || i + 1 >= argv.size()) {
        throw new IllegalArgumentException("expected --option value, got " + argv.get(i));
      }
      out.put(argv.get(i).substring(2), argv.get(i + 1));
    }
    return out;
  }

  /**
   * {@code name=value,name=value} (as the launcher passes processes and metrics pages), in order.
   */
  static Map<String, String> entries(String list) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String entry : list.split(",")) {
      String[] kv = entry.split("=", 2);
      if (kv.length == 2) {
        out.put(kv[0].strip(), kv[1].strip());
      }
    }
    return out;
  }

  /** A whole number of at least 1. */
  int count(String name, int defaultValue) {
    String value = text(name, String.valueOf(defaultValue));
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add("--" + name + " must be a whole number of at least 1, was " + value);
    return defaultValue;
  }

  String text(String name, String defaultValue) {
    read.add(name);
    return given.getOrDefault(name, defaultValue);
  }

  /** {@code made} from these options, once they are {@linkplain #check() checked}. */
  <T> T checked(T made) {
    check();
    return made;
  }

  /** Throws an {@link IllegalArgumentException} that names every problem, when there is one. */
  void check() {
    Set<String> allowed = new HashSet<>(userOnly ? Set.of() : read);
    Stream.of(usage.split("\\s+"))
        .filter(w -> w.startsWith("--"))
        .forEach(w -> allowed.add(w.substring(2)));
    List<String> unknown =
        given.keySet().stream().filter(n -> !allowed.contains(n)).map(n -> "--" + n).toList();
    List<String> all = new ArrayList<>();
    if (!unknown.isEmpty()) {
      all.add(
          "unknown option"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown)
              + " (allowed: "
              + usage
              + ")");
    }
    all.addAll(problems);
    if (!all.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", all));
    }
  }
}
