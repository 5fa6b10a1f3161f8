package io.streammanager.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./stream-manager bench soak}: the reference scene ({@link ReferenceScene}) live on stream
 * {@code soak} for N minutes, the box gliding across in 12 s legs (one change through the API a
 * leg). Prints the frames the encoder had to replace ({@code soak.frames_dropped}), the encoded
 * frame rate ({@code soak.fps}) and the CPU seconds each process of the stack used meanwhile
 * ({@code soak.cpu_seconds.<name>}, from /proc).
 *
 * @param minutes how long the scene is live
 * @param stack where the stack is
 * @param scene the scene's resolution, frame rate and pictures
 */
record SoakBench(int minutes, LaunchedStack stack, ReferenceScene scene)
    implements BenchMain.Bench {
  static final String USAGE = "--minutes N";
  private static final String STREAM = "soak";

  /** {@code --minutes} (10), the stack and the scene from the options, which are checked. */
  static SoakBench read(BenchOptions options) {
    return options.checked(
        new SoakBench(
            options.count("minutes", 10),
            LaunchedStack.read(options),
            ReferenceScene.read(options)));
  }

  @Override
  public void run() throws Exception {
    if (stack.pids().isEmpty()) {
      throw new IllegalStateException(
          "--pids name=pid,... of the stack's processes is needed for the CPU figures");
    }
    BenchMain.progress(
        "bench scene on stream %s (%s @ %d fps) for %d min...",
        STREAM, scene.resolution(), scene.fps(), minutes);
    LiveStream live = scene.goLive(stack, STREAM);
    Map<String, Double> cpuBefore = ProcessCpu.sample(stack.pids());
    LiveStream.Frames first = live.frames();
    long end = System.nanoTime() + minutes * 60_000_000_000L;
    for (int leg = 0; System.nanoTime() < end; leg++) {
      scene.moveBox(stack.api(), STREAM, leg);
      Thread.sleep(ReferenceScene.LEG_MILLIS);
      long secondsLeft = (end - System.nanoTime()) / 1_000_000_000L;
      BenchMain.progress("soak: %d min left, status %s", (secondsLeft + 59) / 60, status(live));
    }
    LiveStream.Frames last = live.frames();
    results(first, last, ProcessCpu.between(cpuBefore, ProcessCpu.sample(stack.pids())))
        .forEach(System.out::println);
  }

  /**
   * The result lines: frames and frame rate between two readings, and the CPU seconds each process
   * used.
   */
  static List<String> results(
      LiveStream.Frames first, LiveStream.Frames last, Map<String, Double> cpuSeconds) {
    List<String> lines = new ArrayList<>(LiveStream.results(STREAM, first, last));
    cpuSeconds.forEach((name, s) -> lines.add(BenchMain.format("soak.cpu_seconds." + name, s, 1)));
    return lines;
  }

  private static String status(LiveStream live) throws InterruptedException {
    try {
      return live.status().toString();
    } catch (IOException e) {
      return "unreadable (" + e.getMessage() + ")";
    }
  }
}
