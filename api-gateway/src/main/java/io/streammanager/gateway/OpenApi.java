package io.streammanager.gateway;

import io.helidon.http.HeaderNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the OpenAPI 3.1 description at {@code GET /openapi.yaml} (kept true by
 * RoutesMatchOpenApiTest).
 */
final class OpenApi {
  static final String RESOURCE = "/openapi.yaml";
  private static final byte[] YAML = load();

  private OpenApi() {}

  static void routing(Routes r) {
    r.get(
        "/openapi.yaml",
        (req, res) -> {
          res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
          res.send(YAML);
        });
  }

  private static byte[] load() {
    try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
