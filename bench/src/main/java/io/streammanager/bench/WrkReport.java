package io.streammanager.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of {@code wrk} with {@code bench/gateway-patch.lua} reports: the {@code wrk.<name>
 * <value>} lines its {@code done()} prints after wrk's own summary (times in microseconds, as wrk
 * counts them).
 *
 * @param requests every request answered
 * @param durationMicros how long the run took
 * @param non2xx the answers that were not 2xx (rejected by the gateway)
 * @param socketErrors connect, read and write errors and timeouts: requests that got no answer
 * @param p50Micros median latency
 * @param p99Micros 99th percentile latency
 */
record WrkReport(
    long requests,
    long durationMicros,
    long non2xx,
    long socketErrors,
    long p50Micros,
    long p99Micros) {
  private static final List<String> NAMES =
      List.of("requests", "duration_us", "non2xx", "socket_errors", "p50_us", "p99_us");

  /** Reads the {@code wrk.*} lines of wrk's output; every one of them must be there. */
  static WrkReport parse(String output) {
    Map<String, Long> values = new HashMap<>();
    for (String line : output.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 2 && f[0].startsWith("wrk.") && NAMES.contains(f[0].substring(4))) {
        try {
          values.put(f[0].substring(4), Long.parseLong(f[1]));
        } catch (NumberFormatException e) {
          throw new IllegalStateException(
              "wrk's report has " + line.strip() + ", not a whole number");
        }
      }
    }
    List<String> missing = new ArrayList<>();
    NAMES.stream().filter(n -> !values.containsKey(n)).forEach(n -> missing.add("wrk." + n));
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "wrk's report lacks "
              + String.join(", ", missing)
              + " (printed by done() of bench/gateway-patch.lua)");
    }
    return new WrkReport(
        values.get("requests"),
        values.get("duration_us"),
        values.get("non2xx"),
        values.get("socket_errors"),
        values.get("p50_us"),
        values.get("p99_us"));
  }

  /** The requests the gateway accepted (answered 2xx). */
  long accepted() {
    return requests - non2xx;
  }

  /** Accepted commands per second of the run. */
  double acceptedPerSecond() {
    return accepted() / (durationMicros / 1e6);
  }
}
