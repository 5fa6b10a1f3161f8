package io.streammanager.kit.config;

import io.streammanager.proto.Layer;
import io.streammanager.proto.StreamConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The quotas and output rules of a deployment, as checks: one definition that the gateway (early,
 * in its 4xx answer) and layer-service (for good, in its decision) both apply. Every refusal names
 * the limit's variable and its value.
 *
 * @param quotas MAX_LAYERS, MAX_OUTPUTS, ... ({@link PlatformConfig.Quotas})
 * @param outputs OUTPUT_HOSTS and STREAM_URL, for {@link OutputUrls#problem(String,
 *     OutputUrls.Rules)}
 */
public record Limits(PlatformConfig.Quotas quotas, OutputUrls.Rules outputs) {
  public static final Limits DEFAULTS =
      new Limits(PlatformConfig.Quotas.DEFAULTS, OutputUrls.Rules.ANY_HOST);

  public static Limits of(PlatformConfig config) {
    return new Limits(config.quotas(), config.outputs().rules(config.stream().url()));
  }

  /** A refusal: the field at fault (JSON pointer) and what is wrong, naming the limit. */
  public record Problem(String field, String message) {}

  /**
   * What a stream configuration breaks besides its plain ranges: the encode cost ceiling, outputs
   * (count, duplicates, {@link OutputUrls} rules, checked as stream {@code streamId} will open
   * them) and the name.
   */
  public List<Problem> stream(String streamId, StreamConfig c) {
    List<Problem> problems = new ArrayList<>();
    if (c.getName().length() > PlatformConfig.Quotas.MAX_NAME_CHARS
        || c.getName().chars().anyMatch(Character::isISOControl)) {
      problems.add(
          new Problem(
              "/name",
              "name must be at most "
                  + PlatformConfig.Quotas.MAX_NAME_CHARS
                  + " characters without control characters"));
    }
    long pixelRate = (long) c.getWidth() * c.getHeight() * c.getFps();
    if (pixelRate > quotas.maxPixelRate()) {
      problems.add(
          new Problem(
              "/resolution",
              "width x height x fps must be at most "
                  + quotas.maxPixelRate()
                  + " pixels per second (MAX_PIXEL_RATE), was "
                  + c.getWidth()
                  + "x"
                  + c.getHeight()
                  + "x"
                  + c.getFps()
                  + " = "
                  + pixelRate));
    }
    if (c.getVideoBitrateKbps() > quotas.maxBitrateKbps()) {
      problems.add(
          new Problem(
              "/bitrate",
              "bitrate must be at most "
                  + quotas.maxBitrateKbps()
                  + " kbps (MAX_BITRATE), was "
                  + c.getVideoBitrateKbps()));
    }
    if (c.getOutputsCount() > quotas.maxOutputs()) {
      problems.add(
          new Problem(
              "/outputs",
              "at most "
                  + quotas.maxOutputs()
                  + " outputs per stream (MAX_OUTPUTS), were "
                  + c.getOutputsCount()));
      return problems;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < c.getOutputsCount(); i++) {
      String url = c.getOutputs(i).getUrl();
      String problem =
          url.isEmpty() ? OutputUrls.ALLOWED : OutputUrls.problem(url, outputs, streamId);
      String resolved = OutputUrls.resolve(url, streamId, "run");
      if (problem != null) {
        problems.add(
            new Problem(
                "/outputs/" + i + "/url",
                "url must be "
                    + problem
                    + (url.isEmpty() ? "" : ", was '" + OutputUrls.redact(url) + "'")));
      } else if (!seen.add(
          OutputUrls.isNetwork(resolved)
              ? resolved
              : resolved.toLowerCase(java.util.Locale.ROOT))) {
        problems.add(new Problem("/outputs/" + i + "/url", "the same output is listed twice"));
      }
    }
    return problems;
  }

  /**
   * A stream's whole state may be at most this many bytes serialized (it is written to Redis at
   * every change).
   */
  public Optional<Problem> stateSize(int bytes) {
    return bytes <= quotas.maxStateBytes()
        ? Optional.empty()
        : Optional.of(
            new Problem(
                "/",
                "the stream's state would "
                    + "be "
                    + bytes
                    + " bytes; at most "
                    + quotas.maxStateBytes()
                    + " (MAX_STATE_BYTES): remove layers, shorten "
                    + "texts or cancel scheduled commands"));
  }

  /**
   * What one layer breaks: the length of its text (MAX_TEXT_CHARS) or clock pattern
   * (MAX_CLOCK_FORMAT_CHARS).
   */
  public List<Problem> layer(Layer layer) {
    List<Problem> problems = new ArrayList<>();
    if (layer.hasText() && layer.getText().getText().length() > quotas.maxTextChars()) {
      problems.add(
          new Problem(
              "/text",
              "text must be at most "
                  + quotas.maxTextChars()
                  + " characters (MAX_TEXT_CHARS), was "
                  + layer.getText().getText().length()));
    }
    if (layer.hasClock() && layer.getClock().getPattern().length() > quotas.maxClockFormatChars()) {
      problems.add(
          new Problem(
              "/format",
              "format must be at most "
                  + quotas.maxClockFormatChars()
                  + " characters (MAX_CLOCK_FORMAT_CHARS), was "
                  + layer.getClock().getPattern().length()));
    }
    if (layer.hasClock() && layer.getClock().getTimeZone().length() > 64) {
      problems.add(new Problem("/timeZone", "timeZone must be at most 64 characters"));
    }
    return problems;
  }

  /** A stream may hold at most MAX_LAYERS layers. */
  public Optional<Problem> layerCount(int layers) {
    return layers <= quotas.maxLayers()
        ? Optional.empty()
        : Optional.of(
            new Problem(
                "/layers",
                "at most "
                    + quotas.maxLayers()
                    + " layers per stream (MAX_LAYERS); this change would make "
                    + layers));
  }

  /** A stream may have at most MAX_SCHEDULED commands waiting for their frame. */
  public Optional<Problem> scheduled(int pending) {
    return pending <= quotas.maxScheduled()
        ? Optional.empty()
        : Optional.of(
            new Problem(
                "/at",
                "at most "
                    + quotas.maxScheduled()
                    + " scheduled commands may wait per stream (MAX_SCHEDULED); cancel some first"));
  }

  /** A batch may hold at most MAX_BATCH_OPERATIONS operations. */
  public Optional<Problem> batch(int operations) {
    return operations <= quotas.maxBatchOperations()
        ? Optional.empty()
        : Optional.of(
            new Problem(
                "/operations",
                "at most "
                    + quotas.maxBatchOperations()
                    + " operations per batch (MAX_BATCH_OPERATIONS), were "
                    + operations));
  }

  /**
   * The deployment may hold at most MAX_STREAMS streams; {@code existing} is how many it holds now.
   */
  public Optional<Problem> streams(long existing) {
    return existing < quotas.maxStreams()
        ? Optional.empty()
        : Optional.of(
            new Problem(
                "/id",
                "at most "
                    + quotas.maxStreams()
                    + " streams per deployment (MAX_STREAMS); delete one first"));
  }
}
