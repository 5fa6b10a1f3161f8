package io.streammanager.gateway;

import static io.streammanager.gateway.ApiCalls.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.streammanager.gateway.ApiCalls.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what: tokens, scopes and keys minted and revoked through /api/keys, served in-process.
 */
@RoutingTest
class KeysRoutingTest {
  private static final String ADMIN = "admin-token-0123456789";
  private static final String READER = "reader-token-0123456789";
  private static final InProcessGateway GATEWAY =
      new InProcessGateway(
          Map.of("ADMIN_TOKEN", ADMIN, "API_KEYS", "reader:" + READER + ":stream:news:read"));
  private final ApiCalls api;

  KeysRoutingTest(DirectClient client) {
    this.api = new ApiCalls(client);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder r) {
    GATEWAY.routing(r);
  }

  @BeforeEach
  void twoStreams() throws Exception {
    GATEWAY.reset();
    JsonNode box = JSON.readTree("{\"id\":\"box\",\"type\":\"color\",\"color\":\"#000000\"}");
    GATEWAY.stream("news", 3, box);
    GATEWAY.stream("sport", 4, box);
  }

  @Test
  void aCallWithoutAToken_is401_askingForABearerToken() {
    Answer a = api.send(Method.GET, "/api/streams", null);

    assertThat(a.status()).isEqualTo(401);
    assertThat(a.authenticate()).isEqualTo("Bearer realm=\"stream-manager\"");
    assertThat(a.json().get("detail").asText()).isEqualTo("send Authorization: Bearer <token>");
  }

  @Test
  void aStreamReadKey_readsItsStreamOnly_andChangesNothing() {
    assertThat(
            List.of(
                call(READER, Method.GET, "/api/streams/news", null).status(),
                call(READER, Method.GET, "/api/streams/sport", null).status(),
                call(READER, Method.PATCH, "/api/streams/news/layers/box", "{\"opacity\":0.5}")
                    .status()))
        .containsExactly(200, 403, 403);
    assertThat(call(READER, Method.GET, "/api/streams", null).json().findValuesAsText("id"))
        .containsExactly("news");
    assertThat(GATEWAY.commands()).isEmpty();
  }

  @Test
  void aMintedKey_worksAtOnce_andNotOnceRevoked() {
    Answer minted =
        call(
            ADMIN,
            Method.POST,
            "/api/keys",
            "{\"name\":\"ops\",\"scopes\":[\"stream:news:write\"]}");
    String token = minted.json().get("token").asText();

    assertThat(minted.status()).isEqualTo(201);
    assertThat(minted.json().get("scopes").toString()).isEqualTo("[\"stream:news:write\"]");
    assertThat(
            call(token, Method.PATCH, "/api/streams/news/layers/box", "{\"opacity\":0.5}").status())
        .isEqualTo(202);
    assertThat(
            call(token, Method.PATCH, "/api/streams/sport/layers/box", "{\"opacity\":0.5}")
                .status())
        .isEqualTo(403);
    assertThat(call(ADMIN, Method.DELETE, "/api/keys/ops", null).status()).isEqualTo(204);
    assertThat(
            call(token, Method.PATCH, "/api/streams/news/layers/box", "{\"opacity\":0.5}").status())
        .isEqualTo(401);
    assertThat(GATEWAY.commands()).hasSize(1);
  }

  @Test
  void aSecondKeyOfOneName_andRevokingAKeyFromTheEnvironment_are409() {
    call(ADMIN, Method.POST, "/api/keys", "{\"name\":\"twice\",\"scopes\":[\"read\"]}");

    assertThat(
            call(ADMIN, Method.POST, "/api/keys", "{\"name\":\"twice\",\"scopes\":[\"read\"]}")
                .status())
        .isEqualTo(409);
    assertThat(call(ADMIN, Method.DELETE, "/api/keys/reader", null).status()).isEqualTo(409);
    assertThat(call(ADMIN, Method.DELETE, "/api/keys/twice", null).status()).isEqualTo(204);
  }

  @Test
  void anInvalidKey_isAnsweredWithEveryProblemAtOnce() throws Exception {
    Answer a =
        call(ADMIN, Method.POST, "/api/keys", "{\"name\":\"\",\"scopes\":[\"read\",\"root\"]}");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().get("errors"))
        .isEqualTo(
            JSON.readTree(
                """
        [{"field":"/name","message":"name is required: %s"},
         {"field":"/scopes/1","message":"scope must be admin, read, streams:write, stream:<id>:write or \
        stream:<id>:read, was 'root'"}]"""
                    .formatted(io.streammanager.proto.Ids.NAME_RULE)));
  }

  private Answer call(String token, Method method, String path, String body) {
    return api.send(method, path, body, "Authorization", "Bearer " + token);
  }
}
