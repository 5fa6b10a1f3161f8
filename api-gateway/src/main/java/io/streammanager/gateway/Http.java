package io.streammanager.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.streammanager.gateway.json.FieldProblem;
import java.util.List;
import java.util.Optional;

/** Small request/response helpers shared by the API classes. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Bodies larger than this are refused with 413 (pictures go through /api/assets). */
  static final long MAX_BODY_BYTES = 2L * 1024 * 1024;

  private Http() {}

  /** The JSON body, or empty after answering 400/413/415. */
  static Optional<JsonNode> readJson(ServerRequest req, ServerResponse res) {
    Optional<String> type = req.headers().first(HeaderNames.CONTENT_TYPE);
    if (type.isPresent() && !type.get().toLowerCase(java.util.Locale.ROOT).startsWith("application/json")
        && !type.get().toLowerCase(java.util.Locale.ROOT).contains("+json")) {
      Problems.send(res, Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type", "Unsupported media type",
          "send the body as application/json, was " + type.get(), List.of());
      return Optional.empty();
    }
    long length = req.headers().contentLength().orElse(-1L);
    if (length > MAX_BODY_BYTES) {
      Problems.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "too-large", "Body too large",
          "the body is " + length + " bytes; at most " + MAX_BODY_BYTES + " are allowed", List.of());
      return Optional.empty();
    }
    String text = req.content().hasEntity() ? req.content().as(String.class) : "";
    if (text.isBlank()) {
      Problems.invalid(res, "Missing body", List.of(new FieldProblem("", "the request needs a JSON body")));
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(text));
    } catch (JsonProcessingException e) {
      Problems.invalid(res, "Malformed JSON", List.of(new FieldProblem("",
          "the body is not valid JSON: " + e.getOriginalMessage())));
      return Optional.empty();
    }
  }

  static void json(ServerResponse res, Status status, JsonNode body) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(body.toString());
  }

  static void notFound(ServerResponse res, String what) {
    Problems.send(res, Status.NOT_FOUND_404, "not-found", "Not found", what, List.of());
  }

  static boolean query(ServerRequest req, String name) {
    return req.query().first(name).map(v -> v.isEmpty() || v.equalsIgnoreCase("true")).orElse(false);
  }
}
