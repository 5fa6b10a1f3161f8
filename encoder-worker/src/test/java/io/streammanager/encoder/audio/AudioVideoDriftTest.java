package io.streammanager.encoder.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.encoder.media.AudioCodecKind;
import io.streammanager.encoder.media.EncoderSettings;
import io.streammanager.proto.AudioClip;
import io.streammanager.proto.Layer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A/V drift: given 60 s of 30 fps 64x64 frames with a test-tone audio layer, when the real encoder
 * writes them with AAC (MP4) or Opus (Matroska), then Debian's ffprobe finds the audio track ending
 * less than one frame (33.3 ms) from the video track.
 *
 * <p>Why 60 s stands for 10 minutes (the requirement) and any longer run: the encoder never
 * counts audio on its own. After frame n it encodes audio up to sample {@code floor((n + 1) * 48000
 * / fps)}, computed from the frame index, and audio timestamps are sample counts; so the gap at the
 * end is only the last codec frame's overshoot (under 1024 samples, 21.3 ms) plus the codec's fixed
 * priming, the same after 1 minute as after 10 or 100. Measured here (audio end - video end,
 * ffprobe): AAC +8 ms at 3 s, +10 ms at 60 s, 0 ms at 600 s (the overshoot depends only on where
 * the last 1024-sample frame falls); Opus +14 ms at 3 s, 60 s and 600 s (docs/benchmarks.md).
 */
class AudioVideoDriftTest {
  private static final int FPS = 30;

  /** {@code -Ddrift.seconds=600} runs the full 10 minutes (about 50 s here instead of 5). */
  private static final int SECONDS = Integer.getInteger("drift.seconds", 60);

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({"AAC, mp4", "OPUS, mkv"})
  void encode_oneMinute_audioEndsWithinOneFrameOfTheVideo(AudioCodecKind codec, String container) {
    Path file = dir.resolve("drift." + container);
    encode(file, codec, SECONDS * FPS);

    double video = AudioTools.end(file, "v");
    double audio = AudioTools.end(file, "a");

    assertThat(video).as("video end").isCloseTo(SECONDS, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(Math.abs(audio - video))
        .as("|audio end %.4f - video end %.4f| in s", audio, video)
        .isLessThan(1.0 / FPS);
  }

  private static void encode(Path file, AudioCodecKind codec, int frames) {
    Layer tone =
        Layer.newBuilder().setId("tone").setAudio(AudioClip.newBuilder().setToneHz(1000)).build();
    EncoderSettings settings =
        EncoderSettings.of(64, 64, FPS, 100, file.toString()).withAudio(codec, 64);
    AudioTools.encode(settings, tone, Optional.empty(), frames);
  }
}
