package io.streammanager.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.imageio.ImageIO;

/** Decoded pictures by content address, bounded by their pixel bytes (least recently used go first). */
public final class AssetCache {
  private final long maxBytes;
  private final Function<String, Optional<byte[]>> loader;
  private final LinkedHashMap<String, BufferedImage> images = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;
  private long hits;
  private long misses;

  public AssetCache(long maxBytes, Function<String, Optional<byte[]>> loader) {
    this.maxBytes = maxBytes;
    this.loader = loader;
  }

  /** The decoded picture (premultiplied ARGB), or empty when the asset does not exist. */
  public synchronized Optional<BufferedImage> get(String assetId) {
    BufferedImage cached = images.get(assetId);
    if (cached != null) {
      hits++;
      return Optional.of(cached);
    }
    misses++;
    Optional<BufferedImage> loaded = loader.apply(assetId).map(AssetCache::decode);
    loaded.ifPresent(img -> {
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
    });
    return loaded;
  }

  /** Share of look-ups answered from the cache; 0 before the first. */
  public synchronized double hitRatio() {
    long total = hits + misses;
    return total == 0 ? 0 : (double) hits / total;
  }

  private static long size(BufferedImage img) {
    return 4L * img.getWidth() * img.getHeight();
  }

  static BufferedImage decode(byte[] data) {
    try {
      BufferedImage src = ImageIO.read(new ByteArrayInputStream(data));
      if (src == null) {
        throw new IllegalStateException("asset is not a picture ImageIO can read");
      }
      BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_ARGB_PRE);
      var g = out.createGraphics();
      try {
        g.drawImage(src, 0, 0, null);
      } finally {
        g.dispose();
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
