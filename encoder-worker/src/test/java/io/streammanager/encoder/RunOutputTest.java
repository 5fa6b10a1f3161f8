package io.streammanager.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streammanager.proto.AudioCodec;
import io.streammanager.proto.AudioConfig;
import io.streammanager.proto.EncoderOutput;
import io.streammanager.proto.EncoderOutputState;
import io.streammanager.proto.EncoderState;
import io.streammanager.proto.EncoderStatus;
import io.streammanager.proto.OutputConfig;
import io.streammanager.proto.StreamConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a stream with a recording file, an HLS playlist and an ingest that refuses connections,
 * when a run of 40 frames is encoded and ends, then the run's status and the metrics show every
 * output's own state.
 */
class RunOutputTest {
  private static final int FRAMES = 40;

  @TempDir static Path dir;

  private static EncoderStatus status;
  private static String scrape;
  private static final java.util.Map<Long, String> aired =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  @BeforeAll
  static void encodeOneRun() throws InterruptedException {
    StreamConfig config =
        StreamConfig.newBuilder()
            .setWidth(320)
            .setHeight(180)
            .setFps(30)
            .setVideoBitrateKbps(800)
            .setAudio(
                AudioConfig.newBuilder()
                    .setEnabled(true)
                    .setCodec(AudioCodec.AUDIO_CODEC_AAC)
                    .setBitrateKbps(96))
            .addOutputs(OutputConfig.newBuilder().setUrl("{stream}-{run}.flv"))
            .addOutputs(OutputConfig.newBuilder().setUrl("hls/{stream}.m3u8"))
            .addOutputs(OutputConfig.newBuilder().setUrl("rtmp://127.0.0.1:1/live/{stream}"))
            .build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RunOutput run =
        TestRuns.run(
            "show",
            config,
            RunOutput.Meters.of(registry),
            dir,
            (stream, runId, frame, checksum) -> {
              assertThat(stream + "/" + runId).isEqualTo("show/r1");
              aired.put(frame, checksum);
            });
    for (int i = 0; i < FRAMES; i++) {
      if (i == 7) {
        continue; // missing: frame 6 is repeated in its place
      }
      run.offer(new RawFrame("show", "r1", i, 3, 320, 180, frame(i)));
    }
    run.end(FRAMES);
    assertThat(run.awaitClosed(Duration.ofSeconds(60))).as("the run closed").isTrue();
    status = run.status();
    scrape = registry.scrape();
  }

  /** Grey with the frame number in the first byte: every frame has its own checksum. */
  private static byte[] frame(int i) {
    byte[] yuv = new byte[320 * 180 * 3 / 2];
    Arrays.fill(yuv, (byte) 128);
    yuv[0] = (byte) i;
    return yuv;
  }

  @Test
  void aired_everyFrameEncodedAsItself_hasTheChecksumOfItsBytes_theRepeatedFillInHasNone() {
    java.util.Map<Long, String> expected = new java.util.TreeMap<>();
    for (int i = 0; i < FRAMES; i++) {
      if (i != 7) {
        expected.put((long) i, io.streammanager.kit.frames.FrameChecksum.of(frame(i)));
      }
    }
    assertThat(aired).isEqualTo(expected);
  }

  @Test
  void status_isStoppedWithEveryFrameEncodedOnce() {
    assertThat(status.getState()).isEqualTo(EncoderState.ENCODER_STATE_STOPPED);
    assertThat(status.getFramesEncoded()).isEqualTo(FRAMES);
    assertThat(status.getLastFrame()).isEqualTo(FRAMES - 1);
    assertThat(status.getOutputUrl()).isEqualTo(dir.resolve("show/show-r1.flv").toString());
  }

  @Test
  void status_listsEveryOutputInConfiguredOrderWithItsOwnState() throws Exception {
    assertThat(status.getOutputsList())
        .extracting(EncoderOutput::getUrl)
        .containsExactly(
            dir.resolve("show/show-r1.flv").toString(),
            dir.resolve("show/hls/show.m3u8").toString(),
            "rtmp://127.0.0.1:1/live/***");
    assertThat(status.getOutputsList())
        .extracting(EncoderOutput::getProtocol)
        .containsExactly("file", "hls", "rtmp");
    assertThat(status.getOutputsList())
        .extracting(EncoderOutput::getState)
        .containsExactly(
            EncoderOutputState.ENCODER_OUTPUT_STATE_STOPPED,
            EncoderOutputState.ENCODER_OUTPUT_STATE_STOPPED,
            EncoderOutputState.ENCODER_OUTPUT_STATE_STOPPED);
    assertThat(status.getOutputs(0).getBytesWritten())
        .isEqualTo(Files.size(dir.resolve("show/show-r1.flv")));
    assertThat(status.getOutputs(1).getBytesWritten()).isPositive();
    EncoderOutput rtmp = status.getOutputs(2);
    assertThat(rtmp.getReconnects()).isPositive();
    assertThat(rtmp.getBytesWritten()).isZero();
    assertThat(rtmp.getError()).startsWith("cannot open output rtmp://127.0.0.1:1/live/***: ");
  }

  @Test
  void status_whileNoOutputIsLive_isErrorWithTheOutputsReason() throws InterruptedException {
    StreamConfig config =
        StreamConfig.newBuilder()
            .setWidth(320)
            .setHeight(180)
            .setFps(30)
            .setVideoBitrateKbps(800)
            .addOutputs(OutputConfig.newBuilder().setUrl("rtmp://127.0.0.1:1/live/key"))
            .build();
    RunOutput run =
        TestRuns.run("solo", config, RunOutput.Meters.none(), dir, RunOutput.AiredLog.NONE);
    byte[] grey = new byte[320 * 180 * 3 / 2];
    try {
      for (int i = 0; i < 5; i++) {
        run.offer(new RawFrame("solo", "r1", i, 1, 320, 180, grey));
      }
      io.streammanager.encoder.media.Await.until(
          Duration.ofSeconds(30),
          () -> "error state, was " + run.status(),
          () -> run.status().getState() == EncoderState.ENCODER_STATE_ERROR);

      assertThat(run.status().getError())
          .startsWith("cannot open output rtmp://127.0.0.1:1/live/***: ");
      assertThat(run.status().getOutputs(0).getState())
          .isEqualTo(EncoderOutputState.ENCODER_OUTPUT_STATE_RECONNECTING);
    } finally {
      run.close();
      run.awaitClosed(Duration.ofSeconds(30));
    }
  }

  @Test
  void metrics_haveEveryOutputsBytesReconnectsAndState() {
    assertThat(scrape)
        .containsPattern(
            "(?m)^sm_encoder_output_bytes_total\\{output=\"0\",protocol=\"file\",stream=\"show\"} [1-9]");
    assertThat(scrape)
        .containsPattern(
            "(?m)^sm_encoder_output_bytes_total\\{output=\"1\",protocol=\"hls\",stream=\"show\"} [1-9]");
    assertThat(scrape)
        .containsPattern(
            "(?m)^sm_encoder_output_reconnects_total\\{output=\"2\",protocol=\"rtmp\",stream=\"show\"} [1-9]");
    assertThat(scrape)
        .containsPattern(
            "(?m)^sm_encoder_output_dropped_packets_total\\{output=\"0\",protocol=\"file\",stream=\"show\"} 0");
    assertThat(scrape)
        .containsPattern(
            "(?m)^sm_encoder_output_state\\{output=\"2\",protocol=\"rtmp\",state=\"stopped\",stream=\"show\"} 1");
    assertThat(scrape)
        .containsPattern(
            "(?m)^sm_encoder_output_state\\{output=\"2\",protocol=\"rtmp\",state=\"live\",stream=\"show\"} 0");
  }
}
