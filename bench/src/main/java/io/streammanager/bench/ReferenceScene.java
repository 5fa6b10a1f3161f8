package io.streammanager.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference bench scene of {@code bench e2e} and {@code bench soak} (docs/benchmarks.md), built
 * through the HTTP API: four pictures (background, lower third, logo, ticker: PNG files
 * render-worker's {@code BenchPictures} drew into the folder the launcher names with {@code
 * --pictures}), a title, a clock with milliseconds, and a rounded, translucent box that glides
 * across in {@link #LEG_MILLIS} legs (it moves every frame). Laid out for 1920x1080; the stream
 * takes {@code --resolution} (default 1920x1080) and {@code --fps} (default 30).
 *
 * @param resolution the stream's WxH
 * @param fps the stream's frame rate
 * @param pictures the folder of the four PNG files
 */
record ReferenceScene(String resolution, int fps, Path pictures) {
  /** One leg of the box's glide. */
  static final int LEG_MILLIS = 12_000;

  private static final List<String> PICTURES =
      List.of("background", "lower-third", "logo", "ticker");

  static ReferenceScene read(BenchOptions options) {
    return new ReferenceScene(
        options.text("resolution", "1920x1080"),
        options.count("fps", 30),
        Path.of(options.text("pictures", "var/bench/pictures")));
  }

  /**
   * Builds the scene on {@code stream} ({@link #create}), starts it and waits for its first encoded
   * frames.
   */
  LiveStream goLive(LaunchedStack stack, String stream) throws IOException, InterruptedException {
    create(stack.api(), stream);
    return LiveStream.start(stack.api(), stream, stack.logs());
  }

  /**
   * Uploads the pictures, creates the stream (recorded to a file) and its seven layers in one
   * batch.
   */
  void create(Api api, String stream) throws IOException, InterruptedException {
    Map<String, String> src = new HashMap<>();
    for (String name : PICTURES) {
      src.put(name, api.upload(pictures.resolve(name + ".png"), "image/png"));
    }
    api.createRecordedStream(stream, resolution, fps);
    api.upsertAll(
        stream,
        List.of(
            "{\"id\":\"background\",\"type\":\"image\",\"x\":0,\"y\":0,\"src\":\""
                + src.get("background")
                + "\"}",
            "{\"id\":\"lower-third\",\"type\":\"image\",\"x\":100,\"y\":760,\"src\":\""
                + src.get("lower-third")
                + "\"}",
            "{\"id\":\"logo\",\"type\":\"image\",\"x\":1700,\"y\":180,\"anchorX\":0.5,\"anchorY\":0.5,\"rotation\":5,"
                + "\"opacity\":0.8,\"src\":\""
                + src.get("logo")
                + "\"}",
            "{\"id\":\"ticker\",\"type\":\"image\",\"x\":0,\"y\":960,\"src\":\""
                + src.get("ticker")
                + "\"}",
            "{\"id\":\"title\",\"type\":\"text\",\"x\":140,\"y\":790,\"text\":\"Stream Manager live\",\"size\":48,"
                + "\"font\":\"DejaVu Sans\",\"color\":\"#FFFFFF\"}",
            "{\"id\":\"clock\",\"type\":\"clock\",\"x\":60,\"y\":1000,\"format\":\"HH:mm:ss.SSS\",\"timeZone\":\"UTC\","
                + "\"size\":28,\"color\":\"#FFFFFF\"}",
            "{\"id\":\"box\",\"type\":\"rect\",\"x\":100,\"y\":420,\"width\":320,\"height\":180,\"color\":\"#2080FF99\","
                + "\"cornerRadius\":24}"));
  }

  /**
   * Leg {@code n} of the box's glide: to x 1500 on even legs, back to 100 on odd ones. A failed
   * move is reported and the benchmark goes on (the box just stays where it is).
   */
  void moveBox(Api api, String stream, int n) throws InterruptedException {
    try {
      api.send(
          "PATCH",
          "/api/streams/" + stream + "/layers/box",
          "{\"x\":"
              + (n % 2 == 0 ? 1500 : 100)
              + ",\"transition\":{\"durationMs\":"
              + LEG_MILLIS
              + ",\"easing\":\"linear\"}}");
    } catch (IOException e) {
      BenchMain.progress("moving the box failed, going on: %s", e.getMessage());
    }
  }
}
