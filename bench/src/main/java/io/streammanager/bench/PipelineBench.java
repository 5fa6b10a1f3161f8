package io.streammanager.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./stream-manager bench pipeline}: the whole platform against one ffmpeg process doing the
 * same job, in one run. With the stack the launcher started: first every process idle (no stream
 * live), then the scene ({@link BenchScene}) created through the API, started, warmed up, and
 * measured over a steady window: CPU seconds of every process (the broker and redis-server
 * included) and the frames dropped; then Debian's ffmpeg composing and encoding the same scene
 * paced like a live source, measured over the same window. Prints {@code pipeline.cpu_s_per_min},
 * {@code ffmpeg.cpu_s_per_min}, {@code pipeline.cpu_vs_ffmpeg}, {@code pipeline.frames_dropped},
 * {@code pipeline.warmup_frames_dropped}, {@code pipeline.idle_cpu_pct} and {@code
 * pipeline.cpu.<process>_s_per_min}.
 */
final class PipelineBench implements BenchMain.Bench {
  private static final String STREAM = "pipeline";
  private final Api api;
  private final Map<String, Long> pids;
  private final BenchScene scene;
  private final int seconds;
  private final int warmup;
  private final int idleSeconds;
  private final int settle;
  private final String ffmpeg;
  private final Path work;
  private final int kbps;

  PipelineBench(Map<String, String> args, Path root) {
    String[] res = args.getOrDefault("resolution", "1920x1080").toLowerCase(Locale.ROOT).split("x");
    int fps = Integer.parseInt(args.getOrDefault("fps", "30"));
    this.scene =
        new BenchScene(
            args.getOrDefault("scene", "demo"),
            Integer.parseInt(res[0]),
            Integer.parseInt(res[1]),
            fps,
            root);
    this.api =
        new Api(
            args.getOrDefault("api", "http://127.0.0.1:3000"),
            System.getenv().getOrDefault("ADMIN_TOKEN", ""));
    this.pids = ProcessCpu.parse(args.getOrDefault("pids", ""));
    this.seconds = Integer.parseInt(args.getOrDefault("seconds", "60"));
    // Long enough for the JIT of five JVMs to settle (C2 still compiled 10 % of a core two minutes
    // after start).
    this.warmup = Integer.parseInt(args.getOrDefault("warmup", "60"));
    this.idleSeconds = Integer.parseInt(args.getOrDefault("idle-seconds", "30"));
    // Two minutes: the start-up compiles of five JVMs are done by then (at 30 s the C2 threads
    // still
    // took most of the idle figure).
    this.settle = Integer.parseInt(args.getOrDefault("settle", "120"));
    this.ffmpeg = args.getOrDefault("ffmpeg", "ffmpeg");
    this.work = Path.of(args.getOrDefault("work", "var/bench"));
    this.kbps = Integer.parseInt(args.getOrDefault("bitrate", "4500"));
    if (pids.isEmpty()) {
      throw new IllegalArgumentException("--pids name=pid,... of the stack's processes is needed");
    }
  }

  @Override
  public void run() throws Exception {
    Files.createDirectories(work);
    Map<String, Long> all = ProcessCpu.withChildren(pids);
    BenchMain.progress("letting the stack settle for %d s (start-up compilation)...", settle);
    Thread.sleep(settle * 1000L);
    BenchMain.progress("measuring the idle stack for %d s (%s)...", idleSeconds, all.keySet());
    Map<String, Double> idle = measure(all, idleSeconds);

    BenchMain.progress("scene %s on stream %s, live; warm-up %d s...", scene, STREAM, warmup);
    scene.create(api, STREAM);
    api.send("POST", "/api/streams/" + STREAM + "/control?wait=true", "{\"action\":\"start\"}");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (status().path("framesEncoded").asLong() == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no frame encoded within 60 s: " + status());
      }
      Thread.sleep(200);
    }
    int leg = 0;
    scene.glide(api, STREAM, leg++);
    long legStart = System.nanoTime();
    Thread.sleep(warmup * 1000L);
    long warmupDropped = status().path("framesDropped").asLong();

    BenchMain.progress("measuring the live stack for %d s...", seconds);
    Map<String, Double> before = ProcessCpu.sample(all);
    long droppedBefore = status().path("framesDropped").asLong();
    long encodedBefore = status().path("framesEncoded").asLong();
    long start = System.nanoTime();
    while (System.nanoTime() - start < seconds * 1_000_000_000L) {
      if (System.nanoTime() - legStart >= BenchScene.LEG_SECONDS * 1_000_000_000L) {
        scene.glide(api, STREAM, leg++);
        legStart = System.nanoTime();
      }
      Thread.sleep(100);
    }
    double window = (System.nanoTime() - start) / 1e9;
    Map<String, Double> live = ProcessCpu.between(before, ProcessCpu.sample(all));
    JsonNode end = status();
    long dropped = end.path("framesDropped").asLong() - droppedBefore;
    double fpsOut = (end.path("framesEncoded").asLong() - encodedBefore) / window;
    api.send("POST", "/api/streams/" + STREAM + "/control?wait=true", "{\"action\":\"stop\"}");

    BenchMain.progress("ffmpeg on the same scene for %d s (+5 s warm-up)...", seconds);
    double ffmpegSeconds = ffmpeg(window);

    double perMinute = 60 / window;
    double platform = ProcessCpu.total(live) * perMinute;
    double reference = ffmpegSeconds * perMinute;
    BenchMain.line("pipeline.cpu_s_per_min", platform, 2);
    BenchMain.line("ffmpeg.cpu_s_per_min", reference, 2);
    BenchMain.line("pipeline.cpu_vs_ffmpeg", platform / reference, 3);
    BenchMain.line("pipeline.frames_dropped", dropped, 0);
    BenchMain.line("pipeline.warmup_frames_dropped", warmupDropped, 0);
    BenchMain.line("pipeline.fps", fpsOut, 1);
    BenchMain.line("pipeline.idle_cpu_pct", ProcessCpu.total(idle) / idleSeconds * 100, 2);
    live.forEach(
        (name, s) -> BenchMain.line("pipeline.cpu." + name + "_s_per_min", s * perMinute, 2));
    idle.forEach(
        (name, s) -> BenchMain.line("pipeline.idle_cpu_pct." + name, s / idleSeconds * 100, 2));
  }

  private JsonNode status() throws IOException, InterruptedException {
    return api.send("GET", "/api/streams/" + STREAM + "/status", null);
  }

  private static Map<String, Double> measure(Map<String, Long> pids, int seconds)
      throws InterruptedException {
    Map<String, Double> before = ProcessCpu.sample(pids);
    Thread.sleep(seconds * 1000L);
    return ProcessCpu.between(before, ProcessCpu.sample(pids));
  }

  /** ffmpeg's CPU seconds over a window as long as the platform's, after its own 5 s warm-up. */
  private double ffmpeg(double window) throws Exception {
    Path out = work.resolve("pipeline-ffmpeg.flv");
    Process p =
        new ProcessBuilder(scene.ffmpeg(ffmpeg, "veryfast", kbps, out))
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("pipeline-ffmpeg.log").toFile())
            .start();
    try {
      Thread.sleep(5_000);
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "ffmpeg ended at once: " + Files.readString(work.resolve("pipeline-ffmpeg.log")));
      }
      double before = ProcessCpu.seconds(p.pid());
      long start = System.nanoTime();
      Thread.sleep((long) (window * 1000));
      double used = ProcessCpu.seconds(p.pid()) - before;
      return used * window / ((System.nanoTime() - start) / 1e9);
    } finally {
      p.destroy();
      p.waitFor();
    }
  }
}
