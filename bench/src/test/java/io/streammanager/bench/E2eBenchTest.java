package io.streammanager.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class E2eBenchTest {
  private static final PrometheusText ENCODER = PrometheusText.parse(MetricsPages.ENCODER);

  /** A minute at 30 fps, two frames replaced. */
  private static final LiveStream.Frames FIRST = new LiveStream.Frames(120, 1, 2_000_000_000L);

  private static final LiveStream.Frames LAST = new LiveStream.Frames(1_926, 3, 62_000_000_000L);

  @Test
  void results_areLatencyQuantilesFramesAndHopMeans_aQuantileBeyondEveryBucketAs1e12Seconds() {
    assertThat(E2eBench.results(ENCODER, FIRST, LAST))
        .containsExactly(
            "e2e.latency.p50_ms 89.5",
            "e2e.latency.p99_ms 1000000000000000.0",
            "e2e.frames_dropped 2",
            "e2e.fps 30.1",
            "e2e.hop.accepted_to_applied.mean_ms 20.0",
            "e2e.hop.tick_to_rendered.mean_ms 60.0");
  }

  @Test
  void results_ofAPageWithoutTheEncodersMetrics_leaveTheQuantilesEmpty_andNameNoHop() {
    assertThat(E2eBench.results(PrometheusText.parse(MetricsPages.LAYER_SERVICE), FIRST, LAST))
        .containsExactly(
            "e2e.latency.p50_ms ", "e2e.latency.p99_ms ", "e2e.frames_dropped 2", "e2e.fps 30.1");
  }

  @Test
  void plotData_asText_isTheLatencyPlotsInputFormat() {
    assertThat(E2eBench.plotData(ENCODER, "accept-to-air latency, 10 changes").text())
        .isEqualTo(
            """
        title accept-to-air latency, 10 changes
        bucket 0.067108864 0
        bucket 0.089478485 7
        bucket 0.447392426 9
        bucket 30 9
        bucket 1e12 10
        mark p50 89.5
        mark p99 1000000000000000.0
        hop accepted_to_applied 20.0
        hop tick_to_rendered 60.0
        """);
  }
}
