package io.streammanager.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A stream of the stack, started and on air, and its frame counters as its status reports them. */
final class LiveStream {
  private static final long FIRST_FRAME_NANOS = 60_000_000_000L;
  private final Api api;
  private final String id;

  /** The frame counters of a stream at one moment. */
  record Frames(long encoded, long dropped, long atNanos) {}

  private LiveStream(Api api, String id) {
    this.api = api;
    this.id = id;
  }

  /** Starts the stream and waits for its first encoded frames (60 s at most). */
  static LiveStream start(Api api, String id, Path logs) throws IOException, InterruptedException {
    api.send("POST", "/api/streams/" + id + "/control?wait=true", "{\"action\":\"start\"}");
    LiveStream live = new LiveStream(api, id);
    long deadline = System.nanoTime() + FIRST_FRAME_NANOS;
    while (live.encodedSoFar() == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the bench stream encoded nothing within 60 s (logs: " + logs + ")");
      }
      Thread.sleep(500);
    }
    return live;
  }

  JsonNode status() throws IOException, InterruptedException {
    return api.send("GET", "/api/streams/" + id + "/status", null);
  }

  Frames frames() throws IOException, InterruptedException {
    JsonNode status = status();
    return new Frames(
        status.path("framesEncoded").asLong(),
        status.path("framesDropped").asLong(),
        System.nanoTime());
  }

  /**
   * {@code <bench>.frames_dropped} and {@code <bench>.fps} (encoded frames a second) between two
   * readings.
   */
  static List<String> results(String bench, Frames first, Frames last) {
    return List.of(
        BenchMain.format(bench + ".frames_dropped", last.dropped() - first.dropped(), 0),
        BenchMain.format(
            bench + ".fps",
            (last.encoded() - first.encoded()) / ((last.atNanos() - first.atNanos()) / 1e9),
            1));
  }

  /** Frames encoded so far; 0 while the status cannot be read yet. */
  private long encodedSoFar() throws InterruptedException {
    try {
      return status().path("framesEncoded").asLong();
    } catch (IOException e) {
      return 0;
    }
  }
}
