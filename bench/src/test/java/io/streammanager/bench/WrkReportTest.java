package io.streammanager.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkReportTest {
  /**
   * What {@code wrk --latency -s bench/gateway-patch.lua} prints: its own summary, then the
   * script's done().
   */
  static final String OUTPUT =
      """
      Running 20s test @ http://127.0.0.1:3000
        2 threads and 64 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency   285.12ms  297.01ms   1.99s    85.91%
          Req/Sec   115.62     52.10   270.00     68.42%
        Latency Distribution
           50%  198.60ms
           75%  388.22ms
           90%  697.05ms
           99%    1.49s
        4493 requests in 20.06s, 1.01MB read
        Socket errors: connect 0, read 0, write 0, timeout 46
      Requests/sec:    223.98
      Transfer/sec:     51.39KB
      wrk.requests 4493
      wrk.duration_us 20061234
      wrk.non2xx 0
      wrk.socket_errors 46
      wrk.p50_us 198600
      wrk.p99_us 1492300
      """;

  @Test
  void parse_readsTheLinesOfTheScriptsDone_afterWrksOwnSummary() {
    assertThat(WrkReport.parse(OUTPUT))
        .isEqualTo(new WrkReport(4493, 20_061_234, 0, 46, 198_600, 1_492_300));
  }

  @Test
  void parse_withoutSomeLines_namesEveryMissingOne() {
    assertThatThrownBy(() -> WrkReport.parse("wrk.requests 10\nwrk.non2xx 0\nwrk.p50_us 100\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "wrk's report lacks wrk.duration_us, wrk.socket_errors, wrk.p99_us"
                + " (printed by done() of bench/gateway-patch.lua)");
  }

  @Test
  void accepted_isEveryAnswerButTheNon2xxOnes_perSecondOfTheRun() {
    WrkReport report = new WrkReport(1000, 2_000_000, 100, 0, 1, 2);

    assertThat(report.accepted()).isEqualTo(900);
    assertThat(report.acceptedPerSecond()).isEqualTo(450.0);
  }
}
