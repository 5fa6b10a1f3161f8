package io.streammanager.gateway;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the API's routes and remembers them, so a test can hold the served routes against
 * openapi.yaml. Without a routing builder it only records.
 */
final class Routes {
  /** One route: HTTP method (lower case, as in OpenAPI) and path template. */
  record Route(String method, String path) {}

  private final HttpRouting.Builder builder;
  private final List<Route> recorded = new ArrayList<>();

  Routes(HttpRouting.Builder builder) {
    this.builder = builder;
  }

  static Routes recorder() {
    return new Routes(null);
  }

  List<Route> recorded() {
    return List.copyOf(recorded);
  }

  Routes get(String path, Handler h) {
    recorded.add(new Route("get", path));
    if (builder != null) {
      builder.get(path, h);
    }
    return this;
  }

  Routes post(String path, Handler h) {
    recorded.add(new Route("post", path));
    if (builder != null) {
      builder.post(path, h);
    }
    return this;
  }

  Routes put(String path, Handler h) {
    recorded.add(new Route("put", path));
    if (builder != null) {
      builder.put(path, h);
    }
    return this;
  }

  Routes patch(String path, Handler h) {
    recorded.add(new Route("patch", path));
    if (builder != null) {
      builder.patch(path, h);
    }
    return this;
  }

  Routes delete(String path, Handler h) {
    recorded.add(new Route("delete", path));
    if (builder != null) {
      builder.delete(path, h);
    }
    return this;
  }
}
