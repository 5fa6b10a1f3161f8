package io.streammanager.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stack {@code ./stream-manager bench NAME} started, as the launcher describes it in options:
 * {@code --api} the gateway's URL (the admin token comes from ADMIN_TOKEN), {@code --metrics
 * name=URL,...} each service's /metrics page, {@code --pids name=pid,...} its processes, {@code
 * --root} the repository, {@code --work} the folder for a benchmark's files.
 *
 * @param gateway the gateway's base URL
 * @param api the HTTP API at that URL
 * @param metrics each service's /metrics page
 * @param pids each process of the stack, in start order
 * @param root the repository
 * @param work where a benchmark writes its files
 */
record LaunchedStack(
    String gateway,
    Api api,
    Map<String, URI> metrics,
    Map<String, Long> pids,
    Path root,
    Path work) {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static LaunchedStack read(BenchOptions options) {
    String gateway = options.text("api", "http://127.0.0.1:3000");
    Map<String, URI> metrics = new LinkedHashMap<>();
    BenchOptions.entries(options.text("metrics", ""))
        .forEach((name, url) -> metrics.put(name, URI.create(url)));
    return new LaunchedStack(
        gateway,
        new Api(gateway, System.getenv().getOrDefault("ADMIN_TOKEN", "")),
        metrics,
        ProcessCpu.parse(options.text("pids", "")),
        Path.of(options.text("root", ".")).toAbsolutePath().normalize(),
        Path.of(options.text("work", "var/bench")));
  }

  /** The launcher's log folder, for error messages. */
  Path logs() {
    return root.resolve("var/logs");
  }

  /** A service's /metrics page, now. */
  PrometheusText scrape(String service) throws IOException, InterruptedException {
    URI page = metrics.get(service);
    if (page == null) {
      throw new IllegalStateException(
          "no /metrics page of "
              + service
              + " among "
              + metrics.keySet()
              + " (the launcher passes --metrics name=URL,...)");
    }
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(page + " answered " + r.statusCode());
    }
    return PrometheusText.parse(r.body());
  }
}
