package io.streammanager.kit.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where configuration comes from: the process environment, over the {@code KEY=value} lines of a
 * {@code .env} file (the environment wins). Blank values count as absent.
 */
public final class EnvSource {
  private final Map<String, String> values;
  private final java.util.Set<String> asked = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private EnvSource(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * The environment over {@code .env} in the working directory (or the file named by {@code
   * ENV_FILE}).
   */
  public static EnvSource fromEnvironment() {
    Map<String, String> env = System.getenv();
    Path file = Path.of(env.getOrDefault("ENV_FILE", ".env"));
    Map<String, String> merged =
        new HashMap<>(Files.isRegularFile(file) ? parseDotEnv(file) : Map.of());
    merged.putAll(env);
    return new EnvSource(merged);
  }

  /** Exactly these values (tests). */
  public static EnvSource of(Map<String, String> values) {
    return new EnvSource(values);
  }

  /** The value, trimmed, or empty when unset or blank. */
  public Optional<String> get(String name) {
    asked.add(name);
    String v = values.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /**
   * The names of every variable read so far: what a configuration reads, for deployment files to be
   * held against.
   */
  public java.util.Set<String> asked() {
    return java.util.Set.copyOf(asked);
  }

  /** A value as written after {@code =}: quotes removed, a trailing {@code # comment} dropped. */
  private static String value(String raw) {
    if (raw.startsWith("#")) {
      return "";
    }
    char q = raw.isEmpty() ? 0 : raw.charAt(0);
    if (q == '"' || q == '\'') {
      int close = raw.indexOf(q, 1);
      if (close > 0) {
        return raw.substring(1, close);
      }
    }
    int comment = raw.indexOf(" #");
    return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
  }

  static Map<String, String> parseDotEnv(Path file) {
    try {
      Map<String, String> out = new HashMap<>();
      for (String raw : Files.readAllLines(file)) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("export ")) {
          line = line.substring("export ".length()).strip();
        }
        int eq = line.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String key = line.substring(0, eq).strip();
        out.put(key, value(line.substring(eq + 1).strip()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
