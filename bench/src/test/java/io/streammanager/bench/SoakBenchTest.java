package io.streammanager.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoakBenchTest {
  @Test
  void results_areFramesDroppedFpsAndTheCpuSecondsOfEachProcess_inStartOrder() {
    Map<String, Double> cpu = new LinkedHashMap<>();
    cpu.put("local-stack", 189.46);
    cpu.put("api-gateway", 37.8);
    cpu.put("encoder-worker", 184.74);

    assertThat(
            SoakBench.results(
                new LiveStream.Frames(300, 4, 1_000_000_000L),
                new LiveStream.Frames(18_360, 6, 601_000_000_000L),
                cpu))
        .containsExactly(
            "soak.frames_dropped 2",
            "soak.fps 30.1",
            "soak.cpu_seconds.local-stack 189.5",
            "soak.cpu_seconds.api-gateway 37.8",
            "soak.cpu_seconds.encoder-worker 184.7");
  }
}
