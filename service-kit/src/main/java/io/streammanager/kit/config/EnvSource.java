package io.streammanager.kit.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where configuration comes from: the process environment, over the {@code KEY=value} lines of a {@code .env} file
 * (the environment wins). Blank values count as absent.
 */
public final class EnvSource {
  private final Map<String, String> values;

  private EnvSource(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** The environment over {@code .env} in the working directory (or the file named by {@code ENV_FILE}). */
  public static EnvSource fromEnvironment() {
    Map<String, String> env = System.getenv();
    Path file = Path.of(env.getOrDefault("ENV_FILE", ".env"));
    Map<String, String> merged = new HashMap<>(Files.isRegularFile(file) ? parseDotEnv(file) : Map.of());
    merged.putAll(env);
    return new EnvSource(merged);
  }

  /** Exactly these values (tests). */
  public static EnvSource of(Map<String, String> values) {
    return new EnvSource(values);
  }

  /** The value, trimmed, or empty when unset or blank. */
  public Optional<String> get(String name) {
    String v = values.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
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
        String value = line.substring(eq + 1).strip();
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
          value = value.substring(1, value.length() - 1);
        } else {
          int comment = value.indexOf(" #");
          if (comment >= 0) {
            value = value.substring(0, comment).strip();
          }
        }
        out.put(key, value);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
