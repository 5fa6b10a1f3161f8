package io.streammanager.render;

import io.streammanager.proto.StreamState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Snapshots by (stream, version). They are immutable, so a cached one is always right; only the
 * newest few per worker are kept.
 */
public final class SnapshotCache {
  private final int capacity;
  private final BiFunction<String, Long, Optional<StreamState>> loader;
  private final Map<String, StreamState> entries;
  private long hits;
  private long misses;

  public SnapshotCache(int capacity, BiFunction<String, Long, Optional<StreamState>> loader) {
    this.capacity = capacity;
    this.loader = loader;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, StreamState> eldest) {
            return size() > SnapshotCache.this.capacity;
          }
        };
  }

  /**
   * The snapshot of {@code version}; keyed with the run too, so a stream deleted and created again
   * (versions start over) never gets the old stream's snapshot from the cache.
   */
  public synchronized Optional<StreamState> get(String streamId, String runId, long version) {
    String key = streamId + "@" + runId + "@" + version;
    StreamState s = entries.get(key);
    if (s != null) {
      hits++;
      return Optional.of(s);
    }
    misses++;
    Optional<StreamState> loaded = loader.apply(streamId, version);
    loaded.ifPresent(state -> entries.put(key, state));
    return loaded;
  }

  public synchronized double hitRatio() {
    long total = hits + misses;
    return total == 0 ? 0 : (double) hits / total;
  }
}
