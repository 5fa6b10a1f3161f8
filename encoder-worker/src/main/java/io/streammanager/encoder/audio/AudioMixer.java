package io.streammanager.encoder.audio;

import io.micrometer.core.instrument.Counter;
import io.streammanager.encoder.media.AudioSource;
import io.streammanager.proto.AudioClip;
import io.streammanager.proto.Layer;
import io.streammanager.proto.Tweens;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audio track of one run: the audio layers of the state version in force, mixed into 48 kHz
 * stereo. Called on the run's encoding thread only, and never blocks or throws there: snapshots and
 * assets are read and decoded on the mixer's own I/O thread ({@link Inputs}, {@link ClipStore});
 * until a version is read the previous one's layers stay in force, and until a clip is decoded it
 * is silent.
 *
 * <p>Time: sample {@code s} of the encoder's clock belongs to frame {@code origin + frameOf(s)};
 * the encoder tells the mixer each frame's state version before it asks for that frame's samples
 * ({@link #frame}). Samples the audio codec pulls past the newest frame (less than one codec frame,
 * 21 ms) use the newest frame's layers.
 *
 * <p>Per layer: the volume is {@link Tweens#valueAt} the frame, ramped linearly within the frame to
 * the next frame's value (no zipper noise in a fade), clamped to 0..1; {@code muted} is silent (the
 * clip keeps its position); a clip plays once or loops. A clip starts at the first frame whose
 * state version has this layer id with this source (asset or tone), as seen by this run's encoder:
 * the same command log gives the same start frames; replacing the source or removing and re-adding
 * the layer starts it again. The sum is hard-clipped to [-1, 1].
 */
public final class AudioMixer implements AudioSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AudioMixer.class);
  static final float TONE_AMPLITUDE = 0.5f;

  /**
   * Where the mixer's inputs come from (blocking I/O allowed: called on the mixer's I/O thread).
   */
  public interface Inputs {
    /** The layers of the stream's state {@code version}; empty when it cannot be read. */
    Optional<List<Layer>> layers(long version);

    /** An asset's bytes; empty when there is no such asset. */
    Optional<byte[]> asset(String assetId);

    /** No snapshots and no assets: silence. */
    Inputs NONE =
        new Inputs() {
          @Override
          public Optional<List<Layer>> layers(long version) {
            return Optional.empty();
          }

          @Override
          public Optional<byte[]> asset(String assetId) {
            return Optional.empty();
          }
        };
  }

  private record Pending(long version, long firstFrame) {}

  private final String name;
  private final int fps;
  private final Inputs inputs;
  private final Executor io;
  private final ExecutorService ownedIo;
  private final ClipStore clips;
  private final Counter failures;

  /** Versions read by the I/O thread, waiting for the encoding thread (empty: unreadable). */
  private final Map<Long, Optional<List<Layer>>> loaded = new ConcurrentHashMap<>();

  // encoding thread only
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private long lastVersion = Long.MIN_VALUE;
  private long origin;
  private List<Layer> layers = List.of();

  /** Per playing clip ({@link #clipKey}): the frame it started in. */
  private Map<String, Long> starts = Map.of();

  private boolean mixFailureLogged;

  AudioMixer(
      String name,
      int fps,
      Inputs inputs,
      Executor io,
      ExecutorService ownedIo,
      ClipStore clips,
      Counter failures) {
    if (fps <= 0) {
      throw new IllegalArgumentException("fps must be positive, was " + fps);
    }
    this.name = name;
    this.fps = fps;
    this.inputs = inputs;
    this.io = io;
    this.ownedIo = ownedIo;
    this.clips = clips;
    this.failures = failures;
  }

  /**
   * A mixer with its own I/O thread (closed by {@link #close()}), decoding with FFmpeg.
   *
   * @param name for the thread and log lines, e.g. "stream show run r1"
   * @param failures counts assets and versions that could not be read or decoded, and mixing
   *     failures
   */
  public static AudioMixer start(String name, int fps, Inputs inputs, Counter failures) {
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("audio-" + name).factory());
    return new AudioMixer(
        name,
        fps,
        inputs,
        thread,
        thread,
        new ClipStore(ClipStore.ffmpeg(), ClipStore.MAX_BYTES, inputs::asset, name, failures),
        failures);
  }

  /**
   * Sample 0 of the encoder's clock is the start of frame {@code frame} (the run's first encoded
   * frame).
   */
  public void startAt(long frame) {
    origin = frame;
  }

  /**
   * Frame {@code frame} (absolute) draws state {@code version}: its samples mix that version's
   * audio layers.
   */
  public void frame(long frame, long version) {
    if (version != lastVersion) {
      lastVersion = version;
      pending.add(new Pending(version, frame));
      submit(() -> loaded.put(version, inputs.layers(version).map(AudioMixer::audioLayers)));
    }
    applyLoaded();
  }

  @Override
  public void read(long firstSample, float[] interleaved, int sampleFrames) {
    Arrays.fill(interleaved, 0, sampleFrames * CHANNELS, 0f);
    try {
      applyLoaded();
      for (Layer layer : layers) {
        mix(layer, firstSample, interleaved, sampleFrames);
      }
      for (int i = 0; i < sampleFrames * CHANNELS; i++) {
        interleaved[i] = Math.max(-1f, Math.min(1f, interleaved[i]));
      }
    } catch (RuntimeException e) {
      Arrays.fill(interleaved, 0, sampleFrames * CHANNELS, 0f);
      failures.increment();
      if (!mixFailureLogged) {
        mixFailureLogged = true;
        LOG.warn(
            "{}: mixing audio failed, the track is silent where it fails: {}", name, e.toString());
      }
    }
  }

  /** Stops the I/O thread (if this mixer owns it) and drops the decoded clips. */
  @Override
  public void close() {
    if (ownedIo != null) {
      ownedIo.shutdownNow();
    }
    clips.clear();
  }

  private void applyLoaded() {
    while (!pending.isEmpty() && loaded.containsKey(pending.peek().version())) {
      Pending p = pending.poll();
      Optional<List<Layer>> found = loaded.remove(p.version());
      if (found.isEmpty()) {
        failures.increment();
        LOG.warn(
            "{}: state version {} cannot be read; its audio layers are not heard (the previous ones play on)",
            name,
            p.version());
        continue;
      }
      Map<String, Long> next = new HashMap<>();
      for (Layer l : found.get()) {
        next.put(clipKey(l), starts.getOrDefault(clipKey(l), p.firstFrame()));
        if (l.getAudio().getToneHz() == 0) {
          clips.request(l.getAudio().getAssetId(), this::submit);
        }
      }
      layers = found.get();
      starts = next;
      clips.keepOnly(found.get().stream().map(l -> l.getAudio().getAssetId()).toList());
    }
  }

  private void mix(Layer layer, long firstSample, float[] out, int sampleFrames) {
    AudioClip clip = layer.getAudio();
    if (clip.getMuted()) {
      return;
    }
    short[] pcm = null;
    if (clip.getToneHz() == 0) {
      pcm = clips.ready(clip.getAssetId()).orElse(null);
      if (pcm == null || pcm.length == 0) {
        return;
      }
    }
    long startSample = samplesBefore(starts.get(clipKey(layer)) - origin);
    long frame = Long.MIN_VALUE;
    double g0 = 0;
    double slope = 0;
    long frameStart = 0;
    for (int i = 0; i < sampleFrames; i++) {
      long s = firstSample + i;
      long f = frameOf(s);
      if (f != frame) {
        frame = f;
        frameStart = samplesBefore(f);
        g0 = volume(layer, origin + f);
        slope = (volume(layer, origin + f + 1) - g0) / (samplesBefore(f + 1) - frameStart);
      }
      float gain = (float) (g0 + slope * (s - frameStart));
      long pos = s - startSample;
      if (pos < 0 || gain == 0) {
        continue;
      }
      if (pcm == null) {
        float v =
            gain
                * TONE_AMPLITUDE
                * (float)
                    StrictMath.sin(2 * Math.PI * clip.getToneHz() * (double) pos / SAMPLE_RATE);
        out[2 * i] += v;
        out[2 * i + 1] += v;
        continue;
      }
      long frames = pcm.length / CHANNELS;
      if (pos >= frames) {
        if (!clip.getLoop()) {
          break;
        }
        pos %= frames;
      }
      out[2 * i] += gain * pcm[(int) (2 * pos)] / 32768f;
      out[2 * i + 1] += gain * pcm[(int) (2 * pos + 1)] / 32768f;
    }
  }

  private static double volume(Layer layer, long frame) {
    double v = Tweens.valueAt(layer, "volume", frame);
    return v > 0 ? Math.min(1, v) : 0;
  }

  /**
   * The first sample of frame {@code n} after the origin: {@code floor(n * 48000 / fps)}, as the
   * encoder counts.
   */
  private long samplesBefore(long n) {
    return Math.floorDiv(n * SAMPLE_RATE, fps);
  }

  /**
   * The frame after the origin that sample {@code s} plays in: the inverse of {@link
   * #samplesBefore}.
   */
  private long frameOf(long s) {
    return Math.floorDiv((s + 1) * fps - 1, SAMPLE_RATE);
  }

  private void submit(Runnable task) {
    try {
      io.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing: nothing more is read
    }
  }

  private static String clipKey(Layer l) {
    return l.getId()
        + "/"
        + (l.getAudio().getToneHz() > 0
            ? "tone:" + l.getAudio().getToneHz()
            : l.getAudio().getAssetId());
  }

  private static List<Layer> audioLayers(List<Layer> all) {
    return all.stream().filter(Layer::hasAudio).toList();
  }
}
