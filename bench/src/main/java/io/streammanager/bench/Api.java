package io.streammanager.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The platform's HTTP API as a benchmark drives it: JSON in, JSON out, the admin token from the
 * environment.
 */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  /**
   * @param token ADMIN_TOKEN, or empty when auth is off
   */
  Api(String base, String token) {
    this.base = base;
    this.token = token;
  }

  JsonNode send(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return answer(method + " " + path, b);
  }

  /**
   * Creates a stream that records to {@code <id>-<run>.flv}, and waits until layer-service has it.
   */
  void createRecordedStream(String id, String resolution, int fps)
      throws IOException, InterruptedException {
    send(
        "POST",
        "/api/streams?wait=true",
        "{\"id\":\""
            + id
            + "\",\"resolution\":\""
            + resolution
            + "\",\"fps\":"
            + fps
            + ",\"outputs\":[{\"url\":\""
            + id
            + "-{run}.flv\"}]}");
  }

  /** Upserts layers (JSON objects) in one batch, and waits until layer-service has applied it. */
  void upsertAll(String stream, List<String> layers) throws IOException, InterruptedException {
    StringBuilder ops = new StringBuilder();
    for (String layer : layers) {
      ops.append(ops.isEmpty() ? "" : ",")
          .append("{\"op\":\"upsert\",\"layer\":")
          .append(layer)
          .append('}');
    }
    send("POST", "/api/streams/" + stream + "/batch?wait=true", "{\"operations\":[" + ops + "]}");
  }

  /** Uploads a file as an asset; its {@code src}. */
  String upload(Path file, String type) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/api/assets"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofFile(file));
    return answer("upload " + file, b).get("src").asText();
  }

  private JsonNode answer(String what, HttpRequest.Builder b)
      throws IOException, InterruptedException {
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IOException(what + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
  }
}
