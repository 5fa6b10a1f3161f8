package io.streammanager.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./stream-manager bench gateway}: how many layer changes a second the gateway accepts, how
 * fast it answers, and that none is lost. Creates the streams {@code bench0..N-1} with a layer
 * {@code box} each, warms up with 5 s of the same load, then runs Debian's {@code wrk} (2 threads,
 * {@code bench/gateway-patch.lua}: JSON merge patches moving the box, spread over the streams) and
 * waits until layer-service's decision count ({@code sm_commands_applied_total} + {@code
 * sm_commands_rejected_total}) stops moving, to compare it with the commands the gateway accepted.
 * Prints {@code gateway.commands_per_s}, {@code gateway.p99_ms}, {@code gateway.p50_ms}, {@code
 * gateway.accepted}, {@code gateway.rejected_http}, {@code gateway.socket_errors}, {@code
 * gateway.decided_by_layer_service} and {@code gateway.lost}; wrk's own report is left in {@code
 * <work>/gateway-wrk.txt}.
 *
 * @param load what wrk sends
 * @param stack where the stack is
 */
record GatewayBench(Load load, LaunchedStack stack) implements BenchMain.Bench {
  static final String USAGE = "--streams N --seconds S --connections C";
  private static final long SETTLE_POLL_MILLIS = 2_000;

  /**
   * The load wrk puts on the gateway.
   *
   * @param streams how many streams the patches are spread over ({@code --streams}, 8)
   * @param seconds how long the measured run lasts ({@code --seconds}, 20)
   * @param connections wrk's open connections ({@code --connections}, 64)
   */
  record Load(int streams, int seconds, int connections) {
    static Load read(BenchOptions options) {
      return new Load(
          options.count("streams", 8),
          options.count("seconds", 20),
          options.count("connections", 64));
    }
  }

  /** The load and the stack from the options, which are checked. */
  static GatewayBench read(BenchOptions options) {
    return options.checked(new GatewayBench(Load.read(options), LaunchedStack.read(options)));
  }

  @Override
  public void run() throws Exception {
    Files.createDirectories(stack.work());
    BenchMain.progress(
        "creating %d streams (bench0..bench%d) with a layer 'box' each...",
        load.streams(), load.streams() - 1);
    for (int i = 0; i < load.streams(); i++) {
      stack
          .api()
          .send(
              "POST",
              "/api/streams?wait=true",
              "{\"id\":\"bench" + i + "\",\"resolution\":\"640x360\"}");
      stack
          .api()
          .send(
              "POST",
              "/api/streams/bench" + i + "/layers?wait=true",
              "{\"id\":\"box\",\"type\":\"rect\",\"x\":0,\"y\":0,\"width\":40,\"height\":40,\"color\":\"#FF0000\"}");
    }
    BenchMain.progress("warm-up: 5 s of the same load (JIT, connection pools)...");
    wrk(List.of("-d5s"), ProcessBuilder.Redirect.DISCARD);
    long before = settled();
    BenchMain.progress(
        "measuring: %d s, %d connections, 2 wrk threads, PATCH /api/streams/bench<n>/layers/box...",
        load.seconds(), load.connections());
    Path report = stack.work().resolve("gateway-wrk.txt");
    wrk(
        List.of("-d" + load.seconds() + "s", "--latency"),
        ProcessBuilder.Redirect.to(report.toFile()));
    BenchMain.progress("waiting for layer-service to decide every accepted command...");
    long after = settled();
    results(WrkReport.parse(Files.readString(report)), after - before).forEach(System.out::println);
    BenchMain.progress("wrk's report: %s", report);
  }

  /**
   * The result lines of a run: what wrk saw, and how many commands layer-service decided meanwhile.
   */
  static List<String> results(WrkReport wrk, long decided) {
    return List.of(
        BenchMain.format("gateway.commands_per_s", wrk.acceptedPerSecond(), 0),
        BenchMain.format("gateway.p99_ms", wrk.p99Micros() / 1000.0, 1),
        BenchMain.format("gateway.p50_ms", wrk.p50Micros() / 1000.0, 1),
        "gateway.accepted " + wrk.accepted(),
        "gateway.rejected_http " + wrk.non2xx(),
        "gateway.socket_errors " + wrk.socketErrors(),
        "gateway.decided_by_layer_service " + decided,
        "gateway.lost " + Math.max(0, wrk.accepted() - decided));
  }

  private void wrk(List<String> run, ProcessBuilder.Redirect output)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + load.connections()));
    command.addAll(run);
    command.addAll(
        List.of("-s", stack.root().resolve("bench/gateway-patch.lua").toString(), stack.gateway()));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectOutput(output)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("SM_BENCH_STREAMS", String.valueOf(load.streams()));
    int exit = pb.start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", command) + " ended with exit code " + exit);
    }
  }

  /** Layer-service's decision count once it stops moving (the same over one poll interval). */
  private long settled() throws IOException, InterruptedException {
    long last = -1;
    long now = decided();
    while (now != last) {
      last = now;
      Thread.sleep(SETTLE_POLL_MILLIS);
      now = decided();
    }
    return now;
  }

  private long decided() throws IOException, InterruptedException {
    PrometheusText page = stack.scrape("layer-service");
    return (long) (page.sum("sm_commands_applied_total") + page.sum("sm_commands_rejected_total"));
  }
}
