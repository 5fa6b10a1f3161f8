package io.streammanager.kit.config;

import java.util.List;

/**
 * Thrown at start when one or more variables are wrong; the message lists every problem, one per
 * line.
 */
public final class InvalidConfigurationException extends RuntimeException {
  private final List<String> problems;

  public InvalidConfigurationException(List<String> problems) {
    super(
        "invalid configuration ("
            + problems.size()
            + " problem"
            + (problems.size() == 1 ? "" : "s")
            + "):\n  - "
            + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
