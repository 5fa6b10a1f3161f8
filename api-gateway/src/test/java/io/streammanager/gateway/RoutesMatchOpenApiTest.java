package io.streammanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** openapi.yaml describes exactly the routes the gateway serves: no more, no fewer. */
class RoutesMatchOpenApiTest {
  static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  @Test
  void openApi_pathsAndMethods_areExactlyTheServedRoutes() throws Exception {
    Routes routes = Routes.recorder();
    StreamsApi streams =
        new StreamsApi(
            null, null, null, null, null, io.streammanager.kit.config.Limits.DEFAULTS, null);
    new SeedApi(streams, null).routing(routes);
    streams.routing(routes);
    new HistoryApi(null).routing(routes);
    new FrameApi(null, null, null, null, null).routing(routes);
    new AssetsApi(null, null).routing(routes);
    new KeysApi(null).routing(routes);
    OpenApi.routing(routes);

    JsonNode spec;
    try (InputStream in = OpenApi.class.getResourceAsStream(OpenApi.RESOURCE)) {
      spec = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    List<Routes.Route> documented = new ArrayList<>();
    spec.get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> {
                          if (METHODS.contains(m)) {
                            documented.add(new Routes.Route(m, p.getKey()));
                          }
                        }));

    assertThat(documented).containsExactlyInAnyOrderElementsOf(routes.recorded());
    assertThat(spec.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(spec.at("/paths/~1api~1layers/post/responses/202/$ref").asText())
        .isEqualTo("#/components/responses/Accepted");
  }
}
