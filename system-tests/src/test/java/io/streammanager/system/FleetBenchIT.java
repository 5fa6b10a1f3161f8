package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short version of {@code ./stream-manager bench fleet}, run as a user runs it: the platform's
 * streams and ffmpeg's processes counted in one run, every line the issue names printed. The
 * figures themselves are the benchmark's (docs/benchmarks.md): nothing here judges speed.
 */
class FleetBenchIT {
  @Test
  void aShortFleetRun_countsThePlatformsStreamsAndFfmpegsProcesses(@TempDir Path dir)
      throws Exception {
    LauncherCopy launcher = LauncherCopy.of(dir).withBuiltJars().withBenchAssets();
    Map<String, String> env = new HashMap<>();
    env.put("PORT", Integer.toString(FreePorts.next()));
    env.put("WS_PORT", Integer.toString(FreePorts.next()));
    env.put("METRICS_PORT", Integer.toString(FreePorts.block(4)));
    env.put("HEALTH_PORT", Integer.toString(FreePorts.block(4)));
    env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + FreePorts.next());
    env.put("REDIS_URL", "redis://127.0.0.1:" + FreePorts.next());
    env.put("ADMIN_TOKEN", "sm_fleet_bench_test_token_0123456");

    LauncherCopy.Started fleet =
        launcher.start(
            env,
            "bench",
            "fleet",
            "--resolution",
            "320x180",
            "--seconds",
            "3",
            "--warmup",
            "2",
            "--start",
            "1",
            "--step",
            "1",
            "--max",
            "2");
    try {
      assertThat(fleet.process().waitFor(8, TimeUnit.MINUTES)).as("fleet ended").isTrue();
      String out = fleet.output();
      assertThat(fleet.process().exitValue()).as("exit code; output:\n" + out).isZero();
      assertThat(out)
          .containsPattern("(?m)^fleet\\.try\\.streams_1\\.frames_dropped \\d+$")
          .containsPattern("(?m)^fleet\\.try\\.streams_1\\.slowest_fps [0-9.]+$")
          .containsPattern("(?m)^fleet\\.try\\.streams_1\\.cpu_cores [0-9.]+$")
          .containsPattern("(?m)^ffmpeg\\.try\\.processes_1\\.slowest_speed [0-9.]+$")
          .containsPattern("(?m)^fleet\\.streams [0-2]$")
          .containsPattern("(?m)^ffmpeg\\.streams [0-2]$")
          .containsPattern("(?m)^fleet\\.vs_ffmpeg [0-9.]+$")
          .contains("everything stopped");
    } finally {
      fleet.forceStop();
    }
  }
}
