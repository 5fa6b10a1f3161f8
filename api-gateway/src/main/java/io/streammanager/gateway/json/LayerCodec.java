package io.streammanager.gateway.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.streammanager.kit.config.Bounds;
import io.streammanager.proto.BlendMode;
import io.streammanager.proto.ClockFace;
import io.streammanager.proto.ColorFill;
import io.streammanager.proto.Crop;
import io.streammanager.proto.EllipseShape;
import io.streammanager.proto.ImageRef;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerUpsert;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RectShape;
import io.streammanager.proto.TextBlock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A layer between its JSON form and {@link Layer}: reading (every problem at once), writing (for
 * GET), and the proto field paths a JSON merge patch touches.
 */
public final class LayerCodec {
  public static final Pattern ID = io.streammanager.proto.Ids.NAME;

  /** Picture bytes inside a command; a Kafka record holds at most 1 MiB. */
  public static final int MAX_INLINE_IMAGE_BYTES = 900 * 1024;

  public static final List<String> TYPES =
      List.of("color", "rect", "ellipse", "text", "image", "clock", "audio");
  static final List<String> BLENDS =
      Arrays.stream(BlendMode.values())
          .filter(b -> b != BlendMode.UNRECOGNIZED)
          .map(b -> Fields.camel(b.name(), "BLEND_"))
          .toList();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** JSON name -> proto path, for the properties every type has. */
  private static final Map<String, String> COMMON =
      paths(
          "id:id",
          "type:type",
          "x:x",
          "y:y",
          "width:width",
          "height:height",
          "anchorX:anchor_x",
          "anchorY:anchor_y",
          "rotation:rotation",
          "scaleX:scale_x",
          "scaleY:scale_y",
          "opacity:opacity",
          "zIndex:z_index",
          "visible:visible",
          "crop:crop",
          "blend:blend");

  private static final Map<String, Map<String, String>> BY_TYPE =
      Map.of(
          "color", paths("color:color.rgba"),
          "rect",
              paths(
                  "color:rect.rgba",
                  "cornerRadius:rect.corner_radius",
                  "strokeColor:rect.stroke_rgba",
                  "strokeWidth:rect.stroke_width"),
          "ellipse",
              paths(
                  "color:ellipse.rgba",
                  "strokeColor:ellipse.stroke_rgba",
                  "strokeWidth:ellipse.stroke_width"),
          "text", with(TextStyleCodec.paths("text.style"), "text:text.text"),
          "clock",
              with(
                  TextStyleCodec.paths("clock.style"),
                  "format:clock.pattern",
                  "timeZone:clock.time_zone",
                  "countdownTo:clock.countdown_to"),
          "image", paths("src:image"),
          "audio",
              paths(
                  "src:audio.asset_id,audio.tone_hz",
                  "volume:audio.volume",
                  "loop:audio.loop",
                  "muted:audio.muted"));

  private LayerCodec() {}

  /** The upsert (layer + inline picture bytes), or the problems (never both). */
  public record Parsed(LayerUpsert upsert, List<FieldProblem> problems) {}

  /**
   * Reads a whole layer. {@code ignored} names top-level fields that belong to the command (at,
   * transition).
   */
  public static Parsed parse(JsonNode json, Set<String> ignored) {
    List<FieldProblem> problems = new ArrayList<>();
    if (json == null || !json.isObject()) {
      return new Parsed(
          null, List.of(new FieldProblem("", "the body must be a JSON object describing a layer")));
    }
    Fields f = new Fields(json, "", problems);
    Layer.Builder layer = Layer.newBuilder();
    String id = f.text("id").orElse(null);
    if (id == null) {
      if (!json.has("id") || json.get("id").isNull()) {
        problems.add(
            new FieldProblem("/id", "id is required: " + io.streammanager.proto.Ids.NAME_RULE));
      }
    } else if (!ID.matcher(id).matches()) {
      problems.add(
          new FieldProblem(
              "/id", "id must be " + io.streammanager.proto.Ids.NAME_RULE + ", was '" + id + "'"));
    } else {
      layer.setId(id);
    }
    String type = f.text("type").orElse(null);
    if (type == null || !TYPES.contains(type)) {
      problems.add(
          new FieldProblem(
              "/type",
              "type must be one of "
                  + String.join(", ", TYPES)
                  + (type == null ? "" : ", was '" + type + "'")));
    }
    common(f, layer);
    byte[] imageData = null;
    if (type != null && TYPES.contains(type)) {
      Set<String> allowed = new HashSet<>(COMMON.keySet());
      allowed.addAll(BY_TYPE.get(type).keySet());
      allowed.addAll(ignored);
      f.onlyKnown(allowed, "a " + type + " layer");
      switch (type) {
        case "color" -> {
          ColorFill.Builder c = ColorFill.newBuilder();
          required(f, "color", problems);
          f.color("color", c::setRgba);
          layer.setColor(c);
        }
        case "rect" -> {
          RectShape.Builder r = RectShape.newBuilder();
          required(f, "color", problems);
          f.color("color", r::setRgba);
          f.number("cornerRadius", 0, 10_000, r::setCornerRadius);
          f.color("strokeColor", r::setStrokeRgba);
          f.number("strokeWidth", 0, 1_000, r::setStrokeWidth);
          layer.setRect(r);
          size(f, type, problems);
        }
        case "ellipse" -> {
          EllipseShape.Builder e = EllipseShape.newBuilder();
          required(f, "color", problems);
          f.color("color", e::setRgba);
          f.color("strokeColor", e::setStrokeRgba);
          f.number("strokeWidth", 0, 1_000, e::setStrokeWidth);
          layer.setEllipse(e);
          size(f, type, problems);
        }
        case "text" -> {
          String text = f.text("text").orElse(null);
          if (text == null) {
            problems.add(new FieldProblem("/text", "text is required"));
          }
          layer.setText(
              TextBlock.newBuilder()
                  .setText(text == null ? "" : text)
                  .setStyle(TextStyleCodec.read(f)));
        }
        case "clock" -> layer.setClock(clock(f));
        case "image" -> {
          ImageRef.Builder img = ImageRef.newBuilder();
          imageData = ImageSource.read(f, img);
          layer.setImage(img);
        }
        case "audio" -> layer.setAudio(AudioSource.read(f));
        default -> throw new IllegalStateException(type);
      }
    }
    if (!problems.isEmpty()) {
      return new Parsed(null, problems);
    }
    LayerUpsert.Builder upsert = LayerUpsert.newBuilder().setLayer(layer);
    if (imageData != null) {
      upsert.setImageData(ByteString.copyFrom(imageData));
    }
    return new Parsed(upsert.build(), List.of());
  }

  /**
   * The proto field paths a merge patch with these top-level keys changes, for a layer of {@code
   * type}.
   */
  public static List<String> patchPaths(
      String type, Iterable<String> keys, List<FieldProblem> problems) {
    Map<String, String> byType = BY_TYPE.getOrDefault(type, Map.of());
    Set<String> out = new java.util.LinkedHashSet<>();
    for (String key : keys) {
      String path = byType.containsKey(key) ? byType.get(key) : COMMON.get(key);
      if (path == null) {
        List<String> allowed = new ArrayList<>(COMMON.keySet());
        allowed.addAll(byType.keySet());
        problems.add(
            new FieldProblem(
                "/" + key,
                "unknown field for a "
                    + type
                    + " layer; allowed: "
                    + String.join(", ", allowed.stream().sorted().toList())));
      } else if (!path.equals("id") && !path.equals("type")) {
        out.addAll(Arrays.asList(path.split(",")));
      }
    }
    return List.copyOf(out);
  }

  /** The JSON type name of a layer. */
  public static String typeOf(Layer layer) {
    return switch (layer.getKindCase()) {
      case COLOR -> "color";
      case RECT -> "rect";
      case ELLIPSE -> "ellipse";
      case TEXT -> "text";
      case IMAGE -> "image";
      case CLOCK -> "clock";
      case AUDIO -> "audio";
      default -> "unknown";
    };
  }

  /**
   * The JSON form of a stored layer (movements in progress are not shown: their end values are).
   */
  public static ObjectNode toJson(Layer l) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", l.getId()).put("type", typeOf(l));
    if (!l.hasAudio() || l.getX() != 0 || l.getY() != 0) {
      // (an audio layer has no place: it shows x and y only if a client set them)
      n.put("x", l.getX()).put("y", l.getY());
    }
    if (l.hasWidth()) {
      n.put("width", l.getWidth());
    }
    if (l.hasHeight()) {
      n.put("height", l.getHeight());
    }
    if (l.hasAnchorX()) {
      n.put("anchorX", l.getAnchorX());
    }
    if (l.hasAnchorY()) {
      n.put("anchorY", l.getAnchorY());
    }
    if (l.getRotation() != 0) {
      n.put("rotation", l.getRotation());
    }
    if (l.hasScaleX()) {
      n.put("scaleX", l.getScaleX());
    }
    if (l.hasScaleY()) {
      n.put("scaleY", l.getScaleY());
    }
    if (l.hasOpacity()) {
      n.put("opacity", l.getOpacity());
    }
    if (l.hasZIndex()) {
      n.put("zIndex", l.getZIndex());
    }
    if (l.hasVisible()) {
      n.put("visible", l.getVisible());
    }
    if (l.hasCrop()) {
      n.putObject("crop")
          .put("left", l.getCrop().getLeft())
          .put("top", l.getCrop().getTop())
          .put("right", l.getCrop().getRight())
          .put("bottom", l.getCrop().getBottom());
    }
    if (l.getBlend() != BlendMode.BLEND_NORMAL) {
      n.put("blend", Fields.camel(l.getBlend().name(), "BLEND_"));
    }
    switch (l.getKindCase()) {
      case COLOR -> n.put("color", ColorParser.format(l.getColor().getRgba()));
      case RECT -> {
        n.put("color", ColorParser.format(l.getRect().getRgba()));
        if (l.getRect().getCornerRadius() != 0) {
          n.put("cornerRadius", l.getRect().getCornerRadius());
        }
        if (l.getRect().getStrokeWidth() != 0) {
          n.put("strokeColor", ColorParser.format(l.getRect().getStrokeRgba()))
              .put("strokeWidth", l.getRect().getStrokeWidth());
        }
      }
      case ELLIPSE -> {
        n.put("color", ColorParser.format(l.getEllipse().getRgba()));
        if (l.getEllipse().getStrokeWidth() != 0) {
          n.put("strokeColor", ColorParser.format(l.getEllipse().getStrokeRgba()))
              .put("strokeWidth", l.getEllipse().getStrokeWidth());
        }
      }
      case TEXT -> {
        n.put("text", l.getText().getText());
        TextStyleCodec.write(l.getText().getStyle(), n);
      }
      case CLOCK -> {
        n.put("format", l.getClock().getPattern()).put("timeZone", l.getClock().getTimeZone());
        if (l.getClock().hasCountdownTo()) {
          n.put("countdownTo", ProtoTime.toInstant(l.getClock().getCountdownTo()).toString());
        }
        TextStyleCodec.write(l.getClock().getStyle(), n);
      }
      case IMAGE -> n.put("src", "asset:" + l.getImage().getAssetId());
      case AUDIO -> {
        n.put(
                "src",
                l.getAudio().getToneHz() > 0
                    ? "tone:" + l.getAudio().getToneHz()
                    : "asset:" + l.getAudio().getAssetId())
            .put("loop", l.getAudio().getLoop())
            .put("muted", l.getAudio().getMuted());
        if (l.getAudio().hasVolume()) {
          n.put("volume", l.getAudio().getVolume());
        }
      }
      default -> {}
    }
    return n;
  }

  private static void common(Fields f, Layer.Builder layer) {
    f.number("x", -100_000, 100_000, layer::setX);
    f.number("y", -100_000, 100_000, layer::setY);
    f.number("width", Bounds.LAYER_PIXELS.min(), Bounds.LAYER_PIXELS.max(), layer::setWidth);
    f.number("height", Bounds.LAYER_PIXELS.min(), Bounds.LAYER_PIXELS.max(), layer::setHeight);
    f.number("anchorX", 0, 1, layer::setAnchorX);
    f.number("anchorY", 0, 1, layer::setAnchorY);
    f.number("rotation", -36_000, 36_000, layer::setRotation);
    f.number("scaleX", 0, 100, layer::setScaleX);
    f.number("scaleY", 0, 100, layer::setScaleY);
    f.number("opacity", 0, 1, layer::setOpacity);
    f.integer("zIndex", Integer.MIN_VALUE, Integer.MAX_VALUE, v -> layer.setZIndex((int) v));
    f.bool("visible", layer::setVisible);
    if (f.has("crop")) {
      Fields c = f.child("crop");
      Crop.Builder crop = Crop.newBuilder();
      c.number("left", Bounds.LAYER_PIXELS.min(), Bounds.LAYER_PIXELS.max(), crop::setLeft);
      c.number("top", Bounds.LAYER_PIXELS.min(), Bounds.LAYER_PIXELS.max(), crop::setTop);
      c.number("right", Bounds.LAYER_PIXELS.min(), Bounds.LAYER_PIXELS.max(), crop::setRight);
      c.number("bottom", Bounds.LAYER_PIXELS.min(), Bounds.LAYER_PIXELS.max(), crop::setBottom);
      c.onlyKnown(List.of("left", "top", "right", "bottom"), "crop");
      layer.setCrop(crop);
    }
    f.choice("blend", BLENDS).ifPresent(i -> layer.setBlend(BlendMode.forNumber(i)));
  }

  private static ClockFace clock(Fields f) {
    ClockFace.Builder c = ClockFace.newBuilder().setPattern("HH:mm:ss").setTimeZone("UTC");
    f.text("format")
        .ifPresent(
            format -> {
              try {
                DateTimeFormatter.ofPattern(format);
                c.setPattern(format);
              } catch (IllegalArgumentException e) {
                f.problem(
                    "format",
                    "format must be a java.time pattern like HH:mm:ss: " + e.getMessage());
              }
            });
    f.text("timeZone")
        .ifPresent(
            zone -> {
              try {
                ZoneId.of(zone);
                c.setTimeZone(zone);
              } catch (DateTimeException e) {
                f.problem(
                    "timeZone",
                    "timeZone must be an IANA zone like UTC or Europe/Paris, was '" + zone + "'");
              }
            });
    f.text("countdownTo")
        .ifPresent(
            t -> {
              try {
                c.setCountdownTo(ProtoTime.of(Instant.parse(t)));
              } catch (DateTimeParseException e) {
                f.problem(
                    "countdownTo",
                    "countdownTo must be an ISO-8601 UTC instant like 2026-11-26T18:00:00Z, was '"
                        + t
                        + "'");
              }
            });
    return c.setStyle(TextStyleCodec.read(f)).build();
  }

  private static void required(Fields f, String name, List<FieldProblem> problems) {
    if (!f.has(name)) {
      problems.add(new FieldProblem("/" + name, name + " is required: " + ColorParser.ALLOWED));
    }
  }

  private static void size(Fields f, String type, List<FieldProblem> problems) {
    for (String s : List.of("width", "height")) {
      if (!f.has(s)) {
        problems.add(new FieldProblem("/" + s, "a " + type + " needs width and height (pixels)"));
      }
    }
  }

  private static Map<String, String> paths(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String p : pairs) {
      String[] kv = p.split(":", 2);
      m.put(kv[0], kv[1]);
    }
    return m;
  }

  private static Map<String, String> with(Map<String, String> base, String... pairs) {
    Map<String, String> m = new LinkedHashMap<>(base);
    m.putAll(paths(pairs));
    return m;
  }

  /** Picture bytes of a data: URL (checked for size here; decoded and checked by layer-service). */
  static byte[] decodeDataUrl(Fields f, String src) {
    int comma = src.indexOf(',');
    if (!src.startsWith("data:image/")
        || comma < 0
        || !src.substring(0, comma).endsWith(";base64")) {
      f.problem("src", ImageSource.ALLOWED);
      return null;
    }
    try {
      byte[] bytes = Base64.getMimeDecoder().decode(src.substring(comma + 1));
      if (bytes.length > MAX_INLINE_IMAGE_BYTES) {
        f.problem(
            "src",
            "the picture is "
                + bytes.length / 1024
                + " KiB; at most "
                + MAX_INLINE_IMAGE_BYTES / 1024
                + " KiB can be sent inline (upload it with POST /api/assets and use asset:<id>)");
        return null;
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      f.problem("src", "the base64 part of src does not decode: " + e.getMessage());
      return null;
    }
  }
}
