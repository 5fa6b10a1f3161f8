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

  /**
   * The JSON body, or empty after answering 400/413/415. The body must be declared {@code
   * application/json} (a browser cannot send that across sites without a CORS preflight, which this
   * gateway never grants), and is read through a counter, so a chunked body is held to the same
   * {@link #MAX_BODY_BYTES} as a declared length.
   */
  static Optional<JsonNode> readJson(ServerRequest req, ServerResponse res) {
    Optional<String> type = req.headers().first(HeaderNames.CONTENT_TYPE);
    String lower = type.map(t -> t.toLowerCase(java.util.Locale.ROOT).trim()).orElse("");
    if (!lower.startsWith("application/json")
        && !(lower.startsWith("application/") && lower.contains("+json"))) {
      Problems.send(
          res,
          Status.UNSUPPORTED_MEDIA_TYPE_415,
          "unsupported-media-type",
          "Unsupported media type",
          "send the body with Content-Type: application/json"
              + type.map(t -> ", was " + t).orElse(" (none was sent)"),
          List.of());
      return Optional.empty();
    }
    Optional<byte[]> bytes = readBody(req, res, MAX_BODY_BYTES, "the JSON body");
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    String text = new String(bytes.get(), java.nio.charset.StandardCharsets.UTF_8);
    if (text.isBlank()) {
      Problems.invalid(
          res, "Missing body", List.of(new FieldProblem("", "the request needs a JSON body")));
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(text));
    } catch (JsonProcessingException e) {
      Problems.invalid(
          res,
          "Malformed JSON",
          List.of(new FieldProblem("", "the body is not valid JSON: " + e.getOriginalMessage())));
      return Optional.empty();
    }
  }

  /**
   * The body's bytes, at most {@code max} of them whether the length is declared or the body is
   * chunked; empty after answering 413 (the rest of the body is not read).
   */
  static Optional<byte[]> readBody(ServerRequest req, ServerResponse res, long max, String what) {
    long length = req.headers().contentLength().orElse(-1L);
    if (length > max) {
      tooLarge(res, what + " is " + length + " bytes; at most " + max + " are allowed");
      return Optional.empty();
    }
    if (!req.content().hasEntity()) {
      return Optional.of(new byte[0]);
    }
    try (java.io.InputStream in = req.content().inputStream()) {
      byte[] read = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (read.length > max) {
        tooLarge(res, what + " is more than " + max + " bytes; at most " + max + " are allowed");
        return Optional.empty();
      }
      return Optional.of(read);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("the request body could not be read", e);
    }
  }

  private static void tooLarge(ServerResponse res, String detail) {
    res.header(HeaderNames.CONNECTION, "close");
    Problems.send(
        res, Status.REQUEST_ENTITY_TOO_LARGE_413, "too-large", "Body too large", detail, List.of());
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
    return req.query()
        .first(name)
        .map(v -> v.isEmpty() || v.equalsIgnoreCase("true"))
        .orElse(false);
  }
}
