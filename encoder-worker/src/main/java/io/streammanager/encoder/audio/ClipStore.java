package io.streammanager.encoder.audio;

import io.micrometer.core.instrument.Counter;
import io.streammanager.encoder.media.AudioFileDecoder;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decoded PCM per asset id, for one mixer: each asset is read and decoded once, on the mixer's I/O
 * thread, while a layer plays it; a clip no layer plays any more is dropped. Bounded: at most
 * {@link #MAX_CLIP_SECONDS} of a file are kept, and the clips together at most {@code maxBytes}; a
 * clip that does not fit, an asset that is missing and a file that does not decode are silent,
 * warned about once and counted.
 */
final class ClipStore {
  private static final Logger LOG = LoggerFactory.getLogger(ClipStore.class);

  /** 10 minutes of a file: 115 MB of 16-bit stereo at 48 kHz. */
  static final int MAX_CLIP_SECONDS = 600;

  /** Decoded audio per run: about 11.6 minutes of 16-bit stereo at 48 kHz. */
  static final long MAX_BYTES = 128L << 20;

  /**
   * Decoded audio of every run of this process together: a third of the heap, at most 512 MiB, so
   * many streams playing long beds cannot exhaust the encoder's memory (a clip beyond it is silent
   * and counted, like one beyond its run's budget).
   */
  record Budget(AtomicLong used, long max) {
    static final Budget PROCESS =
        new Budget(new AtomicLong(), Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 3));

    static Budget of(long max) {
      return new Budget(new AtomicLong(), max);
    }
  }

  private sealed interface State permits Loading, Ready, Failed {}

  private record Loading() implements State {}

  private record Ready(short[] pcm) implements State {}

  private record Failed() implements State {}

  private static final State LOADING = new Loading();
  private static final State FAILED = new Failed();

  private final Function<byte[], short[]> decoder;
  private final long maxBytes;
  private final Function<String, Optional<byte[]>> assets;
  private final String name;
  private final Counter failures;
  private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();

  private final Budget process;

  ClipStore(
      Function<byte[], short[]> decoder,
      long maxBytes,
      Function<String, Optional<byte[]>> assets,
      String name,
      Counter failures) {
    this(decoder, maxBytes, Budget.PROCESS, assets, name, failures);
  }

  ClipStore(
      Function<byte[], short[]> decoder,
      long maxBytes,
      Budget process,
      Function<String, Optional<byte[]>> assets,
      String name,
      Counter failures) {
    this.process = process;
    this.decoder = decoder;
    this.maxBytes = maxBytes;
    this.assets = assets;
    this.name = name;
    this.failures = failures;
  }

  /**
   * FFmpeg: a WAV, MP3 or OGG file through its own demuxer only, cut after {@link
   * #MAX_CLIP_SECONDS}, its PCM never more than a run keeps ({@link #MAX_BYTES}) even while it
   * decodes.
   */
  static Function<byte[], short[]> ffmpeg() {
    return bytes -> AudioFileDecoder.decode(bytes, MAX_CLIP_SECONDS, MAX_BYTES);
  }

  /** Starts reading and decoding {@code assetId} through {@code io} unless it is known already. */
  void request(String assetId, Consumer<Runnable> io) {
    if (states.putIfAbsent(assetId, LOADING) == null) {
      io.accept(() -> load(assetId));
    }
  }

  /** The decoded clip (interleaved stereo 48 kHz), once it is ready. */
  Optional<short[]> ready(String assetId) {
    return states.get(assetId) instanceof Ready r ? Optional.of(r.pcm()) : Optional.empty();
  }

  /** Drops every clip (decoded, loading or failed) whose asset is not in {@code assetIds}. */
  void keepOnly(Collection<String> assetIds) {
    Set<String> keep = new HashSet<>(assetIds);
    for (String id : states.keySet()) {
      if (!keep.contains(id)) {
        release(id);
      }
    }
  }

  void clear() {
    states.keySet().forEach(this::release);
  }

  /** Bytes of decoded PCM held now. */
  long bytes() {
    return bytes.get();
  }

  private void release(String id) {
    State removed = states.remove(id);
    if (removed instanceof Ready r) {
      bytes.addAndGet(-2L * r.pcm().length);
      process.used().addAndGet(-2L * r.pcm().length);
    }
  }

  private void load(String assetId) {
    try {
      byte[] file =
          assets
              .apply(assetId)
              .orElseThrow(() -> new IllegalStateException("there is no such asset"));
      short[] pcm = decoder.apply(file);
      long size = 2L * pcm.length;
      if (bytes.addAndGet(size) > maxBytes) {
        bytes.addAndGet(-size);
        throw new IllegalStateException(
            "its "
                + size / (1 << 20)
                + " MiB of PCM do not fit in the "
                + maxBytes / (1 << 20)
                + " MiB the run keeps");
      }
      if (process.used().addAndGet(size) > process.max()) {
        process.used().addAndGet(-size);
        bytes.addAndGet(-size);
        throw new IllegalStateException(
            "its "
                + size / (1 << 20)
                + " MiB of PCM do not fit in the "
                + process.max() / (1 << 20)
                + " MiB this encoder keeps for every stream's audio");
      }
      if (!states.replace(assetId, LOADING, new Ready(pcm))) {
        bytes.addAndGet(-size);
        process.used().addAndGet(-size);
      }
    } catch (RuntimeException | OutOfMemoryError e) {
      // Out of memory while decoding a huge file fails that asset only; the decode's arrays are
      // garbage now.
      states.replace(assetId, LOADING, FAILED);
      failures.increment();
      LOG.warn(
          "{}: audio asset {} cannot be played ({}); layers playing it are silent",
          name,
          assetId,
          e.toString());
    }
  }
}
