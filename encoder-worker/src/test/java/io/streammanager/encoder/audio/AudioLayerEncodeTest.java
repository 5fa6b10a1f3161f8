package io.streammanager.encoder.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.encoder.media.AudioCodecKind;
import io.streammanager.encoder.media.EncoderSettings;
import io.streammanager.proto.AudioClip;
import io.streammanager.proto.Layer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a 440 Hz WAV asset played by an audio layer at volume 1 and at volume 0.5, when 3 s of 30
 * fps frames are encoded to AAC in MP4 (the real encoder, the mixer decoding the asset with
 * FFmpeg), then Debian's ffmpeg decodes a 440 Hz track whose level is the asset's at volume 1 and
 * half of it at volume 0.5.
 */
class AudioLayerEncodeTest {
  private static final int FPS = 30;
  private static final int SECONDS = 3;

  /** Measured from 0.5 s to 2.5 s: away from the codec's start-up and end. */
  private static final int FROM = 24_000;

  private static final int TO = 120_000;

  @TempDir static Path dir;

  private static byte[] asset;
  private static double assetRms;

  @BeforeAll
  static void makeTheAsset() throws IOException {
    asset = Files.readAllBytes(AudioTools.sine(dir.resolve("a440.wav"), 440, SECONDS + 1, 48_000));
    assetRms = AudioTools.rms(AudioTools.floats(ClipStore.ffmpeg().apply(asset)), 0, FROM, TO);
  }

  @Test
  void encode_assetLayerAtFullVolume_isTheAssetAt440Hz() {
    float[] pcm = AudioTools.decode(encode(1.0, "full.mp4"));

    assertThat(AudioTools.zeroCrossings(pcm, 0, FROM, TO))
        .as("440 Hz over 2 s")
        .isBetween(1_750, 1_770);
    assertThat(AudioTools.rms(pcm, 0, FROM, TO)).isBetween(assetRms * 0.95, assetRms * 1.05);
    assertThat(AudioTools.rms(pcm, 1, FROM, TO)).isBetween(assetRms * 0.95, assetRms * 1.05);
  }

  @Test
  void encode_assetLayerAtHalfVolume_isHalfAsLoud() {
    double full = AudioTools.rms(AudioTools.decode(encode(1.0, "full-again.mp4")), 0, FROM, TO);
    float[] half = AudioTools.decode(encode(0.5, "half.mp4"));

    assertThat(AudioTools.rms(half, 0, FROM, TO) / full).isBetween(0.48, 0.52);
    assertThat(AudioTools.zeroCrossings(half, 0, FROM, TO)).isBetween(1_750, 1_770);
  }

  private static Path encode(double volume, String name) {
    Path file = dir.resolve(name);
    Layer music =
        Layer.newBuilder()
            .setId("music")
            .setAudio(AudioClip.newBuilder().setAssetId("a440").setVolume(volume))
            .build();
    EncoderSettings settings =
        EncoderSettings.of(160, 90, FPS, 300, file.toString()).withAudio(AudioCodecKind.AAC, 128);
    assertThat(AudioTools.encode(settings, music, Optional.of(asset), SECONDS * FPS))
        .as("mixer failures")
        .isZero();
    return file;
  }
}
