package io.streammanager.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scene a platform benchmark streams, built twice: through the platform's API, and as one
 * ffmpeg filter graph that draws the same picture. {@code demo}: a background, a translucent band,
 * a title, a clock with hundredths (every frame differs), a logo and a box gliding from side to
 * side by tweens (one command per 12 s, none in between); {@code static}: the same without the
 * clock and the box, so nothing changes.
 */
final class BenchScene {
  /** One leg of the box's glide, in seconds. */
  static final int LEG_SECONDS = 12;

  private final String kind;
  private final int w;
  private final int h;
  private final int fps;
  private final Path root;

  BenchScene(String kind, int width, int height, int fps, Path root) {
    if (!kind.equals("demo") && !kind.equals("static")) {
      throw new IllegalArgumentException("--scene must be demo or static, was " + kind);
    }
    this.kind = kind;
    this.w = width;
    this.h = height;
    this.fps = fps;
    this.root = root;
  }

  boolean moving() {
    return kind.equals("demo");
  }

  int boxSize() {
    return h / 10;
  }

  Path logo() {
    return root.resolve("docs/assets/demo-logo.png");
  }

  Path font() {
    return root.resolve("render-worker/src/main/resources/fonts/DejaVuSans.ttf");
  }

  /** Creates the stream and its layers through the API (recorded to a file below its folder). */
  void create(Api api, String stream) throws IOException, InterruptedException {
    api.createRecordedStream(stream, w + "x" + h, fps);
    String logo = api.upload(logo(), "image/png");
    List<String> layers =
        new ArrayList<>(
            List.of(
                "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"#101a3a\"}",
                "{\"id\":\"band\",\"type\":\"rect\",\"x\":0,\"y\":"
                    + h * 3 / 4
                    + ",\"width\":"
                    + w
                    + ",\"height\":"
                    + h / 8
                    + ",\"color\":\"#1e88e5\",\"opacity\":0.85}",
                "{\"id\":\"title\",\"type\":\"text\",\"x\":"
                    + w / 24
                    + ",\"y\":"
                    + (h * 3 / 4 + h / 40)
                    + ",\"text\":\"Stream Manager live demo\",\"size\":"
                    + h / 18
                    + ",\"color\":\"#FFFFFF\"}",
                "{\"id\":\"logo\",\"type\":\"image\",\"x\":"
                    + w / 24
                    + ",\"y\":"
                    + h / 20
                    + ",\"src\":\""
                    + logo
                    + "\"}"));
    if (moving()) {
      layers.add(
          "{\"id\":\"clock\",\"type\":\"clock\",\"x\":"
              + w * 7 / 10
              + ",\"y\":"
              + h / 20
              + ",\"format\":\"HH:mm:ss.SS\",\"timeZone\":\"UTC\",\"size\":"
              + h / 14
              + ",\"color\":\"#FFEB3B\"}");
      layers.add(
          "{\"id\":\"box\",\"type\":\"rect\",\"x\":0,\"y\":"
              + (h / 2 - h / 20)
              + ",\"width\":"
              + boxSize()
              + ",\"height\":"
              + boxSize()
              + ",\"color\":\"#FF5252\"}");
    }
    api.upsertAll(stream, layers);
  }

  /**
   * Leg {@code n} of the box's glide: to the right edge on even legs, back on odd ones, in {@link
   * #LEG_SECONDS}.
   */
  void glide(Api api, String stream, int n) throws IOException, InterruptedException {
    if (moving()) {
      api.send(
          "PATCH",
          "/api/streams/" + stream + "/layers/box",
          "{\"x\":"
              + (n % 2 == 0 ? w - boxSize() : 0)
              + ",\"transition\":{\"durationMs\":"
              + LEG_SECONDS * 1000
              + ",\"easing\":\"linear\"}}");
    }
  }

  /**
   * ffmpeg's arguments for the same scene, paced like a live source ({@code -re}), with the
   * platform's x264 and AAC settings, to an FLV file: what one process does for the job the
   * platform does.
   */
  List<String> ffmpeg(String ffmpeg, String preset, int kbps, Path out) {
    String band =
        "drawbox=x=0:y=" + h * 3 / 4 + ":w=" + w + ":h=" + h / 8 + ":color=0x1e88e5@0.85:t=fill";
    String title =
        "drawtext=fontfile="
            + font()
            + ":text='Stream Manager live demo':fontsize="
            + h / 18
            + ":fontcolor=white:x="
            + w / 24
            + ":y="
            + (h * 3 / 4 + h / 40);
    StringBuilder graph =
        new StringBuilder(
            "[0:v]"
                + band
                + ","
                + title
                + "[s];[s][1:v]overlay=x="
                + w / 24
                + ":y="
                + h / 20
                + "[l]");
    String last = "[l]";
    if (moving()) {
      graph
          .append(";[l]drawtext=fontfile=")
          .append(font())
          .append(":text='%{pts\\:hms}':fontsize=")
          .append(h / 14)
          .append(":fontcolor=0xFFEB3B:x=")
          .append(w * 7 / 10)
          .append(":y=")
          .append(h / 20)
          .append("[c]")
          .append(";color=c=0xFF5252:s=")
          .append(boxSize())
          .append('x')
          .append(boxSize())
          .append(":r=")
          .append(fps)
          .append("[b];[c][b]overlay=shortest=1:x='abs(mod(t,")
          .append(2 * LEG_SECONDS)
          .append(")-")
          .append(LEG_SECONDS)
          .append(")/")
          .append(LEG_SECONDS)
          .append("*(W-w)':y=")
          .append(h / 2 - h / 20)
          .append("[v]");
      last = "[v]";
    }
    return List.of(
        ffmpeg,
        "-hide_banner",
        "-nostats",
        "-v",
        "error",
        "-y",
        "-re",
        "-f",
        "lavfi",
        "-i",
        "color=c=0x101a3a:s=" + w + "x" + h + ":r=" + fps,
        "-loop",
        "1",
        "-framerate",
        String.valueOf(fps),
        "-i",
        logo().toString(),
        "-f",
        "lavfi",
        "-i",
        "anullsrc=r=48000:cl=stereo",
        "-filter_complex",
        graph.toString(),
        "-map",
        last,
        "-map",
        "2:a",
        "-c:v",
        "libx264",
        "-preset",
        preset,
        "-tune",
        "zerolatency",
        "-profile:v",
        "main",
        "-pix_fmt",
        "yuv420p",
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
        "flv",
        out.toString());
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %dx%d@%d", kind, w, h, fps);
  }
}
