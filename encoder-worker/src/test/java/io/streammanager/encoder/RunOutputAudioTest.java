package io.streammanager.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.encoder.audio.AudioMixer;
import io.streammanager.encoder.audio.AudioTools;
import io.streammanager.encoder.media.OutputPolicy;
import io.streammanager.proto.AudioClip;
import io.streammanager.proto.AudioCodec;
import io.streammanager.proto.AudioConfig;
import io.streammanager.proto.Layer;
import io.streammanager.proto.OutputConfig;
import io.streammanager.proto.StreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a run whose frames all draw state version 3, which holds a 440 Hz test-tone audio layer
 * (and a picture layer, which the mixer ignores), when 2 s of frames go through {@link RunOutput}
 * to an MP4 recording, then the recording's audio is that tone at -6 dBFS. The mixer reads version
 * 3 on its own thread while the first frames encode, so the tone is measured from 1.2 s to 1.8 s,
 * well after that read.
 */
class RunOutputAudioTest {
  private static final int FPS = 30;

  @TempDir Path dir;

  @Test
  void run_withAToneLayer_recordsTheTone() throws InterruptedException {
    StreamConfig config =
        StreamConfig.newBuilder()
            .setWidth(160)
            .setHeight(90)
            .setFps(FPS)
            .setVideoBitrateKbps(300)
            .setAudio(
                AudioConfig.newBuilder()
                    .setEnabled(true)
                    .setCodec(AudioCodec.AUDIO_CODEC_AAC)
                    .setBitrateKbps(128))
            .addOutputs(OutputConfig.newBuilder().setUrl("{stream}.mp4"))
            .build();
    List<Layer> layers =
        List.of(
            Layer.newBuilder()
                .setId("logo")
                .setImage(io.streammanager.proto.ImageRef.newBuilder().setAssetId("f".repeat(64)))
                .build(),
            Layer.newBuilder()
                .setId("tone")
                .setAudio(AudioClip.newBuilder().setToneHz(440))
                .build());
    AudioMixer.Inputs inputs =
        new AudioMixer.Inputs() {
          @Override
          public Optional<List<Layer>> layers(long version) {
            return version == 3 ? Optional.of(layers) : Optional.empty();
          }

          @Override
          public Optional<byte[]> asset(String assetId) {
            return Optional.empty();
          }
        };
    RunOutput run =
        new RunOutput(
            "tone",
            "r1",
            config,
            "worker-1",
            8,
            Duration.ofMillis(500),
            System::nanoTime,
            RunOutput.Meters.none(),
            OutputPolicy.standard(),
            OutputPlan.Destinations.under(dir),
            inputs);
    byte[] grey = new byte[160 * 90 * 3 / 2];
    java.util.Arrays.fill(grey, (byte) 128);

    for (int i = 0; i < 2 * FPS; i++) {
      run.offer(new RawFrame("tone", "r1", i, 3, 160, 90, grey));
    }
    run.end(2 * FPS);
    assertThat(run.awaitClosed(Duration.ofSeconds(60))).as("the run closed").isTrue();

    float[] pcm = AudioTools.decode(dir.resolve("tone/tone.mp4"));
    assertThat(AudioTools.zeroCrossings(pcm, 0, 57_600, 86_400))
        .as("440 Hz over 0.6 s")
        .isBetween(522, 534);
    assertThat(AudioTools.rms(pcm, 1, 57_600, 86_400))
        .as("a 0.5 sine's RMS")
        .isBetween(0.336, 0.371);
  }
}
