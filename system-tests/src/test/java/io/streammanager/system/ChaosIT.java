package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short version of {@code ./stream-manager chaos}, run as a user runs it (a copy of the
 * launcher with the built jars): two of each service, a live stream and a client retrying with
 * Idempotency-Keys, each kind of process killed or stalled in turn, the broker restarted and Redis
 * flushed. Its outcomes hold: no command lost or applied twice, no frame number twice, the encoder
 * never stalls, the stream resumes after the broker's restart, the rebuilt state is identical and
 * the timestamps rise in every recording, the encoder's files and what nginx-rtmp received. The
 * timing figures are the benchmark's (docs/reliability.md).
 */
class ChaosIT {
  private static final Pattern LINE = Pattern.compile("(?m)^(chaos\\.[a-z_.]+) (-?[0-9.]+)$");

  @Test
  void everyFault_losesNoCommand_appliesNoneTwice_andKeepsTheOutputInOrder(@TempDir Path dir)
      throws Exception {
    LauncherCopy launcher = LauncherCopy.of(dir).withBuiltJars();
    Map<String, String> env = new HashMap<>();
    // Behind the gateway-front the two gateways listen on PORT+10 and PORT+20.
    env.put("PORT", Integer.toString(FreePorts.block(21)));
    env.put("WS_PORT", Integer.toString(FreePorts.block(21)));
    env.put("METRICS_PORT", Integer.toString(FreePorts.block(9)));
    env.put("HEALTH_PORT", Integer.toString(FreePorts.block(9)));
    env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + FreePorts.next());
    env.put("REDIS_URL", "redis://127.0.0.1:" + FreePorts.next());
    env.put("ADMIN_TOKEN", "sm_chaos_test_token_0123456789");
    env.put("AUDIO_ENABLED", "false");

    LauncherCopy.Started chaos = launcher.start(env, "chaos", "--fault-seconds", "8");
    try {
      assertThat(chaos.process().waitFor(10, TimeUnit.MINUTES)).as("chaos ended").isTrue();
      String out = chaos.output();
      assertThat(chaos.process().exitValue()).as("exit code; output:\n" + out).isZero();
      Map<String, Double> lines = new HashMap<>();
      Matcher m = LINE.matcher(out);
      while (m.find()) {
        lines.put(m.group(1), Double.parseDouble(m.group(2)));
      }
      System.out.println(
          "chaos (short):\n"
              + String.join("\n", LINE.matcher(out).results().map(r -> r.group()).toList()));

      assertThat(lines)
          .containsKeys(
              "chaos.render_kill.repeated_frames",
              "chaos.layer_kill.gap_ms",
              "chaos.encoder_kill.gap_s",
              "chaos.broker_restart.commands_lost")
          .containsEntry("chaos.gateway_kill.commands_lost", 0.0)
          .containsEntry("chaos.gateway_kill.commands_applied_twice", 0.0)
          .containsEntry("chaos.commands.lost", 0.0)
          .containsEntry("chaos.commands.applied_twice", 0.0)
          .containsEntry("chaos.commands.unanswered", 0.0)
          .containsEntry("chaos.layer_kill.frames_twice", 0.0)
          .containsEntry("chaos.worker_stall.encoder_stalled", 0.0)
          .containsEntry("chaos.broker_restart.stream_resumed", 1.0)
          .containsEntry("chaos.redis_flush.state_identical", 1.0)
          .containsEntry("chaos.output.dts_increasing", 1.0)
          .containsEntry("chaos.rtmp.dts_increasing", 1.0);
      assertThat(lines.get("chaos.commands.sent")).isGreaterThan(100);
      assertThat(out).contains("everything stopped");
      assertThat(Files.exists(dir.resolve("var/run/render-worker-2.pid"))).isFalse();
    } finally {
      chaos.forceStop();
    }
  }
}
