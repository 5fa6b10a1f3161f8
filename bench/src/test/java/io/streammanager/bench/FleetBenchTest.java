package io.streammanager.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FleetBenchTest {

  /** limit (the most that holds) | start | step | max | the answer | the counts tried, in order. */
  @ParameterizedTest(name = "limit {0}, from {1} by {2} up to {3} -> {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      10 | 4 | 2 | 48 | 10 | 4 8 16 12 10
      10 | 4 | 1 | 48 | 10 | 4 8 16 12 10 11
      17 | 4 | 2 | 48 | 16 | 4 8 16 32 24 20 18
      3  | 4 | 1 | 48 | 3  | 4 2 3
      0  | 4 | 2 | 48 | 0  | 4 2 1
      60 | 4 | 2 | 48 | 48 | 4 8 16 32 48
      1  | 1 | 1 | 8  | 1  | 1 2
      """)
  void most_doublesThenHalvesTheGap(
      int limit, int start, int step, int max, int answer, String tried) throws Exception {
    List<Integer> counts = new ArrayList<>();

    int most =
        FleetBench.most(
            n -> {
              counts.add(n);
              return n <= limit;
            },
            start,
            step,
            max);

    assertThat(most).isEqualTo(answer);
    assertThat(counts)
        .containsExactlyElementsOf(
            List.of(tried.split(" ")).stream().map(Integer::parseInt).toList());
  }

  @Test
  void options_everyProblemAtOnce() {
    assertThatThrownBy(
            () ->
                FleetBench.read(
                    BenchOptions.of(
                        Map.of("resolution", "big", "seconds", "0", "colour", "red"),
                        FleetBench.USAGE,
                        true)))
        .hasMessageContaining("--resolution must be WxH, e.g. 640x360, was big");
    assertThatThrownBy(
            () ->
                FleetBench.read(
                    BenchOptions.of(
                        Map.of("seconds", "0", "colour", "red"), FleetBench.USAGE, true)))
        .hasMessageContaining("unknown option --colour (allowed: " + FleetBench.USAGE + ")")
        .hasMessageContaining("--seconds must be a whole number of at least 1, was 0");
  }
}
