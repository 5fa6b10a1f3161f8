package io.streammanager.gateway;

import static io.streammanager.gateway.ApiCalls.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.websocket.WsRouting;
import io.streammanager.proto.Command;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket events endpoint ({@link EventHub}) and the REST requests it carries ({@link
 * WsRequests}), served in-process on a port of its own over the in-memory gateway: identify first,
 * scoped subscriptions, events only of readable streams, requests answered by the HTTP API itself.
 */
class WebSocketEventsTest {
  private static final String ADMIN = "admin-token-0123456789";
  private static final String READER = "reader-token-0123456789";
  private static final InProcessGateway GATEWAY =
      new InProcessGateway(
          Map.of("ADMIN_TOKEN", ADMIN, "API_KEYS", "reader:" + READER + ":stream:news:read"));
  private static WebServer server;
  private static EventHub hub;
  private Client client;

  @BeforeAll
  static void serve() {
    int[] port = new int[1];
    hub = GATEWAY.hub(() -> port[0]);
    server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .routing(GATEWAY::routing)
            .addRouting(WsRouting.builder().endpoint("/ws", hub))
            .build()
            .start();
    port[0] = server.port();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void aClient() throws Exception {
    GATEWAY.reset();
    GATEWAY.stream(
        "news", 3, JSON.readTree("{\"id\":\"box\",\"type\":\"color\",\"color\":\"#000000\"}"));
    client = new Client(server.port());
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void aClient_mustIdentifyFirst_withATokenAKeyHas() throws Exception {
    assertThat(client.ask("{\"type\":\"subscribe\",\"requestId\":\"1\"}"))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"response\",\"requestId\":\"1\",\"status\":401,"
                    + "\"error\":\"identify first: {\\\"type\\\":\\\"identify\\\",\\\"token\\\":\\\"...\\\"}\"}"));
    assertThat(client.ask("{\"type\":\"identify\",\"requestId\":\"2\",\"token\":\"nope\"}"))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"response\",\"requestId\":\"2\",\"status\":401,"
                    + "\"error\":\"the token is not known\"}"));
  }

  @Test
  void aStreamReadKey_subscribesToItsStreamOnly_andHearsOnlyItsEvents() throws Exception {
    assertThat(
            client.ask("{\"type\":\"identify\",\"requestId\":\"1\",\"token\":\"" + READER + "\"}"))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"response\",\"requestId\":\"1\",\"status\":200,\"identity\":\"reader\"}"));
    assertThat(
            client
                .ask(
                    "{\"type\":\"subscribe\",\"requestId\":\"2\",\"streams\":[\"news\",\"sport\"]}")
                .path("status")
                .asInt())
        .isEqualTo(403);
    assertThat(client.ask("{\"type\":\"subscribe\",\"requestId\":\"3\",\"streams\":[\"*\"]}"))
        .isEqualTo(JSON.readTree("{\"type\":\"response\",\"requestId\":\"3\",\"status\":200}"));

    hub.publish("sport", "layer.applied", "{\"streamId\":\"sport\"}");
    hub.publish("news", "layer.applied", "{\"streamId\":\"news\"}");

    assertThat(client.next()).isEqualTo(JSON.readTree("{\"streamId\":\"news\"}"));
  }

  @Test
  void aRequestOverTheSocket_isAnsweredByTheHttpApi_withTheClientsKeyAndHeaders() throws Exception {
    client.ask("{\"type\":\"identify\",\"token\":\"" + ADMIN + "\"}");

    JsonNode answer =
        client.ask(
            "{\"type\":\"request\",\"requestId\":\"7\",\"method\":\"PATCH\","
                + "\"path\":\"/api/streams/news/layers/box\",\"body\":{\"opacity\":0.5},"
                + "\"headers\":{\"If-Match\":\"3\",\"X-Other\":\"dropped\"}}");

    Command sent = GATEWAY.commands().getFirst();
    assertThat(answer)
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"response\",\"requestId\":\"7\",\"status\":202,\"body\":{\"commandId\":\""
                    + sent.getCommandId()
                    + "\",\"status\":\"pending\"},\"location\":\"/api/commands/"
                    + sent.getCommandId()
                    + "\"}"));
    assertThat(sent.getExpectedVersion()).isEqualTo(3);
    assertThat(sent.getIssuedBy()).isEqualTo("admin");
    assertThat(
            client
                .ask(
                    "{\"type\":\"request\",\"requestId\":\"8\",\"method\":\"GET\","
                        + "\"path\":\"/../etc/passwd\"}")
                .path("status")
                .asInt())
        .isEqualTo(400);
  }

  /** A WebSocket client of the JDK: each whole text message it receives, as JSON, in order. */
  private static final class Client implements WebSocket.Listener {
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    Client(int port) throws Exception {
      socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), this)
              .get(10, TimeUnit.SECONDS);
    }

    JsonNode ask(String message) throws Exception {
      socket.sendText(message, true).get(10, TimeUnit.SECONDS);
      return next();
    }

    JsonNode next() throws InterruptedException {
      JsonNode message = received.poll(10, TimeUnit.SECONDS);
      assertThat(message).as("a message within 10 s").isNotNull();
      return message;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          received.add(JSON.readTree(partial.toString()));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    void close() {
      socket.abort();
    }
  }
}
