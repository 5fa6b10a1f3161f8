package io.streammanager.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streammanager.bench.PrometheusText.Bucket;
import io.streammanager.bench.PrometheusText.Sample;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusTextTest {
  private static final PrometheusText ENCODER = PrometheusText.parse(MetricsPages.ENCODER);
  private static final PrometheusText LAYER_SERVICE =
      PrometheusText.parse(MetricsPages.LAYER_SERVICE);

  @Test
  void sum_addsEverySampleOfTheMetric_whateverItsLabels() {
    assertThat(LAYER_SERVICE.sum("sm_commands_applied_total")).isEqualTo(2600.0);
    assertThat(LAYER_SERVICE.sum("sm_commands_rejected_total")).isEqualTo(72.0);
    assertThat(LAYER_SERVICE.sum("process_uptime_seconds")).isEqualTo(12.5);
  }

  @Test
  void sum_ofAMetricThePageDoesNotHave_isZero() {
    assertThat(LAYER_SERVICE.sum("sm_commands_applied")).isZero();
  }

  @Test
  void sum_withALabel_addsOnlyTheSamplesThatCarryIt() {
    assertThat(LAYER_SERVICE.sum("sm_commands_rejected_total", "reason", "invalid"))
        .isEqualTo(69.0);
  }

  @Test
  void parse_readsNamesLabelsAndValues_passingOverCommentsAndTimestamps() {
    PrometheusText page =
        PrometheusText.parse(
            """
        # TYPE executor_active_threads gauge
        executor_active_threads{name="kafka \\"io\\" pool, 2",service="gateway"} 3.0 1764140000000

        up 1
        sm_commands_failed_total{service="gateway"} +Inf
        """);

    assertThat(page.samples())
        .containsExactly(
            new Sample(
                "executor_active_threads",
                Map.of("name", "kafka \"io\" pool, 2", "service", "gateway"),
                3.0),
            new Sample("up", Map.of(), 1.0),
            new Sample(
                "sm_commands_failed_total",
                Map.of("service", "gateway"),
                Double.POSITIVE_INFINITY));
    assertThat(page.samples().getFirst())
        .hasToString(
            "executor_active_threads{name=\"kafka \\\"io\\\" pool, 2\",service=\"gateway\"} 3.0");
  }

  @Test
  void parse_aLineThatIsNotASample_isRejected_withItsNumber() {
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE up gauge\nup{service=\"gateway\" 1\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("line 2 of the metrics page is not a sample: up{service=\"gateway\" 1");
  }

  @Test
  void buckets_areTheCumulativeCountsByUpperBound_withInfAsTheLargest() {
    assertThat(ENCODER.buckets("sm_e2e_latency_seconds"))
        .containsExactly(
            new Bucket(0.067108864, 0),
            new Bucket(0.089478485, 7),
            new Bucket(0.447392426, 9),
            new Bucket(30.0, 9),
            new Bucket(PrometheusText.INF_BOUND, 10));
  }

  @Test
  void buckets_ofTwoSeries_areAddedUpByBound() {
    PrometheusText page =
        PrometheusText.parse(
            """
        h_bucket{stream="a",le="0.1"} 1
        h_bucket{stream="b",le="0.1"} 2
        h_bucket{stream="b",le="+Inf"} 4
        h_bucket{stream="a",le="+Inf"} 1
        """);

    assertThat(page.buckets("h"))
        .containsExactly(new Bucket(0.1, 3), new Bucket(PrometheusText.INF_BOUND, 5));
  }

  /**
   * The first bucket whose cumulative count reaches q of all: 10 changes, 7 by 89 ms, 9 by 447 ms,
   * 1 beyond.
   */
  @ParameterizedTest(name = "q {0} -> {1} s")
  @CsvSource({
    "0, 0.067108864",
    "0.5, 0.089478485",
    "0.7, 0.089478485",
    "0.71, 0.447392426",
    "0.9, 0.447392426",
    "0.99, 1e12",
    "1, 1e12"
  })
  void quantile_isTheUpperBoundOfTheBucketHoldingTheQthObservation(double q, double seconds) {
    assertThat(ENCODER.quantile("sm_e2e_latency_seconds", q)).isEqualTo(OptionalDouble.of(seconds));
  }

  @Test
  void quantile_ofAHistogramWithoutBuckets_isEmpty() {
    assertThat(LAYER_SERVICE.quantile("sm_e2e_latency_seconds", 0.5)).isEmpty();
  }

  @Test
  void labelValues_areEveryValueOfTheLabel_inOrder() {
    assertThat(ENCODER.labelValues("sm_e2e_hop_seconds_count", "hop"))
        .containsExactly("accepted_to_applied", "tick_to_rendered");
  }

  @Test
  void mean_isTheSumOverTheCountOfTheSamplesWithTheLabel() {
    assertThat(ENCODER.mean("sm_e2e_hop_seconds", "hop", "accepted_to_applied")).isEqualTo(0.02);
    assertThat(ENCODER.mean("sm_e2e_hop_seconds", "hop", "tick_to_rendered")).isEqualTo(0.06);
  }

  @Test
  void mean_ofAHopNeverCounted_isZero() {
    assertThat(ENCODER.mean("sm_e2e_hop_seconds", "hop", "rendered_to_encoded")).isZero();
  }
}
