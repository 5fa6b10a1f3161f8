package io.streammanager.render.bench;

import io.streammanager.proto.StreamState;
import io.streammanager.render.AssetCache;
import io.streammanager.render.FrameRenderer;
import io.streammanager.render.SceneRenderer;
import io.streammanager.render.VectorWarmUp;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code ./stream-manager bench render}: the render worker's frame rendering (draw + YUV420P, one
 * thread) on the bench scene ({@link BenchScene}), animated and static, against Debian's {@code
 * ffmpeg} composing the same scene with an overlay/drawtext graph to raw YUV420P on one thread,
 * timed in the same run. Runs alternate (animated, static, ffmpeg) and each figure is the median
 * over the runs. Progress goes to stderr, the five result lines to stdout.
 *
 * <p>The figures are CPU time, because the machine is shared and wall time measures the neighbours
 * too (wall-clock medians go to stderr): ours is the rendering thread's (the render worker draws on
 * one thread; the garbage collector and JIT threads are not counted: the bench allocates a few tens
 * of KB a frame), FFmpeg's its process's user + system time. Our figure for a run is the CPU time
 * of {@code frames} consecutive frames with a new {@link FrameRenderer} (its static base and first
 * frames included), divided by {@code frames}. FFmpeg's ({@code -benchmark}) is the CPU time of a
 * run of {@code frames} frames minus that of a run of {@value #FFMPEG_SHORT_RUN} frames, over the
 * difference, so that reading the pictures and preparing the graph do not count against it.
 *
 * <p>Options: {@code --frames N} (default 300), {@code --runs N} (default 7), {@code --ffmpeg PATH}
 * (default {@code ffmpeg}).
 */
public final class RenderBench {
  static final int FFMPEG_SHORT_RUN = 10;
  static final int WARM_UP_ROUNDS = 15;
  private static final PrintStream LOG = System.err;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private RenderBench() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    int frames = 300;
    int runs = 7;
    String ffmpeg = "ffmpeg";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--frames" -> frames = positive(args, ++i);
        case "--runs" -> runs = positive(args, ++i);
        case "--ffmpeg" -> ffmpeg = value(args, ++i);
        default -> usage("unknown option " + args[i]);
      }
    }
    if (frames <= FFMPEG_SHORT_RUN || frames > BenchScene.framesOfMovement()) {
      usage(
          "--frames must be between "
              + (FFMPEG_SHORT_RUN + 1)
              + " and "
              + BenchScene.framesOfMovement());
    }
    Path dir = Files.createTempDirectory("render-bench");
    try {
      run(frames, runs, new FfmpegOverlayGraph(dir, ffmpeg));
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(int frames, int runs, FfmpegOverlayGraph graph) throws Exception {
    Map<String, byte[]> pictures = BenchScene.pictures();
    AssetCache assets = new AssetCache(256L << 20, id -> Optional.ofNullable(pictures.get(id)));
    StreamState animated = BenchScene.scene(true);
    StreamState still = BenchScene.scene(false);
    LOG.printf(
        Locale.ROOT,
        "bench render: 1920x1080, %d frames a run, %d runs, %s%n",
        frames,
        runs,
        vectorApi()
            ? "Vector API on"
            : "Vector API OFF (start the JVM with --add-modules jdk.incubator.vector)");
    LOG.println("warming up (JIT, fonts, pictures, ffmpeg)...");
    VectorWarmUp.run();
    // Until C2 has compiled the vector loops (before that the Vector API runs as slow Java
    // objects).
    for (int i = 0; i < WARM_UP_ROUNDS; i++) {
      ours(animated, assets, frames);
      ours(still, assets, frames);
    }
    graph.time(FFMPEG_SHORT_RUN);
    Figures animatedMs = new Figures(runs);
    Figures staticMs = new Figures(runs);
    Figures ffmpegMs = new Figures(runs);
    for (int r = 0; r < runs; r++) {
      animatedMs.add(r, ours(animated, assets, frames));
      staticMs.add(r, ours(still, assets, frames));
      FfmpegOverlayGraph.Timing longRun = graph.time(frames);
      FfmpegOverlayGraph.Timing shortRun = graph.time(FFMPEG_SHORT_RUN);
      int n = frames - FFMPEG_SHORT_RUN;
      ffmpegMs.add(
          r,
          new double[] {
            (longRun.cpuNanos() - shortRun.cpuNanos()) / 1e6 / n,
            (longRun.wallNanos() - shortRun.wallNanos()) / 1e6 / n
          });
      LOG.printf(
          Locale.ROOT,
          "run %d/%d, ms a frame (cpu / wall): animated %.3f / %.3f, static %.4f / %.4f, "
              + "ffmpeg %.3f / %.3f%n",
          r + 1,
          runs,
          animatedMs.cpu[r],
          animatedMs.wall[r],
          staticMs.cpu[r],
          staticMs.wall[r],
          ffmpegMs.cpu[r],
          ffmpegMs.wall[r]);
    }
    double a = median(animatedMs.cpu);
    double s = median(staticMs.cpu);
    double f = median(ffmpegMs.cpu);
    LOG.printf(
        Locale.ROOT,
        "wall-clock medians (ms a frame): animated %.3f, static %.4f, ffmpeg %.3f: "
            + "animated %.1fx, static %.1fx%n",
        median(animatedMs.wall),
        median(staticMs.wall),
        median(ffmpegMs.wall),
        median(ffmpegMs.wall) / median(animatedMs.wall),
        median(ffmpegMs.wall) / median(staticMs.wall));
    LOG.println("results (CPU time a frame, medians: our rendering thread, ffmpeg's process):");
    System.out.printf(Locale.ROOT, "render.animated.ms_per_frame %.3f%n", a);
    System.out.printf(Locale.ROOT, "render.static.ms_per_frame %.4f%n", s);
    System.out.printf(Locale.ROOT, "ffmpeg.ms_per_frame %.3f%n", f);
    System.out.printf(Locale.ROOT, "render.animated.vs_ffmpeg %.1f%n", f / a);
    System.out.printf(Locale.ROOT, "render.static.vs_ffmpeg %.1f%n", f / s);
  }

  /** Per run: CPU and wall milliseconds a frame. */
  private static final class Figures {
    final double[] cpu;
    final double[] wall;

    Figures(int runs) {
      cpu = new double[runs];
      wall = new double[runs];
    }

    void add(int run, double[] cpuAndWall) {
      cpu[run] = cpuAndWall[0];
      wall[run] = cpuAndWall[1];
    }
  }

  /**
   * CPU time of the rendering thread (this one) and wall time, in milliseconds a frame, for {@code
   * frames} consecutive frames from a new renderer (frame buffers from the pool, as a worker's new
   * stream run gets them).
   */
  static double[] ours(StreamState scene, AssetCache assets, int frames) {
    FrameRenderer renderer = new FrameRenderer(new SceneRenderer(assets));
    long checksum = 0;
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int frame = 0; frame < frames; frame++) {
      byte[] yuv = renderer.render(scene, frame, BenchScene.presentationTime(frame));
      checksum += yuv[frame * 7919 % yuv.length];
    }
    long elapsed = System.nanoTime() - start;
    long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
    renderer.close();
    if (checksum == Long.MIN_VALUE) {
      LOG.println("unreachable: keeps the frames alive");
    }
    return new double[] {cpu / 1e6 / frames, elapsed / 1e6 / frames};
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static boolean vectorApi() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  private static int positive(String[] args, int i) {
    try {
      int v = Integer.parseInt(value(args, i));
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    usage(args[i - 1] + " needs a positive whole number");
    return 0;
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      usage(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void usage(String problem) {
    LOG.println("bench render: " + problem);
    LOG.println("usage: ./stream-manager bench render [--frames N] [--runs N] [--ffmpeg PATH]");
    System.exit(2);
  }
}
