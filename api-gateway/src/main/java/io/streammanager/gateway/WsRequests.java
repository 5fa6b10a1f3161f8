package io.streammanager.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * A REST operation sent over the WebSocket: {@code
 * {"type":"request","requestId":"7","method":"PATCH",
 * "path":"/api/streams/news1/layers/box","body":{...},"headers":{"If-Match":"12"}}}. It is handed
 * to the gateway's own HTTP listener, so it gets exactly the same checks and answers; the reply is
 * {@code {"type":"response","requestId":"7","status":200,"body":{...},"location":"..."}}.
 */
final class WsRequests {
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> HEADERS = Set.of("If-Match", "Idempotency-Key");
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final IntSupplier httpPort;

  WsRequests(IntSupplier httpPort) {
    this.httpPort = httpPort;
  }

  void forward(JsonNode msg, String requestId, String token, Consumer<String> reply) {
    String method = msg.path("method").asText("").toUpperCase(java.util.Locale.ROOT);
    String path = msg.path("path").asText("");
    if (!METHODS.contains(method)
        || !path.startsWith("/api/")
        || path.contains("..")
        || path.contains("://")) {
      reply.accept(
          answer(
                  requestId,
                  400,
                  error(
                      "method must be GET, POST, PUT, PATCH or DELETE and path an "
                          + "/api/... path"))
              .toString());
      return;
    }
    Thread.ofVirtual()
        .name("ws-request")
        .start(
            () -> {
              try {
                HttpRequest.Builder b =
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort.getAsInt() + path))
                        .timeout(Duration.ofSeconds(30));
                JsonNode body = msg.get("body");
                b.method(
                    method,
                    body == null || body.isNull()
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
                if (body != null && !body.isNull()) {
                  b.header("Content-Type", "application/json");
                }
                if (!token.isEmpty()) {
                  b.header("Authorization", "Bearer " + token);
                }
                JsonNode headers = msg.get("headers");
                if (headers != null && headers.isObject()) {
                  headers
                      .fields()
                      .forEachRemaining(
                          h -> {
                            if (HEADERS.contains(h.getKey())) {
                              b.header(h.getKey(), h.getValue().asText());
                            }
                          });
                }
                HttpResponse<String> r =
                    client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                ObjectNode out =
                    answer(
                        requestId,
                        r.statusCode(),
                        r.body().isEmpty() ? null : Http.JSON.readTree(r.body()));
                r.headers().firstValue("Location").ifPresent(l -> out.put("location", l));
                reply.accept(out.toString());
              } catch (Exception e) {
                reply.accept(
                    answer(requestId, 502, error("the request could not be handled: " + e))
                        .toString());
              }
            });
  }

  private static ObjectNode answer(String requestId, int status, JsonNode body) {
    ObjectNode n = Http.JSON.createObjectNode().put("type", "response");
    if (requestId != null) {
      n.put("requestId", requestId);
    }
    n.put("status", status);
    if (body != null) {
      n.set("body", body);
    }
    return n;
  }

  private static JsonNode error(String detail) {
    return Http.JSON.createObjectNode().put("detail", detail);
  }
}
