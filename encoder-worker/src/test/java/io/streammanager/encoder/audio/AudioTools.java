package io.streammanager.encoder.audio;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streammanager.encoder.media.EncoderSettings;
import io.streammanager.encoder.media.FfmpegCli;
import io.streammanager.encoder.media.LiveEncoder;
import io.streammanager.proto.Layer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Debian's ffmpeg/ffprobe CLI to make test sounds and to judge what the encoder wrote, and PCM
 * measurements.
 */
public final class AudioTools {
  private AudioTools() {}

  /**
   * A sine from lavfi, written by ffmpeg with {@code codecArgs} (e.g. "-c:a", "libvorbis") to
   * {@code file}.
   */
  public static Path sine(Path file, int hz, int seconds, int sampleRate, String... codecArgs) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=" + hz + ":duration=" + seconds + ":sample_rate=" + sampleRate));
    cmd.addAll(List.of(codecArgs));
    cmd.add(file.toString());
    FfmpegCli.run(cmd.toArray(String[]::new));
    return file;
  }

  /** The audio of {@code file} decoded by ffmpeg to interleaved stereo 48 kHz float. */
  public static float[] decode(Path file) {
    byte[] raw =
        FfmpegCli.run(
            "ffmpeg",
            "-v",
            "error",
            "-i",
            file.toString(),
            "-map",
            "0:a",
            "-f",
            "f32le",
            "-ac",
            "2",
            "-ar",
            "48000",
            "-");
    float[] out = new float[raw.length / Float.BYTES];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /**
   * Where the last packet of the first {@code streamType} ("v" or "a") stream ends: pts + duration,
   * seconds.
   */
  public static double end(Path file, String streamType) {
    String out =
        new String(
            FfmpegCli.run(
                "ffprobe",
                "-v",
                "error",
                "-select_streams",
                streamType,
                "-show_entries",
                "packet=pts_time,duration_time",
                "-of",
                "csv=p=0",
                file.toString()),
            StandardCharsets.UTF_8);
    double end = Double.NEGATIVE_INFINITY;
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        String[] f = line.strip().split(",");
        end = Math.max(end, Double.parseDouble(f[0]) + Double.parseDouble(f[1]));
      }
    }
    return end;
  }

  /** Root mean square of one channel over stereo sample frames [from, to). */
  public static double rms(float[] interleaved, int channel, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      double v = interleaved[2 * i + channel];
      sum += v * v;
    }
    return Math.sqrt(sum / (to - from));
  }

  /**
   * Sign changes of one channel over stereo sample frames [from, to): twice the frequency per
   * second of signal.
   */
  public static int zeroCrossings(float[] interleaved, int channel, int from, int to) {
    int count = 0;
    for (int i = from + 1; i < to; i++) {
      if ((interleaved[2 * (i - 1) + channel] < 0) != (interleaved[2 * i + channel] < 0)) {
        count++;
      }
    }
    return count;
  }

  /** Interleaved 16-bit samples (what the decoder gives) as floats in [-1, 1). */
  public static float[] floats(short[] pcm) {
    float[] out = new float[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      out[i] = pcm[i] / 32768f;
    }
    return out;
  }

  /**
   * Encodes {@code frames} grey frames with {@code layer} as the only audio layer of every frame
   * (version 1), through a real {@link AudioMixer} (asset reads and decoding on the calling thread)
   * and libx264 + the settings' audio codec to the settings' output; returns how many failures the
   * mixer counted.
   */
  static double encode(EncoderSettings settings, Layer layer, Optional<byte[]> asset, int frames) {
    AudioMixer.Inputs inputs =
        new AudioMixer.Inputs() {
          @Override
          public Optional<List<Layer>> layers(long version) {
            return Optional.of(List.of(layer));
          }

          @Override
          public Optional<byte[]> asset(String assetId) {
            return asset;
          }
        };
    Counter failures = Counter.builder("failures").register(new SimpleMeterRegistry());
    byte[] grey = new byte[settings.frameBytes()];
    java.util.Arrays.fill(grey, (byte) 128);
    try (AudioMixer mixer =
            new AudioMixer(
                "test",
                settings.fps(),
                inputs,
                Runnable::run,
                null,
                new ClipStore(
                    ClipStore.ffmpeg(), ClipStore.MAX_BYTES, inputs::asset, "test", failures),
                failures);
        LiveEncoder encoder = LiveEncoder.open(settings, mixer)) {
      mixer.startAt(0);
      for (int i = 0; i < frames; i++) {
        mixer.frame(i, 1);
        encoder.writeVideoFrame(i, grey);
      }
    }
    return failures.count();
  }
}
