package io.streammanager.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./stream-manager bench fleet}: the most streams the platform keeps live at once with no
 * dropped frame over a window, against the most ffmpeg processes doing the same scene that keep
 * real time side by side, in one run. Each stream is the bench scene ({@link BenchScene}, {@code
 * demo}: a clock with hundredths, a text, a gliding box, a logo, a band) at {@code --resolution},
 * recorded to a file. The search grows the count from {@code --start} (doubling, then halving the
 * gap down to {@code --step}); the platform keeps its streams live between tries (streams are
 * started or stopped to reach the next count, then warmed up), each ffmpeg try starts its processes
 * afresh. A count holds when every stream dropped no frame in the window and encoded at least 90 %
 * of real time by its status (once a second); for ffmpeg, when every process kept 97 % of real
 * time. Prints {@code fleet.streams}, {@code ffmpeg.streams}, {@code fleet.vs_ffmpeg}, and one line
 * per try.
 *
 * @param w width
 * @param h height
 * @param fps frames per second
 * @param seconds the window each try is judged over
 * @param warmup seconds between reaching a count and its window
 * @param start the first count tried
 * @param step the resolution of the search
 * @param max the most streams tried
 * @param kbps video bit rate of each stream (and each ffmpeg)
 * @param stack the stack the launcher started
 */
record FleetBench(
    int w,
    int h,
    int fps,
    int seconds,
    int warmup,
    int start,
    int step,
    int max,
    int kbps,
    LaunchedStack stack)
    implements BenchMain.Bench {
  static final String USAGE =
      "--resolution WxH --seconds N --warmup N --start N --step N --max N --bitrate KBPS";
  private static final String PREFIX = "fleet-";

  static FleetBench read(BenchOptions o) {
    String resolution = o.text("resolution", "640x360").toLowerCase(Locale.ROOT);
    if (!resolution.matches("\\d{2,4}x\\d{2,4}")) {
      throw new IllegalArgumentException(
          "--resolution must be WxH, e.g. 640x360, was " + resolution);
    }
    int w = Integer.parseInt(resolution.split("x")[0]);
    int h = Integer.parseInt(resolution.split("x")[1]);
    int fps = o.count("fps", 30);
    FleetBench b =
        new FleetBench(
            w,
            h,
            fps,
            o.count("seconds", 60),
            o.count("warmup", 20),
            o.count("start", 4),
            o.count("step", 2),
            o.count("max", 48),
            o.count("bitrate", 1000),
            LaunchedStack.read(o));
    return o.checked(b);
  }

  @Override
  public void run() throws Exception {
    Files.createDirectories(stack.work());
    BenchScene scene = new BenchScene("demo", w, h, fps, stack.root());
    Map<String, Long> processes = ProcessCpu.withChildren(stack.pids());
    Platform platform = new Platform(scene, processes);
    int streams;
    try {
      streams = most(platform::holds, start, step, max);
    } finally {
      platform.stopAll();
    }
    int ffmpegs = most(this::ffmpegHolds, start, step, max);
    BenchMain.line("fleet.streams", streams, 0);
    BenchMain.line("ffmpeg.streams", ffmpegs, 0);
    BenchMain.line("fleet.vs_ffmpeg", ffmpegs == 0 ? 0 : (double) streams / ffmpegs, 2);
    BenchMain.line("fleet.cpu_cores_at_most", platform.coresAtMost, 2);
  }

  /** A count that holds or not. */
  interface Try {
    boolean holds(int n) throws Exception;
  }

  /**
   * The largest count that holds, at most {@code max}: from {@code start}, doubling while it holds
   * (halving while it does not), then halving the gap between the last count that held and the
   * first that did not until it is at most {@code step}. 0 when not even one holds.
   */
  static int most(Try t, int start, int step, int max) throws Exception {
    int good = 0;
    int bad = max + 1;
    int n = Math.min(start, max);
    while (true) {
      if (t.holds(n)) {
        good = n;
        if (n >= max || bad <= max) {
          break;
        }
        n = Math.min(2 * n, max);
      } else {
        bad = n;
        if (good > 0 || n == 1) {
          break;
        }
        n = Math.max(1, n / 2);
      }
    }
    while (bad <= max && bad - good > step) {
      int mid = good + (bad - good) / 2;
      if (t.holds(mid)) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    return good;
  }

  /** The platform's streams, kept live between tries. */
  private final class Platform {
    private final BenchScene scene;
    private final Map<String, Long> processes;
    private final List<String> live = new ArrayList<>();
    private final List<String> created = new ArrayList<>();
    private int leg;
    private long legStart;
    double coresAtMost;

    Platform(BenchScene scene, Map<String, Long> processes) {
      this.scene = scene;
      this.processes = processes;
    }

    boolean holds(int n) throws Exception {
      BenchMain.progress("fleet: %d streams of %s live...", n, scene);
      while (live.size() > n) {
        String id = live.removeLast();
        stack
            .api()
            .send("POST", "/api/streams/" + id + "/control?wait=true", "{\"action\":\"stop\"}");
      }
      List<String> added = new ArrayList<>();
      while (live.size() < n) {
        String id = PREFIX + (live.size() + 1);
        if (!created.contains(id)) {
          scene.create(stack.api(), id);
          stack
              .api()
              .send("PATCH", "/api/streams/" + id + "?wait=true", "{\"bitrate\":" + kbps + "}");
          created.add(id);
        }
        stack
            .api()
            .send("POST", "/api/streams/" + id + "/control?wait=true", "{\"action\":\"start\"}");
        live.add(id);
        added.add(id);
      }
      long deadline = System.nanoTime() + 60_000_000_000L;
      for (String id : added) {
        while (status(id).path("framesEncoded").asLong() == 0) {
          if (System.nanoTime() > deadline) {
            BenchMain.progress("fleet: %s encoded no frame within 60 s: does not hold", id);
            return false;
          }
          Thread.sleep(200);
        }
      }
      glide(true);
      pace(warmup);
      Map<String, long[]> before = counts();
      Map<String, Double> cpuBefore = ProcessCpu.sample(processes);
      long t0 = System.nanoTime();
      pace(seconds);
      double window = (System.nanoTime() - t0) / 1e9;
      double cores =
          ProcessCpu.total(ProcessCpu.between(cpuBefore, ProcessCpu.sample(processes))) / window;
      Map<String, long[]> after = counts();
      // Each stream on its own: a frame dropped (or repeated for want of time) in any stream, or a
      // stream that encoded less than real time (its status late or stuck), and the count fails.
      long dropped = 0;
      double slowest = Double.MAX_VALUE;
      for (String id : live) {
        long[] b = before.get(id);
        long[] a = after.get(id);
        dropped += Math.max(0, a[1] - b[1]);
        slowest = Math.min(slowest, (a[0] - b[0]) / window);
      }
      // The fps is a liveness check (a stream stuck, or its status not coming): the status comes
      // once a second, so a window reads it within a second either way. Dropped frames judge.
      boolean holds = dropped == 0 && slowest >= 0.9 * fps;
      BenchMain.line("fleet.try.streams_" + n + ".frames_dropped", dropped, 0);
      BenchMain.line("fleet.try.streams_" + n + ".slowest_fps", slowest, 1);
      BenchMain.line("fleet.try.streams_" + n + ".cpu_cores", cores, 2);
      if (holds) {
        coresAtMost = cores;
      }
      return holds;
    }

    /** Each live stream's frames encoded and dropped, from its status. */
    private Map<String, long[]> counts() throws IOException, InterruptedException {
      Map<String, long[]> out = new java.util.HashMap<>();
      for (String id : live) {
        JsonNode st = status(id);
        out.put(
            id, new long[] {st.path("framesEncoded").asLong(), st.path("framesDropped").asLong()});
      }
      return out;
    }

    /**
     * Waits {@code s} seconds, gliding every live stream's box one leg each {@code LEG_SECONDS}.
     */
    private void pace(int s) throws Exception {
      long end = System.nanoTime() + s * 1_000_000_000L;
      while (System.nanoTime() < end) {
        glide(false);
        Thread.sleep(100);
      }
    }

    private void glide(boolean now) throws Exception {
      if (now || System.nanoTime() - legStart >= BenchScene.LEG_SECONDS * 1_000_000_000L) {
        for (String id : live) {
          scene.glide(stack.api(), id, leg);
        }
        leg++;
        legStart = System.nanoTime();
      }
    }

    private JsonNode status(String id) throws IOException, InterruptedException {
      return stack.api().send("GET", "/api/streams/" + id + "/status", null);
    }

    void stopAll() {
      for (String id : live) {
        try {
          stack.api().send("POST", "/api/streams/" + id + "/control", "{\"action\":\"stop\"}");
        } catch (IOException | InterruptedException | RuntimeException e) {
          BenchMain.progress("fleet: stopping %s: %s", id, e);
        }
      }
      live.clear();
    }
  }

  /**
   * {@code n} ffmpeg processes composing and encoding the scene side by side, each paced like a
   * live source: all keep real time when each encoded at least 97 % of the window's frames.
   */
  private boolean ffmpegHolds(int n) throws Exception {
    BenchMain.progress("ffmpeg: %d processes side by side...", n);
    BenchScene scene = new BenchScene("demo", w, h, fps, stack.root());
    Path dir = Files.createDirectories(stack.work().resolve("fleet-ffmpeg"));
    List<Process> running = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        List<String> args =
            new ArrayList<>(scene.ffmpeg("ffmpeg", "veryfast", kbps, dir.resolve(i + ".flv")));
        // Progress (frame=...) to a file of its own, read before and after the window.
        args.addAll(1, List.of("-progress", dir.resolve(i + ".progress").toString()));
        running.add(
            new ProcessBuilder(args)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(i + ".log").toFile())
                .start());
      }
      Thread.sleep(Math.max(5, warmup / 2) * 1000L);
      long[] before = new long[n];
      for (int i = 0; i < n; i++) {
        if (!running.get(i).isAlive()) {
          throw new IllegalStateException(
              "ffmpeg ended at once: " + Files.readString(dir.resolve(i + ".log")));
        }
        before[i] = frames(dir.resolve(i + ".progress"));
      }
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      double window = (System.nanoTime() - t0) / 1e9;
      double slowest = Double.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        double speed = (frames(dir.resolve(i + ".progress")) - before[i]) / (window * fps);
        slowest = Math.min(slowest, speed);
      }
      BenchMain.line("ffmpeg.try.processes_" + n + ".slowest_speed", slowest, 3);
      return slowest >= 0.97;
    } finally {
      for (Process p : running) {
        p.destroy();
      }
      for (Process p : running) {
        p.waitFor();
      }
    }
  }

  /** The last {@code frame=} an ffmpeg progress file shows (0 before the first). */
  private static long frames(Path progress) throws IOException {
    if (!Files.exists(progress)) {
      return 0;
    }
    long last = 0;
    for (String line : Files.readAllLines(progress)) {
      if (line.startsWith("frame=")) {
        last = Long.parseLong(line.substring(6).trim());
      }
    }
    return last;
  }
}
