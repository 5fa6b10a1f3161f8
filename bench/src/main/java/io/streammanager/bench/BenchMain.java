package io.streammanager.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar bench.jar NAME --option value ...}: runs one benchmark against a stack the launcher started.
 * Result lines ({@code name value}) go to stdout, progress to stderr. Exit code 2 for bad arguments.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) {
      System.err.println("usage: bench pipeline [--resolution WxH] [--seconds N] [--scene demo|static] --pids n=pid,...");
      System.exit(2);
    }
    Map<String, String> args = new HashMap<>();
    for (int i = 1; i < argv.length; i++) {
      if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
        System.err.println("bench " + argv[0] + ": expected --option value, got " + argv[i]);
        System.exit(2);
      }
      args.put(argv[i].substring(2), argv[++i]);
    }
    Path root = Path.of(args.getOrDefault("root", ".")).toAbsolutePath().normalize();
    try {
      switch (argv[0]) {
        case "pipeline" -> new PipelineBench(args, root).run();
        default -> {
          System.err.println("unknown benchmark " + argv[0] + " (allowed: pipeline)");
          System.exit(2);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("bench " + argv[0] + ": " + e.getMessage());
      System.exit(2);
    }
  }

  static void line(String name, double value, int decimals) {
    System.out.println(name + " " + String.format(Locale.ROOT, "%." + decimals + "f", value));
  }

  static void progress(String format, Object... args) {
    System.err.println("[bench] " + String.format(Locale.ROOT, format, args));
  }
}
