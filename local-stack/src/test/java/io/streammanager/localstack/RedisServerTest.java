package io.streammanager.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real redis-server subprocesses, probed with a plain RESP socket. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedisServerTest {

  private static final Duration IO_TIMEOUT = Duration.ofSeconds(2);

  @Test
  void start_answersPingAndClosesWithoutLeavingProcess() throws Exception {
    long pid;
    try (RedisServer redis = RedisServer.start()) {
      pid = redis.pid();
      assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + redis.port());
      try (RespConnection connection = RespConnection.open("127.0.0.1", redis.port(), IO_TIMEOUT)) {
        assertThat(connection.call("PING")).isEqualTo("PONG");
        assertThat(connection.call("SET", "layer:1", "visible")).isEqualTo("OK");
        assertThat(connection.call("GET", "layer:1")).isEqualTo("visible");
      }
    }

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
        .as("redis-server process %d after close", pid)
        .isEmpty();
  }

  @Test
  void start_withPassword_refusesCommandsUntilAuth() throws Exception {
    try (RedisServer redis =
            RedisServer.start(RedisServer.Settings.defaults().withPassword("s3cret pass"));
        RespConnection connection = RespConnection.open("127.0.0.1", redis.port(), IO_TIMEOUT)) {
      assertThat(redis.password()).contains("s3cret pass");
      assertThat(connection.call("PING")).startsWith("-NOAUTH");
      assertThat(connection.call("AUTH", "wrong")).startsWith("-WRONGPASS");
      assertThat(connection.call("AUTH", "s3cret pass")).isEqualTo("OK");
      assertThat(connection.call("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void start_withPassword_neverPutsItOnTheCommandLine() throws Exception {
    List<String> command =
        RedisServer.command(java.nio.file.Path.of("/usr/bin/redis-server"), 6390);

    assertThat(command)
        .containsExactly(
            "/usr/bin/redis-server",
            "-",
            "--port",
            "6390",
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no");
  }

  @Test
  void close_withPassword_stopsTheProcess() {
    RedisServer redis = RedisServer.start(RedisServer.Settings.defaults().withPassword("pw"));
    long pid = redis.pid();

    redis.close();
    redis.close(); // idempotent

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void start_withPortInUse_failsAtOnceNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> RedisServer.start(RedisServer.Settings.defaults().withPort(port)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Redis port " + port + " on 127.0.0.1 is already in use");
    }
  }

  @Test
  void start_withMissingExecutable_saysHowToInstallRedis() {
    RedisServer.Settings settings =
        RedisServer.Settings.defaults().withExecutable("redis-server-not-installed");

    assertThatThrownBy(() -> RedisServer.start(settings))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("redis-server-not-installed was not found on PATH")
        .hasMessageContaining("apt-get install redis-server");
  }

  @Test
  void settings_withInvalidValues_reportsEveryProblem() {
    assertThatThrownBy(() -> new RedisServer.Settings(65_536, "", " ", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid RedisServer.Settings: port must be 0 (a free port) or 1..65535, was 65536; "
                + "password must not be empty (use null for no password); "
                + "executable must not be blank (use redis-server)");
  }
}
