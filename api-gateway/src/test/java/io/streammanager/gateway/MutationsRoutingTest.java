package io.streammanager.gateway;

import static io.streammanager.gateway.ApiCalls.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.streammanager.gateway.ApiCalls.Answer;
import io.streammanager.proto.Command;
import io.streammanager.proto.RejectionCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the gateway answers a change, served in-process over an in-memory command log and read model:
 * If-Match, Idempotency-Key, ?wait, a log that is away, JSON merge patch of a layer, and what the
 * read model knows at once.
 */
@RoutingTest
class MutationsRoutingTest {
  // The routes are set up once for the class (Helidon's @SetUpRoute is static): each test resets
  // the in-memory stream and log, and uses Idempotency-Keys of its own (the gateway remembers
  // answers, as it should).
  private static final InProcessGateway GATEWAY = new InProcessGateway(Map.of());
  private final ApiCalls api;

  MutationsRoutingTest(DirectClient client) {
    this.api = new ApiCalls(client);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder r) {
    GATEWAY.routing(r);
  }

  @BeforeEach
  void aStreamAtVersion7WithABox() throws Exception {
    GATEWAY.reset();
    GATEWAY.stream(
        "news",
        7,
        JSON.readTree(
            "{\"id\":\"box\",\"type\":\"rect\",\"x\":10,\"y\":20,\"width\":100,\"height\":50,\"color\":\"#FF0000\"}"));
  }

  @Test
  void ifMatch_ofAnotherVersion_is412_andSendsNothing() throws Exception {
    Answer a =
        api.send(Method.PATCH, "/api/streams/news/layers/box", "{\"x\":30}", "If-Match", "\"5\"");

    assertThat(a.status()).isEqualTo(412);
    assertThat(a.json())
        .isEqualTo(
            JSON.readTree(
                """
        {"type":"https://stream-manager.dev/problems/version-mismatch","title":"Version mismatch","status":412,
         "detail":"the stream is at version 7, not 5"}"""));
    assertThat(GATEWAY.commands()).isEmpty();
  }

  @Test
  void ifMatch_ofTheCurrentVersion_sendsTheCommandExpectingIt() throws Exception {
    Answer a =
        api.send(Method.PATCH, "/api/streams/news/layers/box", "{\"x\":30}", "If-Match", "\"7\"");

    assertThat(a.status()).isEqualTo(202);
    assertThat(GATEWAY.commands()).extracting(Command::getExpectedVersion).containsExactly(7L);
  }

  @Test
  void ifMatch_thatIsNotAVersion_is400NamingTheHeader() throws Exception {
    Answer a = api.send(Method.DELETE, "/api/streams/news/layers/box", null, "If-Match", "latest");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().get("errors"))
        .isEqualTo(
            JSON.readTree(
                """
        [{"field":"/If-Match","message":"If-Match must be a state version (a number), was 'latest'"}]"""));
    assertThat(GATEWAY.commands()).isEmpty();
  }

  @Test
  void aRepeatedIdempotencyKey_getsTheFirstAnswer_andTheLogHoldsOneCommand() throws Exception {
    Answer first =
        api.send(
            Method.PATCH,
            "/api/streams/news/layers/box?wait=true",
            "{\"x\":30}",
            "Idempotency-Key",
            "repeat");
    Answer again =
        api.send(
            Method.PATCH,
            "/api/streams/news/layers/box?wait=true",
            "{\"x\":31}",
            "Idempotency-Key",
            "repeat");

    assertThat(again).isEqualTo(first);
    assertThat(first.status()).isEqualTo(200);
    assertThat(GATEWAY.commands()).hasSize(1);
    assertThat(GATEWAY.commands().getFirst().getLayerPatch().getLayer().getX()).isEqualTo(30f);
  }

  @Test
  void anIdempotencyKey_makesTheCommandId_theSameOnEveryGateway() throws Exception {
    api.send(
        Method.PATCH, "/api/streams/news/layers/box", "{\"x\":30}", "Idempotency-Key", "made-id");

    Command sent = GATEWAY.commands().getFirst();
    assertThat(sent.getCommandId())
        .isEqualTo(
            Mutations.idempotentId("anonymous\nPATCH\n/api/streams/news/layers/box\nmade-id"));
    assertThat(sent.getIdempotent()).isTrue();
  }

  @Test
  void aRepeatLayerServiceDecidedBefore_isAnsweredFromItsDecision_andSendsNothing()
      throws Exception {
    // Given a command another gateway (or this one before a restart) sent with this key, applied
    String id = Mutations.idempotentId("anonymous\nPATCH\n/api/streams/news/layers/box\nelsewhere");
    GATEWAY.decided(
        io.streammanager.proto.CommandRecord.newBuilder()
            .setCommandId(id)
            .setStreamId("news")
            .setResult(io.streammanager.proto.CommandRecord.Result.APPLIED)
            .setStateVersion(8)
            .setIdempotent(true)
            .build());

    // When the client retries it here
    Answer again =
        api.send(
            Method.PATCH,
            "/api/streams/news/layers/box?wait=true",
            "{\"x\":30}",
            "Idempotency-Key",
            "elsewhere");

    // Then it gets the first decision, and nothing is sent again
    assertThat(again)
        .isEqualTo(
            new Answer(
                200,
                "/api/commands/" + id,
                null,
                JSON.readTree(
                    "{\"commandId\":\"" + id + "\",\"status\":\"applied\",\"stateVersion\":8}")));
    assertThat(GATEWAY.commands()).isEmpty();
  }

  @Test
  void theSameIdempotencyKey_onAnotherPath_isAnotherRequest() throws Exception {
    api.send(
        Method.PATCH, "/api/streams/news/layers/box", "{\"x\":30}", "Idempotency-Key", "two-paths");
    api.send(Method.DELETE, "/api/streams/news/layers/box", null, "Idempotency-Key", "two-paths");

    assertThat(GATEWAY.commands())
        .extracting(Command::getActionCase)
        .containsExactly(Command.ActionCase.LAYER_PATCH, Command.ActionCase.LAYER_REMOVE);
  }

  @Test
  void withoutWait_theAnswerIs202_pointingAtTheCommand() throws Exception {
    Answer a = api.send(Method.DELETE, "/api/streams/news/layers/box", null);

    String id = GATEWAY.commands().getFirst().getCommandId();
    assertThat(a)
        .isEqualTo(
            new Answer(
                202,
                "/api/commands/" + id,
                null,
                JSON.readTree("{\"commandId\":\"" + id + "\",\"status\":\"pending\"}")));
  }

  @Test
  void wait_answersTheVersionTheCommandMade() throws Exception {
    Answer a =
        api.send(
            Method.PATCH, "/api/streams/news/layers/box?wait=true", "{\"x\":30}", "If-Match", "7");

    String id = GATEWAY.commands().getFirst().getCommandId();
    assertThat(a)
        .isEqualTo(
            new Answer(
                200,
                "/api/commands/" + id,
                null,
                JSON.readTree(
                    "{\"commandId\":\"" + id + "\",\"status\":\"applied\",\"stateVersion\":8}")));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "REJECTION_INVALID, 422",
    "REJECTION_NOT_FOUND, 404",
    "REJECTION_CONFLICT, 409",
    "REJECTION_VERSION_MISMATCH, 412",
    "REJECTION_NOT_APPLIED, 503",
    "REJECTION_CODE_UNSPECIFIED, 422"
  })
  void wait_answersARejection_withTheStatusOfItsCode(RejectionCode code, int status)
      throws Exception {
    GATEWAY.decides(InProcessGateway.rejects(code, "/layer/x", "x is out of range"));

    Answer a = api.send(Method.PATCH, "/api/streams/news/layers/box?wait=true", "{\"x\":30}");

    String id = GATEWAY.commands().getFirst().getCommandId();
    assertThat(a.status()).isEqualTo(status);
    assertThat(a.json())
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"https://stream-manager.dev/problems/command-rejected\","
                    + "\"title\":\"Command rejected\",\"status\":"
                    + status
                    + ",\"detail\":\"x is out of range\","
                    + "\"errors\":[{\"field\":\"/layer/x\",\"message\":\"x is out of range\"}],\"commandId\":\""
                    + id
                    + "\"}"));
  }

  @Test
  void wait_withNoDecisionInTime_answers202Pending() throws Exception {
    GATEWAY.decides(c -> Optional.empty());

    Answer a = api.send(Method.PATCH, "/api/streams/news/layers/box?wait=true", "{\"x\":30}");

    assertThat(a.status()).isEqualTo(202);
    assertThat(a.json().get("status").asText()).isEqualTo("pending");
  }

  @Test
  void aCommandTheLogDidNotTake_is503_andItsIdempotencyKeyCanBeRetried() throws Exception {
    GATEWAY.logAway(true);
    Answer refused =
        api.send(
            Method.PATCH,
            "/api/streams/news/layers/box",
            "{\"x\":30}",
            "Idempotency-Key",
            "log-away");
    GATEWAY.logAway(false);
    Answer retried =
        api.send(
            Method.PATCH,
            "/api/streams/news/layers/box",
            "{\"x\":30}",
            "Idempotency-Key",
            "log-away");

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.json().get("type").asText())
        .isEqualTo("https://stream-manager.dev/problems/command-not-stored");
    assertThat(retried.status()).isEqualTo(202);
    assertThat(GATEWAY.commands()).hasSize(1);
  }

  @Test
  void aLayerPatch_isMergedIntoTheStoredLayer_perRfc7396() throws Exception {
    api.send(Method.PATCH, "/api/streams/news/layers/box", "{\"x\":30,\"color\":\"#00FF00\"}");

    Command c = GATEWAY.commands().getFirst();
    assertThat(io.streammanager.gateway.json.LayerCodec.toJson(c.getLayerPatch().getLayer()))
        .isEqualTo(
            io.streammanager.gateway.json.LayerCodec.toJson(
                io.streammanager.gateway.json.LayerCodec.parse(
                        JSON.readTree(
                            "{\"id\":\"box\",\"type\":\"rect\",\"x\":30,\"y\":20,\"width\":100,\"height\":50,"
                                + "\"color\":\"#00FF00\"}"),
                        java.util.Set.of())
                    .upsert()
                    .getLayer()));
  }

  @Test
  void anUnknownStreamOrLayer_is404AtOnce_forEveryMethod_andSendsNothing() {
    List<Answer> answers =
        List.of(
            api.send(Method.GET, "/api/streams/nope", null),
            api.send(Method.PATCH, "/api/streams/nope", "{\"fps\":25}"),
            api.send(Method.DELETE, "/api/streams/nope", null),
            api.send(
                Method.POST,
                "/api/streams/nope/layers",
                "{\"id\":\"a\",\"type\":\"color\",\"color\":\"#000000\"}"),
            api.send(Method.PATCH, "/api/streams/news/layers/nope", "{\"x\":1}"),
            api.send(Method.DELETE, "/api/streams/news/layers/nope", null),
            api.send(Method.DELETE, "/api/streams/news/layers/nope?wait=true", null),
            api.send(
                Method.POST,
                "/api/streams/news/batch",
                "{\"operations\":[{\"op\":\"remove\",\"id\":\"nope\"}]}"));

    assertThat(answers).extracting(Answer::status).containsOnly(404);
    assertThat(GATEWAY.commands()).isEmpty();
  }

  @Test
  void aStreamWithSeveralBadFields_isAnsweredWithEveryProblemAtOnce_andSendsNothing() {
    Answer a =
        api.send(
            Method.POST,
            "/api/streams",
            "{\"id\":\"x y\",\"resolution\":\"big\",\"fps\":0,"
                + "\"quality\":\"best\",\"outputs\":[{\"url\":\"http://example.com/live\"}],\"colour\":1}");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder(
            "/id", "/resolution", "/fps", "/quality", "/outputs/0/url", "/colour");
    assertThat(GATEWAY.commands()).isEmpty();
  }
}
