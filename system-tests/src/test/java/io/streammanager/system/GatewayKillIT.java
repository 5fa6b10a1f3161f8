package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two gateways in front of one command log: a client's Idempotency-Key is the same command on
 * either, so a retry through the other gateway, after the first died or while it still works on it,
 * gets the first answer and is applied once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayKillIT {
  private static final String PATCH = "/api/streams/gk/layers/box?wait=true";
  static SystemUnderTest system;
  static int secondPort;

  @BeforeAll
  static void startSystem() throws Exception {
    system =
        new SystemUnderTest(
            "gateway-kill", Map.of("STREAM_RESOLUTION", "320x180", "AUDIO_ENABLED", "false"));
    secondPort = FreePorts.next();
    system.addInstance(
        "api-gateway",
        "api-gateway-2",
        Map.of("PORT", String.valueOf(secondPort), "WS_PORT", String.valueOf(FreePorts.next())));
    assertThat(system.post("/api/streams?wait=true", "{\"id\":\"gk\"}").statusCode())
        .isEqualTo(200);
    assertThat(
            system
                .post(
                    "/api/streams/gk/layers?wait=true",
                    "{\"id\":\"box\",\"type\":\"rect\",\"x\":0,\"y\":0,\"width\":16,"
                        + "\"height\":16,\"color\":\"#FF0000\"}")
                .statusCode())
        .isEqualTo(200);
  }

  @AfterAll
  static void stopSystem() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  private static HttpResponse<String> patch(int port, String key, int x) throws Exception {
    return system.sendTo(
        "127.0.0.1", port, "PATCH", PATCH, "{\"x\":" + x + "}", "Idempotency-Key", key);
  }

  /** The stream's version, as the gateway on {@code port} reads it. */
  private static long version(int port) throws Exception {
    JsonNode streams =
        SystemUnderTest.JSON.readTree(
            system.sendTo("127.0.0.1", port, "GET", "/api/streams", null).body());
    for (JsonNode s : streams) {
      if (s.path("id").asText().equals("gk")) {
        return s.path("stateVersion").asLong();
      }
    }
    throw new AssertionError("no stream gk in " + streams);
  }

  @Test
  @Order(1)
  void theSameKeyThroughBothGatewaysAtOnce_isAppliedOnce_andBothGetTheFirstAnswer()
      throws Exception {
    long before = version(system.apiPort);

    CompletableFuture<HttpResponse<String>> viaFirst =
        CompletableFuture.supplyAsync(() -> call(() -> patch(system.apiPort, "both", 40)));
    CompletableFuture<HttpResponse<String>> viaSecond =
        CompletableFuture.supplyAsync(() -> call(() -> patch(secondPort, "both", 40)));

    List<HttpResponse<String>> answers = List.of(viaFirst.get(), viaSecond.get());
    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
    JsonNode first = SystemUnderTest.JSON.readTree(answers.get(0).body());
    assertThat(SystemUnderTest.JSON.readTree(answers.get(1).body())).isEqualTo(first);
    assertThat(first.path("stateVersion").asLong()).isEqualTo(before + 1);
    assertThat(version(secondPort)).isEqualTo(before + 1);
  }

  @Test
  @Order(2)
  void aRetryThroughTheOtherGateway_afterTheFirstDied_getsTheFirstAnswer_andIsAppliedOnce()
      throws Exception {
    HttpResponse<String> answered = patch(system.apiPort, "retry", 50);
    assertThat(answered.statusCode()).isEqualTo(200);
    long after = version(system.apiPort);

    system.process("api-gateway").killNow();
    HttpResponse<String> retried = patch(secondPort, "retry", 50);

    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(SystemUnderTest.JSON.readTree(retried.body()))
        .isEqualTo(SystemUnderTest.JSON.readTree(answered.body()));
    Await.until(
        Duration.ofSeconds(10),
        () -> "the stream's version, still " + after,
        () -> call(() -> version(secondPort)) == after);
  }

  private interface Call<T> {
    T get() throws Exception;
  }

  private static <T> T call(Call<T> c) {
    try {
      return c.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
