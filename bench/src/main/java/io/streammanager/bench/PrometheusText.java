package io.streammanager.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A service's {@code /metrics} page (the Prometheus text format its Micrometer registry writes),
 * read the way the benchmarks need it: the sum of a metric over its labels, a histogram's buckets
 * and a quantile from them, and the mean of a timer per label value. Comments ({@code # HELP},
 * {@code # TYPE}) and timestamps are passed over.
 */
final class PrometheusText {
  /**
   * The upper bound a histogram's {@code +Inf} bucket stands for (seconds), so a quantile that
   * falls in it is still a number: {@code 1e12}, as the launcher's awk had it (a p99 of
   * 1000000000000000.0 ms says "beyond every bucket").
   */
  static final double INF_BOUND = 1e12;

  /** One line of the page: {@code name{label="value",...} value}. */
  record Sample(String name, Map<String, String> labels, double value) {
    /** In the page's own notation. */
    @Override
    public String toString() {
      StringJoiner pairs = new StringJoiner(",", "{", "}").setEmptyValue("");
      labels.forEach(
          (k, v) ->
              pairs.add(
                  k
                      + "=\""
                      + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                      + "\""));
      return name + pairs + " " + value;
    }
  }

  /**
   * One cumulative bucket of a histogram: how many observations were at most {@code le} seconds.
   */
  record Bucket(double le, double cumulative) {}

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  static PrometheusText parse(String page) {
    List<Sample> samples = new ArrayList<>();
    int number = 0;
    for (String line : page.split("\n")) {
      number++;
      String text = line.strip();
      if (!text.isEmpty() && !text.startsWith("#")) {
        samples.add(sample(text, number));
      }
    }
    return new PrometheusText(List.copyOf(samples));
  }

  List<Sample> samples() {
    return samples;
  }

  /** The sum of every sample of a metric, whatever its labels (0 when the page has none). */
  double sum(String metric) {
    return samples.stream().filter(s -> s.name().equals(metric)).mapToDouble(Sample::value).sum();
  }

  /** The sum of the samples of a metric that carry {@code label="value"}. */
  double sum(String metric, String label, String value) {
    return samples.stream()
        .filter(s -> s.name().equals(metric) && value.equals(s.labels().get(label)))
        .mapToDouble(Sample::value)
        .sum();
  }

  /** Every value {@code label} takes on a metric's samples, in order. */
  SortedSet<String> labelValues(String metric, String label) {
    SortedSet<String> values = new TreeSet<>();
    samples.stream()
        .filter(s -> s.name().equals(metric) && s.labels().containsKey(label))
        .forEach(s -> values.add(s.labels().get(label)));
    return values;
  }

  /**
   * The mean of a timer or summary over the samples that carry {@code label="value"}: {@code
   * <metric>_sum} over {@code <metric>_count}, 0 when nothing was counted.
   */
  double mean(String metric, String label, String value) {
    double count = sum(metric + "_count", label, value);
    return count > 0 ? sum(metric + "_sum", label, value) / count : 0;
  }

  /**
   * A histogram's cumulative buckets ({@code <histogram>_bucket}), by upper bound ascending, {@code
   * +Inf} as {@link #INF_BOUND}; the series of one bound (other labels) added up.
   */
  List<Bucket> buckets(String histogram) {
    Map<Double, Double> byBound = new TreeMap<>();
    for (Sample s : samples) {
      String le = s.labels().get("le");
      if (s.name().equals(histogram + "_bucket") && le != null) {
        byBound.merge(
            le.equals("+Inf") ? INF_BOUND : Double.parseDouble(le), s.value(), Double::sum);
      }
    }
    List<Bucket> buckets = new ArrayList<>();
    byBound.forEach((le, cumulative) -> buckets.add(new Bucket(le, cumulative)));
    return buckets;
  }

  /**
   * The q-th quantile (0..1) of a histogram in seconds, as the upper bound of the bucket that holds
   * the q-th observation: the first bucket whose cumulative count reaches q times the whole count.
   * Empty without buckets.
   */
  OptionalDouble quantile(String histogram, double q) {
    List<Bucket> buckets = buckets(histogram);
    if (buckets.isEmpty()) {
      return OptionalDouble.empty();
    }
    double total = buckets.getLast().cumulative();
    return buckets.stream()
        .filter(b -> b.cumulative() >= q * total)
        .mapToDouble(Bucket::le)
        .findFirst();
  }

  private static Sample sample(String text, int number) {
    int brace = text.indexOf('{');
    int space = indexOfWhitespace(text, 0);
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    int rest;
    if (brace >= 0 && (space < 0 || brace < space)) {
      name = text.substring(0, brace);
      rest = labels(text, brace + 1, labels, number);
    } else if (space > 0) {
      name = text.substring(0, space);
      rest = space;
    } else {
      throw notASample(text, number);
    }
    String[] after = text.substring(rest).strip().split("\\s+");
    if (name.isEmpty() || after[0].isEmpty()) {
      throw notASample(text, number);
    }
    return new Sample(name, Collections.unmodifiableMap(labels), value(after[0], text, number));
  }

  /** Reads {@code k="v",...}} from {@code at}; where the value starts after the closing brace. */
  private static int labels(String text, int at, Map<String, String> labels, int number) {
    int i = at;
    while (i < text.length() && text.charAt(i) != '}') {
      int eq = text.indexOf("=\"", i);
      if (eq < 0) {
        throw notASample(text, number);
      }
      String key = text.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      for (; j < text.length() && text.charAt(j) != '"'; j++) {
        char c = text.charAt(j);
        if (c == '\\' && j + 1 < text.length()) {
          char next = text.charAt(++j);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
      }
      if (j >= text.length()) {
        throw notASample(text, number);
      }
      labels.put(key, value.toString());
      i = j + 1;
      if (i < text.length() && text.charAt(i) == ',') {
        i++;
      }
    }
    if (i >= text.length()) {
      throw notASample(text, number);
    }
    return i + 1;
  }

  private static double value(String token, String text, int number) {
    return switch (token) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(token);
        } catch (NumberFormatException e) {
          throw notASample(text, number);
        }
      }
    };
  }

  private static int indexOfWhitespace(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static IllegalStateException notASample(String text, int number) {
    return new IllegalStateException(
        "line " + number + " of the metrics page is not a sample: " + text);
  }
}
