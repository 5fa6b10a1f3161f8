package io.streammanager.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streammanager.encoder.media.FfmpegCli;
import io.streammanager.proto.AudioConfig;
import io.streammanager.proto.OutputConfig;
import io.streammanager.proto.StreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An encoder given frames far faster than it encodes them (a whole run of 1280x720 pictures at
 * once, as after a stall upstream) skips pictures but never frame slots: judged by ffprobe, the
 * recording has one packet per frame number, a step of exactly one frame between packets, and a
 * keyframe exactly every 2 s of stream time.
 */
class RunOutputOverloadTest {
  private static final int FPS = 5;
  private static final int FRAMES = 12 * FPS;

  @TempDir Path dir;

  @Test
  void framesTheEncoderHadNoTimeFor_areFilledByTheLastPicture_soNoSlotIsMissing() throws Exception {
    StreamConfig config =
        StreamConfig.newBuilder()
            .setWidth(1280)
            .setHeight(720)
            .setFps(FPS)
            .setVideoBitrateKbps(1500)
            .setAudio(AudioConfig.newBuilder().setEnabled(false))
            .addOutputs(OutputConfig.newBuilder().setUrl("{stream}-{run}.flv"))
            .build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RunOutput run =
        TestRuns.run("show", config, RunOutput.Meters.of(registry), dir, RunOutput.AiredLog.NONE);
    // Drawn first, then offered at once: the encoder gets them far faster than it encodes them.
    List<RawFrame> all = new java.util.ArrayList<>();
    for (int i = 0; i < FRAMES; i++) {
      all.add(new RawFrame("show", "r1", i, 3, 1280, 720, picture(i)));
    }
    all.forEach(run::offer);
    run.end(FRAMES);
    assertThat(run.awaitClosed(Duration.ofSeconds(120))).as("the run closed").isTrue();

    assertThat(counter(registry, "sm_encoder_frames_overflow_total"))
        .as("the encoder was behind: it had no time for some pictures")
        .isPositive();
    List<String[]> packets =
        FfmpegCli.packets(dir.resolve("show/show-r1.flv"), "v", "pts_time,flags");
    List<Long> frames =
        packets.stream().map(p -> Math.round(Double.parseDouble(p[0]) * FPS)).toList();
    List<Long> keyframes =
        packets.stream()
            .filter(p -> p[1].contains("K"))
            .map(p -> Math.round(Double.parseDouble(p[0]) * FPS))
            .toList();
    long first = frames.getFirst();
    assertThat(frames)
        .isEqualTo(java.util.stream.LongStream.range(first, first + FRAMES).boxed().toList());
    assertThat(keyframes)
        .isEqualTo(
            java.util.stream.LongStream.range(0, FRAMES / (2 * FPS))
                .mapToObj(k -> first + k * 2 * FPS)
                .toList());
    assertThat(run.status().getFramesEncoded()).isEqualTo(FRAMES);
  }

  /** Noise that differs in every frame: expensive to encode, unlike a repeat. */
  private static byte[] picture(int i) {
    byte[] yuv = new byte[1280 * 720 * 3 / 2];
    new java.util.Random(i).nextBytes(yuv);
    Arrays.fill(yuv, 1280 * 720, yuv.length, (byte) (i * 7));
    return yuv;
  }

  private static double counter(PrometheusMeterRegistry registry, String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }
}
