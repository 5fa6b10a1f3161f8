package io.streammanager.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayBenchTest {
  private static final WrkReport RUN = WrkReport.parse(WrkReportTest.OUTPUT);

  @Test
  void results_whenLayerServiceDecidedMoreThanWasAccepted_loseNothing() {
    assertThat(GatewayBench.results(RUN, 4557))
        .containsExactly(
            "gateway.commands_per_s 224",
            "gateway.p99_ms 1492.3",
            "gateway.p50_ms 198.6",
            "gateway.accepted 4493",
            "gateway.rejected_http 0",
            "gateway.socket_errors 46",
            "gateway.decided_by_layer_service 4557",
            "gateway.lost 0");
  }

  @Test
  void results_whenLayerServiceDecidedFewer_countTheRestAsLost() {
    assertThat(GatewayBench.results(RUN, 4400))
        .endsWith("gateway.decided_by_layer_service 4400", "gateway.lost 93");
  }

  @Test
  void load_withoutOptions_isEightStreamsTwentySecondsSixtyFourConnections() {
    assertThat(GatewayBench.Load.read(BenchOptions.of(Map.of(), GatewayBench.USAGE, true)))
        .isEqualTo(new GatewayBench.Load(8, 20, 64));
  }

  @Test
  void load_takesTheUsersOptions() {
    BenchOptions options =
        BenchOptions.of(
            Map.of("streams", "2", "seconds", "5", "connections", "16"), GatewayBench.USAGE, true);

    assertThat(GatewayBench.Load.read(options)).isEqualTo(new GatewayBench.Load(2, 5, 16));
  }
}
