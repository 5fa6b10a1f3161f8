package io.streammanager.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds (user + system) of processes, read from {@code /proc/<pid>/stat}: the named processes
 * of a stack and what each started (redis-server under local-stack), so a figure covers every
 * process that works for the platform.
 */
final class ProcessCpu {
  /** Clock ticks per second of /proc (USER_HZ): 100 on Linux. */
  private static final double HZ = 100.0;

  private ProcessCpu() {}

  /** CPU seconds so far of one process (0 once it is gone). */
  static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // The command name is in parentheses and may hold spaces: the fields start after the last
      // ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / HZ;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * The processes to measure: each named one, and each process it started, named after its command
   * ({@code redis-server}). Read once, at the start of a measurement.
   */
  static Map<String, Long> withChildren(Map<String, Long> named) {
    Map<String, Long> out = new LinkedHashMap<>(named);
    named.forEach(
        (name, pid) ->
            ProcessHandle.of(pid)
                .ifPresent(
                    p ->
                        p.descendants()
                            .forEach(
                                child -> {
                                  // Debian's redis-server is a link to redis-check-rdb: name it by
                                  // what it is.
                                  String command =
                                      child
                                          .info()
                                          .command()
                                          .map(c -> Path.of(c).getFileName().toString())
                                          .map(c -> c.startsWith("redis") ? "redis-server" : c)
                                          .orElse("child");
                                  out.putIfAbsent(command, child.pid());
                                })));
    return out;
  }

  /** CPU seconds of each process now. */
  static Map<String, Double> sample(Map<String, Long> pids) {
    Map<String, Double> out = new LinkedHashMap<>();
    pids.forEach((name, pid) -> out.put(name, seconds(pid)));
    return out;
  }

  /** What each process used between two samples. */
  static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> out = new LinkedHashMap<>();
    before.forEach((name, s) -> out.put(name, Math.max(0, after.getOrDefault(name, s) - s)));
    return out;
  }

  static double total(Map<String, Double> used) {
    return used.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** "name=pid,name=pid" as the launcher passes it. */
  static Map<String, Long> parse(String list) {
    Map<String, Long> out = new LinkedHashMap<>();
    BenchOptions.entries(list).forEach((name, pid) -> out.put(name, Long.parseLong(pid)));
    return out;
  }
}
