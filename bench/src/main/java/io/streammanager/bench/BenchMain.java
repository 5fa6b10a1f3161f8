package io.streammanager.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar bench.jar NAME --option value ...}: runs one benchmark against a stack the
 * launcher started. {@code java -jar bench.jar check NAME --option value ...} only checks a user's
 * options of gateway, e2e or soak (the launcher does that before it starts the stack). Result lines
 * ({@code name value}) go to stdout, progress to stderr. Exit code 2 for bad arguments.
 */
public final class BenchMain {
  private static final String USAGE =
      """
      usage: bench NAME --option value ...        NAME: pipeline, gateway, e2e, soak, chaos, fleet
             bench check NAME --option value ...  checks the options a user gave gateway, e2e or soak
        pipeline [--resolution WxH] [--seconds N] [--scene demo|static] --pids n=pid,...
        gateway [%s]   e2e [%s]   soak [%s]
        chaos [%s]
        fleet [%s]"""
          .formatted(
              GatewayBench.USAGE,
              E2eBench.USAGE,
              SoakBench.USAGE,
              ChaosBench.USAGE,
              FleetBench.USAGE);

  private BenchMain() {}

  /** One benchmark, made from its options (which are checked then) and run against the stack. */
  interface Bench {
    void run() throws Exception;
  }

  public static void main(String[] argv) throws Exception {
    List<String> args = List.of(argv);
    boolean checkOnly = !args.isEmpty() && args.getFirst().equals("check");
    if (checkOnly) {
      args = args.subList(1, args.size());
    }
    if (args.isEmpty()) {
      System.err.println(USAGE);
      System.exit(2);
    }
    String name = args.getFirst();
    Bench bench = null;
    try {
      bench = bench(name, BenchOptions.pairs(args.subList(1, args.size())), checkOnly);
    } catch (IllegalArgumentException e) {
      System.err.println("bench " + name + ": " + e.getMessage());
      System.exit(2);
    }
    if (!checkOnly) {
      bench.run();
    }
  }

  /**
   * The benchmark {@code name} with its options.
   *
   * @param userOnly the options are only the user's (see {@link BenchOptions#of})
   * @throws IllegalArgumentException for an unknown benchmark or a bad option, naming what is
   *     allowed
   */
  static Bench bench(String name, Map<String, String> args, boolean userOnly) {
    return switch (name) {
      case "pipeline" ->
          new PipelineBench(
              args, Path.of(args.getOrDefault("root", ".")).toAbsolutePath().normalize());
      case "gateway" -> GatewayBench.read(BenchOptions.of(args, GatewayBench.USAGE, userOnly));
      case "e2e" -> E2eBench.read(BenchOptions.of(args, E2eBench.USAGE, userOnly));
      case "soak" -> SoakBench.read(BenchOptions.of(args, SoakBench.USAGE, userOnly));
      case "chaos" -> ChaosBench.read(BenchOptions.of(args, ChaosBench.USAGE, userOnly));
      case "fleet" -> FleetBench.read(BenchOptions.of(args, FleetBench.USAGE, userOnly));
      default ->
          throw new IllegalArgumentException(
              "unknown benchmark (allowed: pipeline, gateway, e2e, soak, chaos, fleet)");
    };
  }

  /** A result line: {@code name value} with a fixed number of decimals. */
  static String format(String name, double value, int decimals) {
    return name + " " + decimals(value, decimals);
  }

  static String decimals(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  static void line(String name, double value, int decimals) {
    System.out.println(format(name, value, decimals));
  }

  static void progress(String format, Object... args) {
    System.err.println("[bench] " + String.format(Locale.ROOT, format, args));
  }
}
