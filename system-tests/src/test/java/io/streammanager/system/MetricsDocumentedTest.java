package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md stays true: every metric a service registers ({@code "sm_..."} in main code) is
 * listed there, under its Prometheus name.
 */
class MetricsDocumentedTest {
  private static final Pattern METRIC = Pattern.compile("\"(sm_[a-z0-9_]+)\"");
  private static final List<String> SERVICES =
      List.of("api-gateway", "layer-service", "render-worker", "encoder-worker", "service-kit");

  @Test
  void everyMetricTheServicesRegister_isInDocsMetricsMd() throws IOException {
    Path root = Path.of(System.getProperty("sm.root", "..")).toAbsolutePath().normalize();
    String doc = Files.readString(root.resolve("docs/metrics.md"));
    Set<String> undocumented = new TreeSet<>();
    for (String module : SERVICES) {
      try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
        files
            .filter(p -> p.toString().endsWith(".java"))
            .forEach(
                p -> {
                  Matcher m = METRIC.matcher(read(p));
                  while (m.find()) {
                    String name = m.group(1);
                    // Micrometer's Prometheus names add the unit suffix to counters and timers
                    // built without it
                    if (Stream.of(name, name + "_total", name + "_seconds")
                        .noneMatch(n -> doc.contains("`" + n + "`"))) {
                      undocumented.add(m.group(1) + " (" + root.relativize(p) + ")");
                    }
                  }
                });
      }
    }
    assertThat(undocumented).as("metrics missing from docs/metrics.md").isEmpty();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
