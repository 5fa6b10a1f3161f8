package io.streammanager.render;

import io.streammanager.kit.config.PlatformConfig.AssetLimits;
import io.streammanager.kit.kafka.RecordRejectedException;
import io.streammanager.kit.pictures.Pictures;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decoded pictures by content address, bounded by their pixel bytes (least recently used go first).
 * Pictures are decoded through {@link Pictures#decodePremultiplied}: the header is held to
 * ASSET_MAX_PIXELS before any decode, the process's decode budget bounds what decodes at once, and
 * only the premultiplied copy is kept. A picture that is refused or does not decode is remembered:
 * the first frame that needs it is refused (a dead letter naming the asset), later frames draw the
 * layer as nothing, and it is never decoded again by this worker.
 */
public final class AssetCache {
  private static final int MAX_REMEMBERED_FAILURES = 1024;
  private final long maxBytes;
  private final Function<String, Optional<byte[]>> loader;
  private final AssetLimits limits;
  private final LinkedHashMap<String, BufferedImage> images = new LinkedHashMap<>(16, 0.75f, true);
  private final LinkedHashMap<String, String> failures =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX_REMEMBERED_FAILURES;
        }
      };
  private long bytes;
  private long hits;
  private long misses;

  public AssetCache(long maxBytes, Function<String, Optional<byte[]>> loader) {
    this(maxBytes, loader, new AssetLimits(256L << 20, 16L << 20));
  }

  /**
   * @param limits ASSET_MAX_BYTES and ASSET_MAX_PIXELS, held again here (Redis may hold anything)
   */
  public AssetCache(long maxBytes, Function<String, Optional<byte[]>> loader, AssetLimits limits) {
    this.maxBytes = maxBytes;
    this.loader = loader;
    this.limits = limits;
  }

  /**
   * The decoded picture (premultiplied ARGB), or empty when the asset does not exist or was refused
   * before.
   *
   * @throws RecordRejectedException the first time a picture is refused or does not decode
   */
  public synchronized Optional<BufferedImage> get(String assetId) {
    BufferedImage cached = images.get(assetId);
    if (cached != null) {
      hits++;
      return Optional.of(cached);
    }
    if (failures.containsKey(assetId)) {
      hits++;
      return Optional.empty();
    }
    misses++;
    Optional<byte[]> data = loader.apply(assetId);
    if (data.isEmpty()) {
      return Optional.empty();
    }
    BufferedImage img;
    try {
      img = Pictures.decodePremultiplied(data.get(), limits);
    } catch (Pictures.RefusedPicture e) {
      if (e.busy()) {
        throw new IllegalStateException(
            "picture " + assetId + " not decoded yet: " + e.getMessage(), e);
      }
      failures.put(assetId, e.getMessage());
      throw new RecordRejectedException(
          "picture asset "
              + assetId
              + " refused: "
              + e.getMessage()
              + "; its layer draws nothing from now on",
          e);
    }
    images.put(assetId, img);
    bytes += size(img);
    for (var it = images.entrySet().iterator(); bytes > maxBytes && it.hasNext(); ) {
      Map.Entry<String, BufferedImage> eldest = it.next();
      if (eldest.getKey().equals(assetId)) {
        continue;
      }
      bytes -= size(eldest.getValue());
      it.remove();
    }
    return Optional.of(img);
  }

  /** Share of look-ups answered from the cache; 0 before the first. */
  public synchronized double hitRatio() {
    long total = hits + misses;
    return total == 0 ? 0 : (double) hits / total;
  }

  private static long size(BufferedImage img) {
    return 4L * img.getWidth() * img.getHeight();
  }
}
