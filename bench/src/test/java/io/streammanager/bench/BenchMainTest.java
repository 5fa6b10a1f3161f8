package io.streammanager.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchMainTest {
  /** What the launcher adds to the user's options when it runs e2e or soak against its stack. */
  private static final List<String> LAUNCHER =
      List.of(
          "--root",
          "/repo",
          "--work",
          "/repo/var/bench",
          "--api",
          "http://127.0.0.1:3000",
          "--pids",
          "local-stack=10,api-gateway=11",
          "--metrics",
          "layer-service=http://127.0.0.1:9465/metrics,encoder-worker=http://127.0.0.1:9467/metrics",
          "--resolution",
          "1280x720",
          "--fps",
          "30",
          "--pictures",
          "/repo/var/bench/pictures");

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      gateway | --minutes | unknown option --minutes (allowed: --streams N --seconds S --connections C)
      e2e     | --streams | unknown option --streams (allowed: --changes N)
      soak    | --changes | unknown option --changes (allowed: --minutes N)
      """)
  void bench_withAnUnknownOption_isRejected_namingTheAllowedOnes(
      String name, String option, String message) {
    assertThatThrownBy(() -> BenchMain.bench(name, BenchOptions.pairs(List.of(option, "5")), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void bench_checkingAUsersOptions_rejectsTheLaunchersOnes() {
    assertThatThrownBy(
            () ->
                BenchMain.bench(
                    "e2e",
                    BenchOptions.pairs(List.of("--api", "http://x", "--changes", "20")),
                    true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown option --api (allowed: --changes N)");
  }

  @Test
  void bench_asTheLauncherRunsIt_takesItsOptionsAndTheUsers() {
    List<String> argv = new ArrayList<>(LAUNCHER);
    argv.addAll(List.of("--minutes", "1"));

    assertThat(BenchMain.bench("soak", BenchOptions.pairs(argv), false))
        .isInstanceOf(SoakBench.class);
  }

  @Test
  void bench_reportsEveryProblemAtOnce() {
    Map<String, String> args =
        BenchOptions.pairs(
            List.of("--streams", "0", "--bogus", "1", "--seconds", "ten", "--other", "2"));

    assertThatThrownBy(() -> BenchMain.bench("gateway", args, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown options --bogus, --other (allowed: --streams N --seconds S --connections C); "
                + "--streams must be a whole number of at least 1, was 0; "
                + "--seconds must be a whole number of at least 1, was ten");
  }

  @Test
  void bench_unknown_isRejected_namingTheBenchmarks() {
    assertThatThrownBy(() -> BenchMain.bench("render", Map.of(), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown benchmark (allowed: pipeline, gateway, e2e, soak, chaos, fleet)");
  }

  @Test
  void chaos_anUnknownFault_isRejected_namingTheFaults() {
    assertThatThrownBy(() -> BenchMain.bench("chaos", Map.of("faults", "render_kill,meteor"), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--faults: unknown [meteor] (allowed: render_kill,layer_kill,encoder_kill,"
                + "gateway_kill,worker_stall,broker_restart,redis_flush)");
  }

  @Test
  void pairs_anOptionWithoutValue_isRejected() {
    assertThatThrownBy(() -> BenchOptions.pairs(List.of("--changes", "20", "--minutes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected --option value, got --minutes");
  }

  @Test
  void pairs_aValueWithoutOption_isRejected() {
    assertThatThrownBy(() -> BenchOptions.pairs(List.of("20")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected --option value, got 20");
  }

  @Test
  void entries_areTheNameValuePairsOfAList_inOrder() {
    assertThat(
            BenchOptions.entries(
                "layer-service=http://127.0.0.1:9465/metrics, encoder-worker=http://h/m,bad"))
        .containsExactly(
            Map.entry("layer-service", "http://127.0.0.1:9465/metrics"),
            Map.entry("encoder-worker", "http://h/m"));
  }
}
