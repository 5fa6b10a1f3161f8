package io.streammanager.render.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench scene as an FFmpeg overlay/drawtext filter graph, to raw YUV420P on one thread.
 * Pictures that never change (the inputs, the logo turned and faded) are prepared once and repeated
 * with {@code loop}, so each frame costs what composing costs: four overlays, two drawtext, the
 * output. Writes its inputs (pictures and the shipped font) into a work directory.
 */
final class FfmpegOverlayGraph {
  private final Path dir;
  private final String ffmpeg;

  FfmpegOverlayGraph(Path dir, String ffmpeg) throws IOException {
    this.dir = dir;
    this.ffmpeg = ffmpeg;
    for (Map.Entry<String, byte[]> p : BenchScene.pictures().entrySet()) {
      Files.write(dir.resolve(p.getKey() + ".png"), p.getValue());
    }
    try (InputStream font = FfmpegOverlayGraph.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
      if (font == null) {
        throw new IllegalStateException("fonts/DejaVuSans.ttf is not on the class path");
      }
      Files.copy(font, dir.resolve("DejaVuSans.ttf"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * The command that composes {@code frames} frames to {@code output} ("-" for stdout, or a file).
   */
  List<String> command(int frames, String output) {
    String font = dir.resolve("DejaVuSans.ttf").toString();
    double angle = Math.toRadians(BenchScene.LOGO_ROTATION);
    String graph =
        String.join(
            ";",
            "[0]format=yuv420p,loop=loop=-1:size=1:start=0,setpts=N/" + BenchScene.FPS + "/TB[bg]",
            "[1]format=yuva420p,loop=loop=-1:size=1:start=0,setpts=N/" + BenchScene.FPS + "/TB[lt]",
            String.format(
                Locale.ROOT,
                "[2]format=rgba,colorchannelmixer=aa=%.2f,rotate=%.10f:c=none:ow=rotw(%.10f)"
                    + ":oh=roth(%.10f),format=yuva420p,loop=loop=-1:size=1:start=0,setpts=N/%d/TB[logo]",
                BenchScene.LOGO_OPACITY,
                angle,
                angle,
                angle,
                BenchScene.FPS),
            "[3]format=yuva420p,loop=loop=-1:size=1:start=0,setpts=N/" + BenchScene.FPS + "/TB[tk]",
            "[4]format=yuva420p,loop=loop=-1:size=1:start=0,setpts=N/"
                + BenchScene.FPS
                + "/TB[box]",
            "[bg][lt]overlay=" + BenchScene.LOWER_THIRD_X + ":" + BenchScene.LOWER_THIRD_Y + "[a]",
            "[a][logo]overlay=x="
                + BenchScene.LOGO_CENTER_X
                + "-overlay_w/2:y="
                + BenchScene.LOGO_CENTER_Y
                + "-overlay_h/2[b]",
            "[b][tk]overlay=0:" + BenchScene.TICKER_Y + "[c]",
            "[c]drawtext=fontfile="
                + font
                + ":text='"
                + BenchScene.TITLE
                + "':fontsize="
                + BenchScene.TITLE_SIZE
                + ":fontcolor=white:x="
                + BenchScene.TITLE_X
                + ":y="
                + BenchScene.TITLE_Y
                + ",drawtext=fontfile="
                + font
                + ":text='%{pts\\:hms\\:"
                + BenchScene.START.getEpochSecond() % 86_400
                + "}':fontsize="
                + BenchScene.CLOCK_SIZE
                + ":fontcolor=white:x="
                + BenchScene.CLOCK_X
                + ":y="
                + BenchScene.CLOCK_Y
                + "[d]",
            "[d][box]overlay=x='"
                + BenchScene.BOX_X0
                + "+"
                + BenchScene.BOX_STEP * BenchScene.FPS
                + "*t':y="
                + BenchScene.BOX_Y
                + ":eval=frame,format=yuv420p[out]");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                ffmpeg,
                "-hide_banner",
                "-nostats",
                "-loglevel",
                "info",
                "-benchmark",
                "-nostdin",
                "-threads",
                "1",
                "-filter_threads",
                "1",
                "-filter_complex_threads",
                "1"));
    for (String input :
        List.of(
            BenchScene.BACKGROUND,
            BenchScene.LOWER_THIRD,
            BenchScene.LOGO,
            BenchScene.TICKER,
            BenchScene.BOX)) {
      cmd.addAll(
          List.of(
              "-framerate",
              Integer.toString(BenchScene.FPS),
              "-i",
              dir.resolve(input + ".png").toString()));
    }
    cmd.addAll(
        List.of(
            "-filter_complex",
            graph,
            "-map",
            "[out]",
            "-frames:v",
            Integer.toString(frames),
            "-f",
            "rawvideo",
            "-pix_fmt",
            "yuv420p",
            "-y",
            output));
    return cmd;
  }

  /**
   * Wall time and CPU time (user + system, from FFmpeg's {@code -benchmark}) of one run, in
   * nanoseconds.
   */
  record Timing(long wallNanos, long cpuNanos) {}

  private static final Pattern BENCH =
      Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");

  /** Runs the graph for {@code frames} frames into /dev/null. */
  Timing time(int frames) throws IOException, InterruptedException {
    List<String> cmd = command(frames, "/dev/null");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.PIPE);
    long start = System.nanoTime();
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    long wall = System.nanoTime() - start;
    Matcher m = BENCH.matcher(log);
    if (exit != 0 || !m.find()) {
      throw new IllegalStateException(
          "ffmpeg exited with "
              + exit
              + (exit == 0 ? " without a bench: line" : "")
              + ": "
              + log.strip()
              + "\ncommand: "
              + String.join(" ", cmd));
    }
    double cpuSeconds = Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
    return new Timing(wall, StrictMath.round(cpuSeconds * 1e9));
  }
}
