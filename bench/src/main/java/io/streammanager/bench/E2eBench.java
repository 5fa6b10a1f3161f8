package io.streammanager.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code ./stream-manager bench e2e}: the accept-to-air latency of layer changes. The reference
 * scene ({@link ReferenceScene}) goes live on stream {@code e2e}; its title text is changed N times
 * at random moments 50 to 250 ms apart (the box set gliding every 60 changes); then the encoder's
 * histogram {@code sm_e2e_latency_seconds} gives p50 and p99, and {@code sm_e2e_hop_seconds} the
 * mean of each hop. Prints {@code e2e.latency.p50_ms}, {@code e2e.latency.p99_ms}, {@code
 * e2e.frames_dropped}, {@code e2e.fps} and {@code e2e.hop.<hop>.mean_ms}, and draws the
 * distribution ({@link LatencyPlot}) into {@code <work>/e2e-latency-<resolution>.png}, its data
 * beside it in {@code .txt}.
 *
 * @param changes how many title changes
 * @param stack where the stack is
 * @param scene the scene's resolution, frame rate and pictures
 */
record E2eBench(int changes, LaunchedStack stack, ReferenceScene scene) implements BenchMain.Bench {
  static final String USAGE = "--changes N";
  static final String LATENCY = "sm_e2e_latency_seconds";
  static final String HOPS = "sm_e2e_hop_seconds";
  private static final String STREAM = "e2e";

  /** The box is set gliding again every this many changes. */
  private static final int CHANGES_PER_GLIDE = 60;

  /** {@code --changes} (200), the stack and the scene from the options, which are checked. */
  static E2eBench read(BenchOptions options) {
    return options.checked(
        new E2eBench(
            options.count("changes", 200),
            LaunchedStack.read(options),
            ReferenceScene.read(options)));
  }

  @Override
  public void run() throws Exception {
    BenchMain.progress(
        "bench scene on stream %s (%s @ %d fps)...", STREAM, scene.resolution(), scene.fps());
    LiveStream live = scene.goLive(stack, STREAM);
    LiveStream.Frames first = live.frames();
    BenchMain.progress("issuing %d layer changes at random moments (50..250 ms apart)...", changes);
    for (int i = 1; i <= changes; i++) {
      try {
        stack
            .api()
            .send(
                "PATCH",
                "/api/streams/" + STREAM + "/layers/title",
                "{\"text\":\"Change " + i + "\"}");
      } catch (IOException e) {
        BenchMain.progress("change %d failed, going on: %s", i, e.getMessage());
      }
      if (i % CHANGES_PER_GLIDE == 1) {
        scene.moveBox(stack.api(), STREAM, i / CHANGES_PER_GLIDE);
      }
      Thread.sleep(ThreadLocalRandom.current().nextInt(50, 250));
    }
    Thread.sleep(2_000);
    LiveStream.Frames last = live.frames();
    PrometheusText page = stack.scrape("encoder-worker");
    page.samples().stream()
        .filter(s -> s.name().equals(HOPS + "_sum") || s.name().equals(HOPS + "_count"))
        .forEach(s -> BenchMain.progress("# %s", s));
    results(page, first, last).forEach(System.out::println);
    plot(page);
  }

  /**
   * The result lines: {@code e2e.latency.p50_ms} and {@code e2e.latency.p99_ms} (no value when the
   * histogram has no buckets), the frames between two readings, and {@code e2e.hop.<hop>.mean_ms}
   * for each hop, in name order.
   */
  static List<String> results(
      PrometheusText page, LiveStream.Frames first, LiveStream.Frames last) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "e2e.latency.p50_ms " + ms(page.quantile(LATENCY, 0.5)),
                "e2e.latency.p99_ms " + ms(page.quantile(LATENCY, 0.99))));
    lines.addAll(LiveStream.results(STREAM, first, last));
    hopMeans(page)
        .forEach(h -> lines.add(BenchMain.format("e2e.hop." + h.name() + ".mean_ms", h.ms(), 1)));
    return lines;
  }

  /** What the latency plot shows: the histogram's buckets, p50 and p99, the mean of each hop. */
  static LatencyPlot.Data plotData(PrometheusText page, String title) {
    List<LatencyPlot.Named> marks = new ArrayList<>();
    page.quantile(LATENCY, 0.5).ifPresent(s -> marks.add(new LatencyPlot.Named("p50", s * 1000)));
    page.quantile(LATENCY, 0.99).ifPresent(s -> marks.add(new LatencyPlot.Named("p99", s * 1000)));
    return new LatencyPlot.Data(title, page.buckets(LATENCY), marks, hopMeans(page));
  }

  private void plot(PrometheusText page) throws IOException {
    String title =
        String.format(
            Locale.ROOT,
            "accept-to-air latency, %d changes, %s@%d, %s, %d CPUs",
            changes,
            scene.resolution(),
            scene.fps(),
            LocalDate.now(ZoneOffset.UTC),
            Runtime.getRuntime().availableProcessors());
    LatencyPlot.Data data = plotData(page, title);
    Path png = stack.work().resolve("e2e-latency-" + scene.resolution() + ".png");
    Files.createDirectories(stack.work());
    Files.writeString(
        stack.work().resolve("e2e-latency-" + scene.resolution() + ".txt"), data.text());
    LatencyPlot.draw(data, png);
    BenchMain.progress("latency plot: %s", png);
  }

  private static List<LatencyPlot.Named> hopMeans(PrometheusText page) {
    return page.labelValues(HOPS + "_count", "hop").stream()
        .map(hop -> new LatencyPlot.Named(hop, page.mean(HOPS, "hop", hop) * 1000))
        .toList();
  }

  private static String ms(OptionalDouble seconds) {
    return seconds.isPresent() ? BenchMain.decimals(seconds.getAsDouble() * 1000, 1) : "";
  }
}
