package io.streammanager.gateway;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import java.util.List;
import java.util.function.Consumer;

/**
 * The gateway's HTTP routing, as served and as routing tests drive it: the auth filter first, then
 * every API's routes, then how a failure is answered (problem+json: a client's fault as its 4xx, a
 * busy decoder 503, anything else 500 with the cause logged, never shown).
 */
final class HttpApi {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpApi.class);

  private HttpApi() {}

  static void routing(HttpRouting.Builder r, Filter auth, List<Consumer<Routes>> apis) {
    r.addFilter(auth);
    Routes routes = new Routes(r);
    apis.forEach(api -> api.accept(routes));
    r.error(
        LayersApi.DecodeBusy.class,
        (req, res, e) -> {
          res.header(HeaderNames.RETRY_AFTER, "1");
          Problems.send(
              res,
              Status.SERVICE_UNAVAILABLE_503,
              "busy",
              "Busy decoding pictures",
              e.getMessage(),
              List.of());
        });
    r.error(
        Exception.class,
        (req, res, e) -> {
          if (e instanceof HttpException he && he.status().code() < 500) {
            Problems.send(
                res,
                he.status(),
                "http-" + he.status().code(),
                he.status().reasonPhrase(),
                he.getMessage(),
                List.of());
            return;
          }
          if (e instanceof IllegalArgumentException || e instanceof RequestException) {
            Problems.send(
                res,
                Status.BAD_REQUEST_400,
                "invalid-request",
                "Invalid request",
                "the request cannot be read: " + e.getMessage(),
                List.of());
            return;
          }
          LOG.error("{} {} failed", req.prologue().method().text(), req.path().path(), e);
          Problems.send(
              res,
              Status.INTERNAL_SERVER_ERROR_500,
              "internal",
              "Internal error",
              "the request could not be handled; it is logged",
              List.of());
        });
  }
}
