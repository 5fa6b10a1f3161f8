package io.streammanager.encoder;

import io.streammanager.encoder.media.Broadcast;
import io.streammanager.encoder.media.EncoderSettings;
import io.streammanager.encoder.media.OutputPolicy;
import io.streammanager.encoder.media.SilenceSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./stream-manager bench encoder}: the encoder stage (whole raw I420 frames as the
 * reassembler hands them over -> x264 + AAC -> no output) against Debian's {@code ffmpeg} CLI
 * encoding the same raw frames with the same settings to its null muxer. Runs alternate (ours,
 * theirs, ours, ...) after one untimed warm-up of each, so load from other processes hits both
 * alike; each figure is the median of the rounds. Prints {@code encoder.fps}, {@code
 * ffmpeg_cli.fps} and {@code encoder.vs_ffmpeg_cli} (wall clock, open to close, as asked by issue
 * 5) on stdout, then the same per CPU second ({@code *.cpu_fps}, {@code encoder.vs_ffmpeg_cli_cpu}:
 * frames per second of CPU time used by every thread of the encoder, x264's included, and by the
 * ffmpeg process), which a busy shared machine disturbs much less; details on stderr.
 *
 * <p>Arguments (all optional): {@code --width 1920 --height 1080 --fps 30 --bitrate 4500 --preset
 * veryfast --frames 300 --rounds 5 --ffmpeg ffmpeg}. The frames are 60 distinct synthetic pictures
 * (moving gradients and noise), cycled; the CLI reads the same 60 from a raw file with {@code
 * -stream_loop}.
 */
public final class EncoderBench {
  private static final int DISTINCT = 60;

  private final int width;
  private final int height;
  private final int fps;
  private final int kbps;
  private final String preset;
  private final int frames;
  private final int rounds;
  private final String ffmpeg;

  private EncoderBench(Map<String, String> args) {
    width = Integer.parseInt(args.getOrDefault("width", "1920"));
    height = Integer.parseInt(args.getOrDefault("height", "1080"));
    fps = Integer.parseInt(args.getOrDefault("fps", "30"));
    kbps = Integer.parseInt(args.getOrDefault("bitrate", "4500"));
    preset = args.getOrDefault("preset", "veryfast");
    frames = Integer.parseInt(args.getOrDefault("frames", "300"));
    rounds = Integer.parseInt(args.getOrDefault("rounds", "5"));
    ffmpeg = args.getOrDefault("ffmpeg", "ffmpeg");
    if (frames % DISTINCT != 0 || frames < DISTINCT) {
      throw new IllegalArgumentException(
          "--frames must be a multiple of " + DISTINCT + ", got " + frames);
    }
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      if (!argv[i].startsWith("--")) {
        throw new IllegalArgumentException(
            "expected --name value pairs, got " + Arrays.toString(argv));
      }
      args.put(argv[i].substring(2), argv[i + 1]);
    }
    new EncoderBench(args).run();
  }

  private void run() throws Exception {
    EncoderSettings settings =
        new EncoderSettings(
            width,
            height,
            fps,
            kbps,
            preset,
            "main",
            2 * fps,
            true,
            io.streammanager.encoder.media.AudioCodecKind.AAC,
            128,
            null);
    List<byte[]> pictures = pictures();
    Path raw = Files.createTempFile("sm-bench-frames", ".yuv");
    try {
      try (OutputStream out = Files.newOutputStream(raw)) {
        for (byte[] p : pictures) {
          out.write(p);
        }
      }
      System.err.printf(
          Locale.ROOT,
          "bench encoder: %dx%d@%d %d kbps %s, %d frames, %d rounds (+1 warm-up)%n",
          width,
          height,
          fps,
          kbps,
          preset,
          frames,
          rounds);
      ours(settings, pictures);
      theirs(raw);
      List<Run> oursRuns = new ArrayList<>();
      List<Run> theirsRuns = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        oursRuns.add(ours(settings, pictures));
        theirsRuns.add(theirs(raw));
        System.err.printf(
            Locale.ROOT,
            "round %d: encoder %.1f fps (%.1f per CPU s), ffmpeg cli %.1f fps (%.1f per CPU s)%n",
            r + 1,
            oursRuns.getLast().fps(),
            oursRuns.getLast().cpuFps(),
            theirsRuns.getLast().fps(),
            theirsRuns.getLast().cpuFps());
      }
      double a = median(oursRuns.stream().map(Run::fps).toList());
      double b = median(theirsRuns.stream().map(Run::fps).toList());
      double ac = median(oursRuns.stream().map(Run::cpuFps).toList());
      double bc = median(theirsRuns.stream().map(Run::cpuFps).toList());
      System.out.printf(Locale.ROOT, "encoder.fps %.1f%n", a);
      System.out.printf(Locale.ROOT, "ffmpeg_cli.fps %.1f%n", b);
      System.out.printf(Locale.ROOT, "encoder.vs_ffmpeg_cli %.3f%n", a / b);
      System.out.printf(Locale.ROOT, "encoder.cpu_fps %.1f%n", ac);
      System.out.printf(Locale.ROOT, "ffmpeg_cli.cpu_fps %.1f%n", bc);
      System.out.printf(Locale.ROOT, "encoder.vs_ffmpeg_cli_cpu %.3f%n", ac / bc);
    } finally {
      Files.deleteIfExists(raw);
    }
  }

  /** One timed run: frames per wall-clock second and per CPU second. */
  private record Run(double fps, double cpuFps) {}

  /** Our encoder stage: open, every frame, flush and close (a broadcast with no outputs). */
  private Run ours(EncoderSettings settings, List<byte[]> pictures) {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    try (Broadcast b =
        Broadcast.open(
            settings, SilenceSource.INSTANCE, List.of(), OutputPolicy.standard(), "bench")) {
      for (int i = 0; i < frames; i++) {
        b.writeVideoFrame(i, pictures.get(i % DISTINCT));
      }
    }
    return new Run(
        frames / ((System.nanoTime() - start) / 1e9),
        frames / ((os.getProcessCpuTime() - cpu) / 1e9));
  }

  /**
   * The CLI with the same settings, whole process; its CPU time comes from bash's {@code times}
   * (user + system of the finished child).
   */
  private Run theirs(Path raw) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of("bash", "-c", "\"$@\" </dev/null; rc=$?; times; exit $rc", "bench"));
    command.addAll(
        List.of(
            ffmpeg,
            "-hide_banner",
            "-nostats",
            "-v",
            "error",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "yuv420p",
            "-s",
            width + "x" + height,
            "-r",
            String.valueOf(fps),
            "-stream_loop",
            String.valueOf(frames / DISTINCT - 1),
            "-i",
            raw.toString(),
            "-f",
            "lavfi",
            "-i",
            "anullsrc=r=48000:cl=stereo",
            "-map",
            "0:v",
            "-map",
            "1:a",
            "-frames:v",
            String.valueOf(frames),
            "-shortest",
            "-c:v",
            "libx264",
            "-preset",
            preset,
            "-tune",
            "zerolatency",
            "-profile:v",
            "main",
            "-b:v",
            kbps + "k",
            "-maxrate",
            kbps + "k",
            "-bufsize",
            kbps + "k",
            "-g",
            String.valueOf(2 * fps),
            "-keyint_min",
            String.valueOf(2 * fps),
            "-bf",
            "0",
            "-x264-params",
            "scenecut=0:nal-hrd=cbr:force-cfr=1",
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            "-f",
            "null",
            "-"));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    // times: the shell's own user/system line, then its children's, e.g. "0m12.345s 0m0.678s"
    String[] children =
        output.strip().lines().reduce((first, second) -> second).orElseThrow().split("\\s+");
    double cpu = seconds(children[0]) + seconds(children[1]);
    return new Run(frames / wall, frames / cpu);
  }

  private static double seconds(String bashTime) {
    int m = bashTime.indexOf('m');
    return Integer.parseInt(bashTime.substring(0, m)) * 60
        + Double.parseDouble(bashTime.substring(m + 1, bashTime.length() - 1));
  }

  /**
   * 60 pictures: diagonal gradients moving 4 px per frame, with a fixed pseudo-random texture so
   * x264 has work.
   */
  private List<byte[]> pictures() {
    int chromaW = (width + 1) / 2;
    int chromaH = (height + 1) / 2;
    List<byte[]> out = new ArrayList<>();
    long seed = 42;
    for (int f = 0; f < DISTINCT; f++) {
      byte[] p = new byte[width * height + 2 * chromaW * chromaH];
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          seed = seed * 6364136223846793005L + 1442695040888963407L;
          p[y * width + x] = (byte) (16 + ((x + y + 4 * f) % 200) + (int) ((seed >>> 60) & 7));
        }
      }
      int u = width * height;
      int v = u + chromaW * chromaH;
      for (int y = 0; y < chromaH; y++) {
        for (int x = 0; x < chromaW; x++) {
          p[u + y * chromaW + x] = (byte) (64 + ((x + 2 * f) % 128));
          p[v + y * chromaW + x] = (byte) (64 + ((y + f) % 128));
        }
      }
      out.add(p);
    }
    return out;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
