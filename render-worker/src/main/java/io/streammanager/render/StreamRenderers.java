package io.streammanager.render;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@link FrameRenderer} and {@link FrameChunker} per stream run, for the few runs a worker drew
 * last, so that a stream's static base, dirty areas and last compressed frame survive ticks of
 * other streams in between. They share one {@link SceneRenderer} (its caches and layer buffer) and
 * one {@link FrameStats}. A run not seen for a while loses its pipeline to the least recently used
 * order (its frame buffers go back to the pool), and only costs one whole frame when it comes back.
 * Not thread-safe: one per rendering thread.
 */
final class StreamRenderers {
  /** A run's renderer and chunker. */
  record Pipeline(FrameRenderer frames, FrameChunker chunker) {}

  private final SceneRenderer scene;
  private final FrameStats stats;
  private final Map<String, Pipeline> pipelines;

  StreamRenderers(SceneRenderer scene, FrameStats stats, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.scene = scene;
    this.stats = stats;
    this.pipelines =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Pipeline> eldest) {
            if (size() > capacity) {
              eldest.getValue().frames().close();
              return true;
            }
            return false;
          }
        };
  }

  Pipeline of(String streamId, String runId) {
    return pipelines.computeIfAbsent(
        streamId + "\n" + runId,
        k -> new Pipeline(new FrameRenderer(scene, stats), new FrameChunker()));
  }

  int size() {
    return pipelines.size();
  }
}
