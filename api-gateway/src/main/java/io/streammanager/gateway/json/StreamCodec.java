package io.streammanager.gateway.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammanager.kit.config.Bounds;
import io.streammanager.kit.config.Limits;
import io.streammanager.kit.config.OutputUrls;
import io.streammanager.proto.AudioCodec;
import io.streammanager.proto.AudioConfig;
import io.streammanager.proto.OutputConfig;
import io.streammanager.proto.RenderQuality;
import io.streammanager.proto.StreamConfig;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stream's configuration between its JSON form and {@link StreamConfig}; absent fields keep the
 * given base.
 */
public final class StreamCodec {
  static final List<String> FIELDS =
      List.of("id", "name", "resolution", "fps", "bitrate", "quality", "outputs", "audio");
  static final List<String> QUALITIES = List.of("low", "medium", "high");
  static final List<String> CODECS = List.of("aac", "opus");
  private static final Pattern RESOLUTION = Pattern.compile("(\\d{2,5})x(\\d{2,5})");
  private static final ObjectMapper JSON = new ObjectMapper();

  private StreamCodec() {}

  /**
   * {@code base} with every field the JSON sets, held to the default limits; problems for bad
   * values.
   */
  public static StreamConfig read(JsonNode json, StreamConfig base, List<FieldProblem> problems) {
    return read(json, base, "stream", Limits.DEFAULTS, problems);
  }

  /**
   * {@code base} with every field the JSON sets; problems for bad values and for what breaks the
   * deployment's {@link Limits} (outputs, encode cost), the same checks layer-service makes.
   */
  public static StreamConfig read(
      JsonNode json,
      StreamConfig base,
      String streamId,
      Limits limits,
      List<FieldProblem> problems) {
    Fields f = new Fields(json, "", problems);
    f.onlyKnown(FIELDS, "a stream");
    StreamConfig.Builder c = base.toBuilder();
    f.text("name").ifPresent(c::setName);
    f.text("resolution")
        .ifPresent(
            raw -> {
              Matcher m = RESOLUTION.matcher(raw.toLowerCase(Locale.ROOT));
              int w = m.matches() ? Integer.parseInt(m.group(1)) : 0;
              int h = m.matches() ? Integer.parseInt(m.group(2)) : 0;
              if (!Bounds.resolution(w, h)) {
                f.problem(
                    "resolution",
                    "resolution must be WIDTHxHEIGHT with "
                        + Bounds.RESOLUTION_RULE
                        + " (e.g. 1920x1080), was '"
                        + raw
                        + "'");
              } else {
                c.setWidth(w).setHeight(h);
              }
            });
    f.integer("fps", Bounds.FPS.min(), Bounds.FPS.max(), v -> c.setFps((int) v));
    f.integer(
        "bitrate",
        Bounds.VIDEO_KBPS.min(),
        Bounds.VIDEO_KBPS.max(),
        v -> c.setVideoBitrateKbps((int) v));
    f.choice("quality", QUALITIES).ifPresent(i -> c.setQuality(RenderQuality.forNumber(i + 1)));
    JsonNode outputs = json.get("outputs");
    if (outputs != null && !outputs.isNull()) {
      if (!outputs.isArray() || outputs.isEmpty()) {
        f.problem("outputs", "outputs must be a non-empty array of {\"url\": ...}");
      } else if (outputs.size() > limits.quotas().maxOutputs()) {
        f.problem(
            "outputs",
            "at most "
                + limits.quotas().maxOutputs()
                + " outputs per stream (MAX_OUTPUTS), were "
                + outputs.size());
      } else {
        c.clearOutputs();
        for (int i = 0; i < outputs.size(); i++) {
          Fields o = new Fields(outputs.get(i), "/outputs/" + i, problems);
          o.onlyKnown(List.of("url"), "an output");
          c.addOutputs(OutputConfig.newBuilder().setUrl(o.text("url").orElse("")));
        }
      }
    }
    if (f.has("audio")) {
      Fields a = f.child("audio");
      a.onlyKnown(List.of("enabled", "codec", "bitrate"), "audio");
      AudioConfig.Builder audio = c.getAudio().toBuilder();
      a.bool("enabled", audio::setEnabled);
      a.choice("codec", CODECS).ifPresent(i -> audio.setCodec(AudioCodec.forNumber(i + 1)));
      a.integer(
          "bitrate",
          Bounds.AUDIO_KBPS.min(),
          Bounds.AUDIO_KBPS.max(),
          v -> audio.setBitrateKbps((int) v));
      c.setAudio(audio);
    }
    StreamConfig out = c.build();
    java.util.Set<String> reported = new java.util.HashSet<>();
    problems.forEach(p -> reported.add(p.field()));
    for (Limits.Problem p : limits.stream(streamId, out)) {
      if (!reported.contains(p.field())) {
        problems.add(new FieldProblem(p.field(), p.message()));
      }
    }
    return out;
  }

  /** The StreamConfig fields (proto names) a JSON body sets: the field mask of a stream update. */
  public static List<String> touched(JsonNode json) {
    List<String> out = new java.util.ArrayList<>();
    java.util.function.Predicate<String> set = k -> json.has(k) && !json.get(k).isNull();
    if (set.test("name")) {
      out.add("name");
    }
    if (set.test("resolution")) {
      out.add("width");
      out.add("height");
    }
    if (set.test("fps")) {
      out.add("fps");
    }
    if (set.test("bitrate")) {
      out.add("video_bitrate_kbps");
    }
    if (set.test("quality")) {
      out.add("quality");
    }
    if (set.test("outputs")) {
      out.add("outputs");
    }
    if (set.test("audio")) {
      out.add("audio");
    }
    return out;
  }

  /**
   * The JSON of a stream for a caller that may change it: output URLs whole, stream keys included.
   */
  public static ObjectNode toJson(String id, StreamConfig c) {
    return toJson(id, c, true);
  }

  /**
   * The JSON of a stream; with {@code secrets} false (a caller that may only read it), every output
   * URL is shown with its stream key hidden ({@link OutputUrls#redact}).
   */
  public static ObjectNode toJson(String id, StreamConfig c, boolean secrets) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id)
        .put("name", c.getName())
        .put("resolution", c.getWidth() + "x" + c.getHeight())
        .put("fps", c.getFps())
        .put("bitrate", c.getVideoBitrateKbps())
        .put("quality", QUALITIES.get(Math.max(0, c.getQuality().getNumber() - 1)));
    ArrayNode outputs = n.putArray("outputs");
    c.getOutputsList()
        .forEach(
            o ->
                outputs
                    .addObject()
                    .put("url", secrets ? o.getUrl() : OutputUrls.redact(o.getUrl())));
    n.putObject("audio")
        .put("enabled", c.getAudio().getEnabled())
        .put("codec", CODECS.get(Math.max(0, c.getAudio().getCodec().getNumber() - 1)))
        .put("bitrate", c.getAudio().getBitrateKbps());
    return n;
  }
}
