package io.streammanager.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.testing.junit5.DirectClient;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Calls of the gateway's API as a client makes them, through Helidon's in-process {@link
 * DirectClient}.
 */
final class ApiCalls {
  static final ObjectMapper JSON = new ObjectMapper();
  private final DirectClient client;

  /**
   * An answer as a client sees it: status, the Location and WWW-Authenticate headers, and the body
   * as JSON.
   */
  record Answer(int status, String location, String authenticate, JsonNode json) {}

  ApiCalls(DirectClient client) {
    this.client = client;
  }

  /**
   * {@code path} may carry a query; {@code headers} are name, value pairs; a body is sent as JSON.
   */
  Answer send(Method method, String path, String body, String... headers) {
    String[] pathAndQuery = path.split("\\?", 2);
    var request = client.method(method).path(pathAndQuery[0]);
    if (pathAndQuery.length == 2) {
      for (String param : pathAndQuery[1].split("&")) {
        String[] kv = param.split("=", 2);
        request.queryParam(kv[0], kv.length == 2 ? kv[1] : "");
      }
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(HeaderNames.create(headers[i]), headers[i + 1]);
    }
    if (body != null) {
      request.header(HeaderNames.CONTENT_TYPE, "application/json");
    }
    try (HttpClientResponse r = body == null ? request.request() : request.submit(body)) {
      String text = r.entity().hasEntity() ? r.as(String.class) : "";
      return new Answer(
          r.status().code(),
          r.headers().first(HeaderNames.LOCATION).orElse(null),
          r.headers().first(HeaderNames.WWW_AUTHENTICATE).orElse(null),
          text.isEmpty() ? null : JSON.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
