package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.NetworkInterface;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Bearer tokens, scopes, minted keys and the per-key rate limit, against the running system. It
 * runs with loopback trust on (as {@code demo} does): calls without a token come from this
 * machine's network address, where they need one; only calls from 127.0.0.1 without an
 * Authorization header are trusted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthIT {
  static final String ADMIN = "admin-token-for-tests-0123456789";
  static final String READER = "reader-token-0123456789";
  static final String NEWS = "news-writer-token-0123456789";
  static SystemUnderTest system;

  @BeforeAll
  static void startSystem() throws Exception {
    system =
        new SystemUnderTest(
            "auth",
            Map.of(
                "ADMIN_TOKEN",
                ADMIN,
                "API_KEYS",
                "reader:" + READER + ":read;news:" + NEWS + ":stream:news1:write",
                "RATE_LIMIT",
                "20",
                "AUTH_TRUST_LOOPBACK",
                "true"));
  }

  /** This machine's own non-loopback address: a call through it is not from loopback. */
  static String networkAddress() throws Exception {
    return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(
            a ->
                a instanceof java.net.Inet4Address
                    && !a.isLoopbackAddress()
                    && !a.isLinkLocalAddress())
        .map(java.net.InetAddress::getHostAddress)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("this test needs a network interface besides loopback"));
  }

  @AfterAll
  static void stopSystem() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  static HttpResponse<String> as(String token, String method, String path, String json)
      throws Exception {
    return token == null
        ? system.sendVia(networkAddress(), method, path, json)
        : system.send(method, path, json, "Authorization", "Bearer " + token);
  }

  @Test
  @Order(1)
  void tokensAndScopes_decideWhatACallerMayDo() throws Exception {
    assertThat(as(null, "GET", "/api/streams", null).statusCode()).isEqualTo(401);
    assertThat(as("wrong-token-0123456789", "GET", "/api/streams", null).statusCode())
        .isEqualTo(401);
    assertThat(as(READER, "GET", "/api/streams", null).statusCode()).isEqualTo(200);
    HttpResponse<String> forbidden =
        as(
            READER,
            "POST",
            "/api/layers",
            "{\"id\":\"bg\",\"type\":\"color\"," + "\"color\":\"#0000FF\"}");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.body()).contains("stream:default:write");

    assertThat(
            as(
                    ADMIN,
                    "POST",
                    "/api/streams?wait=true",
                    "{\"id\":\"news1\",\"resolution\":\"640x360\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            as(
                    NEWS,
                    "POST",
                    "/api/streams/news1/layers?wait=true",
                    "{\"id\":\"bg\",\"type\":\"color\"," + "\"color\":\"red\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            as(NEWS, "POST", "/api/layers", "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"red\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(as(NEWS, "GET", "/api/keys", null).statusCode()).isEqualTo(403);
    assertThat(as(null, "GET", "/openapi.yaml", null).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(2)
  void commands_recordWhoSentThem() throws Exception {
    HttpResponse<String> created =
        as(
            ADMIN,
            "POST",
            "/api/streams?wait=true",
            "{\"id\":\"who\"," + "\"resolution\":\"320x180\",\"outputs\":[{\"url\":\"who.flv\"}]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(
            as(ADMIN, "POST", "/api/streams/who/control?wait=true", "{\"action\":\"start\"}")
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> scheduled =
        as(
            ADMIN,
            "POST",
            "/api/streams/who/layers?wait=true",
            "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"red\",\"at\":{\"frame\":100000}}");
    assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
    assertThat(SystemUnderTest.JSON.readTree(scheduled.body()).get("status").asText())
        .isEqualTo("scheduled");
    JsonNode schedule =
        SystemUnderTest.JSON.readTree(as(READER, "GET", "/api/streams/who/schedule", null).body());
    assertThat(schedule.get(0).get("issuedBy").asText()).isEqualTo("admin");
    assertThat(
            as(ADMIN, "POST", "/api/streams/who/control?wait=true", "{\"action\":\"stop\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            SystemUnderTest.JSON.readTree(
                as(READER, "GET", "/api/streams/who/schedule", null).body()))
        .as("stopping ends the run and refuses what waited for its frames")
        .isEmpty();
  }

  @Test
  @Order(3)
  void mintedKey_worksUntilRevoked() throws Exception {
    HttpResponse<String> minted =
        as(ADMIN, "POST", "/api/keys", "{\"name\":\"ops\",\"scopes\":[\"read\"]}");
    assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
    String token = SystemUnderTest.JSON.readTree(minted.body()).get("token").asText();
    assertThat(as(token, "GET", "/api/streams", null).statusCode()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    SystemUnderTest.JSON
        .readTree(as(ADMIN, "GET", "/api/keys", null).body())
        .forEach(k -> names.add(k.get("name").asText()));
    assertThat(names).contains("admin", "reader", "news", "ops");
    assertThat(as(ADMIN, "GET", "/api/keys", null).body()).doesNotContain(token);

    assertThat(as(ADMIN, "DELETE", "/api/keys/ops", null).statusCode()).isEqualTo(204);
    assertThat(as(token, "GET", "/api/streams", null).statusCode()).isEqualTo(401);
    assertThat(as(ADMIN, "DELETE", "/api/keys/reader", null).statusCode()).isEqualTo(409);
  }

  @Test
  @Order(4)
  void rateLimit_pastItsRate_answers429WithRetryAfter() throws Exception {
    int limited = 0;
    String retryAfter = null;
    for (int i = 0; i < 60 && limited == 0; i++) {
      HttpResponse<String> r = as(READER, "GET", "/api/streams", null);
      if (r.statusCode() == 429) {
        limited++;
        retryAfter = r.headers().firstValue("Retry-After").orElse(null);
      }
    }
    assertThat(limited).as("60 requests at once against 20 per second").isPositive();
    assertThat(retryAfter).isEqualTo("1");
    Await.until(
        Duration.ofSeconds(5),
        () -> "the limit to let requests through again",
        () -> {
          try {
            return as(READER, "GET", "/api/streams", null).statusCode() == 200;
          } catch (Exception e) {
            return false;
          }
        });
  }

  @Test
  @Order(5)
  void loopbackTrust_letsThisMachineCallWithoutAHeader_butChecksEveryTokenSent() throws Exception {
    HttpResponse<String> local =
        system.send(
            "POST",
            "/api/streams?wait=true",
            "{\"id\":\"local1\"," + "\"resolution\":\"320x180\"}");
    assertThat(local.statusCode()).as(local.body()).isEqualTo(200);
    assertThat(system.send("GET", "/api/keys", null).statusCode())
        .as("the local caller is an admin")
        .isEqualTo(200);
    assertThat(
            system
                .send("GET", "/api/streams", null, "Authorization", "Bearer wrong-token-0123456789")
                .statusCode())
        .as("a header sent is checked, even from loopback")
        .isEqualTo(401);
    assertThat(
            system
                .send(
                    "POST",
                    "/api/layers",
                    "{\"id\":\"bg\",\"type\":\"color\",\"color\":\"red\"}",
                    "Authorization",
                    "Bearer " + READER)
                .statusCode())
        .as("and its scopes apply")
        .isEqualTo(403);
    assertThat(as(null, "GET", "/api/streams/local1", null).statusCode())
        .as("from the network")
        .isEqualTo(401);
  }

  @Test
  @Order(6)
  void redisLostItsData_theRateLimitIsSetUpAgainInsteadOfFailingEveryCall() throws Exception {
    // (the rate test before this one may have used up this second's allowance)
    Await.until(
        Duration.ofSeconds(10),
        () -> "the reader within its rate again",
        () -> {
          try {
            return as(READER, "GET", "/api/streams", null).statusCode() == 200;
          } catch (Exception e) {
            return false;
          }
        });

    Process flush =
        new ProcessBuilder("redis-cli", "-p", String.valueOf(system.redis.port()), "FLUSHALL")
            .redirectErrorStream(true)
            .start();
    assertThat(new String(flush.getInputStream().readAllBytes()).trim()).isEqualTo("OK");

    assertThat(as(READER, "GET", "/api/streams", null).statusCode())
        .as("after FLUSHALL")
        .isEqualTo(200);
  }
}
