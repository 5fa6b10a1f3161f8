package io.streammanager.encoder.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streammanager.proto.AudioClip;
import io.streammanager.proto.Easing;
import io.streammanager.proto.Layer;
import io.streammanager.proto.Tween;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The mixer on a 30 fps clock (1600 samples per frame) with clips given as PCM directly (the
 * "decoder" looks the asset's bytes up), so every expected sample is computed here.
 */
class AudioMixerTest {
  private static final int FPS = 30;
  private static final int PER_FRAME = 1600;
  private static final float TOLERANCE = 1e-6f;

  private final Map<Long, List<Layer>> versions = new HashMap<>();
  private final Map<String, short[]> pcm = new HashMap<>();
  private final Counter failures = Counter.builder("failures").register(new SimpleMeterRegistry());
  private Executor io = Runnable::run;
  private final AudioMixer.Inputs inputs =
      new AudioMixer.Inputs() {
        @Override
        public Optional<List<Layer>> layers(long version) {
          return Optional.ofNullable(versions.get(version));
        }

        @Override
        public Optional<byte[]> asset(String assetId) {
          return pcm.containsKey(assetId) || assetId.startsWith("broken")
              ? Optional.of(assetId.getBytes(StandardCharsets.UTF_8))
              : Optional.empty();
        }
      };

  private AudioMixer mixer() {
    ClipStore clips =
        new ClipStore(
            bytes -> {
              String id = new String(bytes, StandardCharsets.UTF_8);
              if (!pcm.containsKey(id)) {
                throw new IllegalStateException("not an audio file");
              }
              return pcm.get(id);
            },
            ClipStore.MAX_BYTES,
            inputs::asset,
            "test",
            failures);
    return new AudioMixer(
        "test", FPS, inputs, command -> io.execute(command), null, clips, failures);
  }

  /** A stereo clip whose every sample is {@code value} (in [-1, 1)). */
  private void constant(String assetId, float value, int frames) {
    short[] samples = new short[frames * 2];
    Arrays.fill(samples, (short) Math.round(value * 32768));
    pcm.put(assetId, samples);
  }

  private static Layer audio(String id, String assetId, double volume, boolean loop) {
    return Layer.newBuilder()
        .setId(id)
        .setAudio(AudioClip.newBuilder().setAssetId(assetId).setVolume(volume).setLoop(loop))
        .build();
  }

  private static float[] read(AudioMixer mixer, long firstSample, int frames) {
    float[] out = new float[frames * 2];
    mixer.read(firstSample, out, frames);
    return out;
  }

  private static float[] filled(int frames, float value) {
    float[] out = new float[frames * 2];
    Arrays.fill(out, value);
    return out;
  }

  @Test
  void read_layerAtHalfVolume_givesHalfTheClip() {
    constant("music", 0.5f, 10 * PER_FRAME);
    versions.put(1L, List.of(audio("m", "music", 0.5, false)));
    AudioMixer mixer = mixer();
    mixer.startAt(0);
    mixer.frame(0, 1);

    assertThat(read(mixer, 0, PER_FRAME))
        .containsExactly(filled(PER_FRAME, 0.25f), within(TOLERANCE));
  }

  @Test
  void read_pastTheEndOfAClipThatDoesNotLoop_isSilent() {
    constant("music", 0.5f, 1000);
    versions.put(1L, List.of(audio("m", "music", 1, false)));
    AudioMixer mixer = mixer();
    mixer.frame(0, 1);

    float[] expected = filled(PER_FRAME, 0f);
    Arrays.fill(expected, 0, 2000, 0.5f);
    assertThat(read(mixer, 0, PER_FRAME)).containsExactly(expected, within(TOLERANCE));
  }

  @Test
  void read_loopingClip_startsAgainAtItsEnd() {
    pcm.put("ramp", new short[] {8192, -8192, 16384, -16384, 24576, -24576});
    versions.put(1L, List.of(audio("m", "ramp", 1, true)));
    AudioMixer mixer = mixer();
    mixer.frame(0, 1);

    assertThat(read(mixer, 0, 7))
        .containsExactly(
            new float[] {
              0.25f, -0.25f, 0.5f, -0.5f, 0.75f, -0.75f, 0.25f, -0.25f, 0.5f, -0.5f, 0.75f, -0.75f,
              0.25f, -0.25f
            },
            within(TOLERANCE));
  }

  @Test
  void read_mutedLayer_isSilent() {
    constant("music", 0.5f, PER_FRAME);
    versions.put(
        1L,
        List.of(
            audio("m", "music", 1, true).toBuilder()
                .setAudio(AudioClip.newBuilder().setAssetId("music").setMuted(true))
                .build()));
    AudioMixer mixer = mixer();
    mixer.frame(0, 1);

    assertThat(read(mixer, 0, PER_FRAME)).containsExactly(filled(PER_FRAME, 0f), within(0f));
  }

  @Test
  void read_volumeTween_rampsLinearlyWithinEachFrameFromFrameValueToFrameValue() {
    constant("music", 0.5f, 4 * PER_FRAME);
    Layer fading =
        audio("m", "music", 0, false).toBuilder()
            .addTweens(
                Tween.newBuilder()
                    .setProperty("volume")
                    .setFrom(1)
                    .setStartFrame(0)
                    .setDurationFrames(2)
                    .setEasing(Easing.EASING_LINEAR))
            .build();
    versions.put(1L, List.of(fading));
    AudioMixer mixer = mixer();
    mixer.frame(0, 1);

    float[] out = read(mixer, 0, 3 * PER_FRAME);

    float[] expected = new float[3 * PER_FRAME * 2];
    for (int s = 0; s < 2 * PER_FRAME; s++) {
      // frame 0: volume 1 -> 0.5 (frame 1's value); frame 1: 0.5 -> 0; frame 2 on: 0
      float gain = 1f - 0.5f * s / PER_FRAME;
      expected[2 * s] = gain * 0.5f;
      expected[2 * s + 1] = gain * 0.5f;
    }
    assertThat(out).containsExactly(expected, within(TOLERANCE));
  }

  @Test
  void read_twoLayers_sumAndAreHardClippedToPlusMinusOne() {
    constant("loud", 0.75f, PER_FRAME);
    constant("louder", 0.5f, PER_FRAME);
    constant("quiet", -0.125f, PER_FRAME);
    versions.put(1L, List.of(audio("a", "loud", 1, false), audio("b", "quiet", 1, false)));
    versions.put(2L, List.of(audio("a", "loud", 1, false), audio("b", "louder", 1, false)));
    AudioMixer sum = mixer();
    sum.frame(0, 1);
    AudioMixer clipped = mixer();
    clipped.frame(0, 2);

    assertThat(read(sum, 0, 100)).containsExactly(filled(100, 0.625f), within(TOLERANCE));
    assertThat(read(clipped, 0, 100)).containsExactly(filled(100, 1f), within(0f));
  }

  @Test
  void frame_layerAddedInALaterVersion_playsFromTheStartOfItsFirstFrame() {
    pcm.put("ramp", new short[] {8192, 8192, 16384, 16384});
    versions.put(1L, List.of());
    versions.put(2L, List.of(audio("m", "ramp", 1, false)));
    AudioMixer mixer = mixer();
    mixer.startAt(100);
    mixer.frame(100, 1);
    float[] first = read(mixer, 0, PER_FRAME);
    mixer.frame(101, 2);
    mixer.frame(102, 2);
    float[] second = read(mixer, PER_FRAME, PER_FRAME);

    assertThat(first).containsExactly(filled(PER_FRAME, 0f), within(0f));
    float[] expected = filled(PER_FRAME, 0f);
    System.arraycopy(new float[] {0.25f, 0.25f, 0.5f, 0.5f}, 0, expected, 0, 4);
    assertThat(second).containsExactly(expected, within(TOLERANCE));
  }

  @Test
  void frame_versionStillBeingRead_keepsThePreviousLayersUntilItArrives() {
    ArrayDeque<Runnable> queued = new ArrayDeque<>();
    constant("a", 0.25f, 10 * PER_FRAME);
    constant("b", 0.5f, 10 * PER_FRAME);
    versions.put(1L, List.of(audio("m", "a", 1, true)));
    versions.put(2L, List.of(audio("m", "b", 1, true)));
    AudioMixer mixer = mixer();
    mixer.frame(0, 1);
    io = queued::add;
    mixer.frame(1, 2);

    float[] whileReading = read(mixer, PER_FRAME, 10);
    queued.poll().run();
    float[] decoding = read(mixer, PER_FRAME + 10, 10);
    queued.poll().run();
    float[] decoded = read(mixer, PER_FRAME + 20, 10);

    assertThat(whileReading)
        .as("version 2 not read yet: clip a plays on")
        .containsExactly(filled(10, 0.25f), within(TOLERANCE));
    assertThat(decoding)
        .as("version 2 read, clip b still decoding: silent")
        .containsExactly(filled(10, 0f), within(0f));
    assertThat(decoded)
        .as("clip b, from frame 1 where version 2 began")
        .containsExactly(filled(10, 0.5f), within(TOLERANCE));
  }

  @Test
  void read_missingAndUndecodableAssets_areSilentCountedOnceAndLeaveTheOthersPlaying() {
    constant("music", 0.5f, 10 * PER_FRAME);
    versions.put(
        1L,
        List.of(
            audio("gone", "no-such-asset", 1, true),
            audio("bad", "broken-file", 1, true),
            audio("m", "music", 1, true)));
    AudioMixer mixer = mixer();
    mixer.frame(0, 1);

    float[] out = read(mixer, 0, PER_FRAME);
    mixer.frame(1, 1);
    read(mixer, PER_FRAME, PER_FRAME);

    assertThat(out).containsExactly(filled(PER_FRAME, 0.5f), within(TOLERANCE));
    assertThat(failures.count()).isEqualTo(2);
  }

  @Test
  void read_testTone_isASineAtHalfScaleTimesTheVolume() {
    versions.put(
        1L,
        List.of(
            Layer.newBuilder()
                .setId("t")
                .setAudio(AudioClip.newBuilder().setToneHz(1000).setVolume(0.5))
                .build()));
    AudioMixer mixer = mixer();
    mixer.frame(0, 1);

    float[] out = read(mixer, 0, 96);

    float[] expected = new float[192];
    for (int s = 0; s < 96; s++) {
      expected[2 * s] = (float) (0.25 * Math.sin(2 * Math.PI * 1000 * s / 48_000.0));
      expected[2 * s + 1] = expected[2 * s];
    }
    assertThat(out).containsExactly(expected, within(TOLERANCE));
  }

  @Test
  void frame_versionThatCannotBeRead_isCountedAndThePreviousLayersPlayOn() {
    constant("music", 0.5f, 10 * PER_FRAME);
    versions.put(1L, List.of(audio("m", "music", 1, true)));
    AudioMixer mixer = mixer();
    mixer.frame(0, 1);
    mixer.frame(1, 7);

    assertThat(read(mixer, PER_FRAME, 100)).containsExactly(filled(100, 0.5f), within(TOLERANCE));
    assertThat(failures.count()).isEqualTo(1);
  }
}
