package io.streammanager.kit.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads typed values from an {@link EnvSource}, collecting every problem instead of stopping at the
 * first. Each getter returns the default when the variable is absent or wrong, so a caller can read
 * all variables and then call {@link #throwIfInvalid()} once.
 */
public final class ConfigReader {
  private final EnvSource env;
  private final List<String> problems = new ArrayList<>();

  public ConfigReader(EnvSource env) {
    this.env = env;
  }

  public String string(String name, String defaultValue) {
    return env.get(name).orElse(defaultValue);
  }

  public int integer(String name, int defaultValue, int min, int max) {
    return env.get(name)
        .map(
            raw -> {
              try {
                int v = Integer.parseInt(raw);
                if (v < min || v > max) {
                  problem(name, raw, "an integer from " + min + " to " + max);
                  return defaultValue;
                }
                return v;
              } catch (NumberFormatException e) {
                problem(name, raw, "an integer from " + min + " to " + max);
                return defaultValue;
              }
            })
        .orElse(defaultValue);
  }

  public long longInteger(String name, long defaultValue, long min, long max) {
    return env.get(name)
        .map(
            raw -> {
              try {
                long v = Long.parseLong(raw);
                if (v >= min && v <= max) {
                  return v;
                }
              } catch (NumberFormatException e) {
                // reported below
              }
              problem(name, raw, "an integer from " + min + " to " + max);
              return defaultValue;
            })
        .orElse(defaultValue);
  }

  public int port(String name, int defaultValue) {
    return integer(name, defaultValue, 1, 65535);
  }

  public boolean bool(String name, boolean defaultValue) {
    return env.get(name)
        .map(
            raw ->
                switch (raw.toLowerCase(Locale.ROOT)) {
                  case "true", "1", "yes", "on" -> true;
                  case "false", "0", "no", "off" -> false;
                  default -> {
                    problem(name, raw, "true or false");
                    yield defaultValue;
                  }
                })
        .orElse(defaultValue);
  }

  public <E extends Enum<E>> E enumeration(String name, E defaultValue) {
    Class<E> type = defaultValue.getDeclaringClass();
    return env.get(name)
        .map(
            raw -> {
              for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(raw)) {
                  return e;
                }
              }
              problem(
                  name,
                  raw,
                  "one of "
                      + Arrays.stream(type.getEnumConstants())
                          .map(e -> e.name().toLowerCase(Locale.ROOT))
                          .collect(Collectors.joining("|")));
              return defaultValue;
            })
        .orElse(defaultValue);
  }

  /** A URI whose scheme is one of {@code schemes}. */
  public String uri(String name, String defaultValue, String... schemes) {
    return env.get(name)
        .map(
            raw -> {
              try {
                URI uri = URI.create(raw);
                if (uri.getScheme() != null
                    && Arrays.asList(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null) {
                  return raw;
                }
              } catch (IllegalArgumentException e) {
                // reported below
              }
              problem(name, raw, "a URL like " + schemes[0] + "://host:port");
              return defaultValue;
            })
        .orElse(defaultValue);
  }

  /** Records a problem found by the caller's own check. */
  public void problem(String name, String badValue, String allowed) {
    problems.add(name + "=" + quote(badValue) + " is not allowed: expected " + allowed);
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Throws one exception listing every problem found so far. */
  public void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(problems);
    }
  }

  private static String quote(String v) {
    return "'" + v + "'";
  }
}
