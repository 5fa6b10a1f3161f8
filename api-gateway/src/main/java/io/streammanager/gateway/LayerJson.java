package io.streammanager.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.streammanager.proto.ClockFace;
import io.streammanager.proto.ColorFill;
import io.streammanager.proto.ImageRef;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerUpsert;
import io.streammanager.proto.RectShape;
import io.streammanager.proto.TextBlock;
import io.streammanager.proto.TextStyle;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a layer from its JSON form, reporting every problem at once. */
public final class LayerJson {
  static final Pattern ID = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");
  /** Picture bytes travel inside the command; a Kafka record holds at most 1 MiB. */
  static final int MAX_IMAGE_BYTES = 900 * 1024;
  private static final Set<String> COMMON = Set.of("id", "type", "zIndex", "opacity", "visible", "x", "y", "width",
      "height");
  private static final Set<String> COLOR = Set.of("color");
  private static final Set<String> RECT = Set.of("color");
  private static final Set<String> TEXT = Set.of("text", "size", "color", "font");
  private static final Set<String> IMAGE = Set.of("src");
  private static final Set<String> CLOCK = Set.of("format", "timeZone", "size", "color", "font");

  private LayerJson() {}

  /** The upsert, or the list of problems (never both). */
  public record Parsed(LayerUpsert upsert, List<FieldProblem> problems) {}

  public static Parsed parse(JsonNode json) {
    List<FieldProblem> problems = new ArrayList<>();
    if (json == null || !json.isObject()) {
      return new Parsed(null, List.of(new FieldProblem("", "the body must be a JSON object describing a layer")));
    }
    Layer.Builder layer = Layer.newBuilder();
    String id = text(json, "id", problems);
    if (id == null) {
      problems.add(new FieldProblem("/id", "id is required: 1-64 characters of A-Z a-z 0-9 . _ -"));
    } else if (!ID.matcher(id).matches()) {
      problems.add(new FieldProblem("/id", "id must be 1-64 characters of A-Z a-z 0-9 . _ -, was '" + id + "'"));
    } else {
      layer.setId(id);
    }
    String type = text(json, "type", problems);
    Set<String> specific = switch (type == null ? "" : type) {
      case "color" -> COLOR;
      case "rect" -> RECT;
      case "text" -> TEXT;
      case "image" -> IMAGE;
      case "clock" -> CLOCK;
      default -> {
        problems.add(new FieldProblem("/type", "type must be one of color, rect, text, image, clock"
            + (type == null ? "" : ", was '" + type + "'")));
        yield null;
      }
    };
    if (json.hasNonNull("zIndex")) {
      JsonNode z = json.get("zIndex");
      if (z.canConvertToInt() && z.isIntegralNumber()) {
        layer.setZIndex(z.intValue());
      } else {
        problems.add(new FieldProblem("/zIndex", "zIndex must be an integer"));
      }
    }
    number(json, "opacity", 0, 1, problems, layer::setOpacity);
    if (json.hasNonNull("visible")) {
      if (json.get("visible").isBoolean()) {
        layer.setVisible(json.get("visible").booleanValue());
      } else {
        problems.add(new FieldProblem("/visible", "visible must be true or false"));
      }
    }
    number(json, "x", -100_000, 100_000, problems, layer::setX);
    number(json, "y", -100_000, 100_000, problems, layer::setY);
    number(json, "width", 0, 16_384, problems, layer::setWidth);
    number(json, "height", 0, 16_384, problems, layer::setHeight);
    byte[] imageData = null;
    if (specific != null) {
      for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!COMMON.contains(name) && !specific.contains(name)) {
          List<String> allowed = new ArrayList<>(COMMON);
          allowed.addAll(specific);
          problems.add(new FieldProblem("/" + name, "unknown field for a " + type + " layer; allowed: "
              + String.join(", ", allowed.stream().sorted().toList())));
        }
      }
      switch (type) {
        case "color" -> layer.setColor(ColorFill.newBuilder().setRgba(color(json, "color", null, problems)));
        case "rect" -> {
          layer.setRect(RectShape.newBuilder().setRgba(color(json, "color", null, problems)));
          if (!json.has("width") || !json.has("height")) {
            problems.add(new FieldProblem(json.has("width") ? "/height" : "/width",
                "a rect needs width and height (pixels)"));
          }
        }
        case "text" -> {
          String t = text(json, "text", problems);
          if (t == null) {
            problems.add(new FieldProblem("/text", "text is required"));
          }
          TextStyle.Builder style = TextStyle.newBuilder().setSize(32)
              .setRgba(color(json, "color", 0xFFFFFFFF, problems));
          number(json, "size", 1, 1000, problems, style::setSize);
          String font = text(json, "font", problems);
          if (font != null) {
            style.setFontFamily(font);
          }
          layer.setText(TextBlock.newBuilder().setText(t == null ? "" : t).setStyle(style));
        }
        case "image" -> {
          imageData = dataUrl(json, problems);
          layer.setImage(ImageRef.getDefaultInstance());
        }
        case "clock" -> layer.setClock(clock(json, problems));
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

  private static ClockFace clock(JsonNode json, List<FieldProblem> problems) {
    ClockFace.Builder c = ClockFace.newBuilder().setPattern("HH:mm:ss").setTimeZone("UTC");
    TextStyle.Builder style = TextStyle.newBuilder().setSize(32).setRgba(color(json, "color", 0xFFFFFFFF, problems));
    String format = text(json, "format", problems);
    if (format != null) {
      try {
        DateTimeFormatter.ofPattern(format);
        c.setPattern(format);
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("/format", "format must be a java.time pattern like HH:mm:ss: "
            + e.getMessage()));
      }
    }
    String zone = text(json, "timeZone", problems);
    if (zone != null) {
      try {
        ZoneId.of(zone);
        c.setTimeZone(zone);
      } catch (DateTimeException e) {
        problems.add(new FieldProblem("/timeZone", "timeZone must be an IANA zone like UTC or Europe/Paris, was '"
            + zone + "'"));
      }
    }
    number(json, "size", 1, 1000, problems, style::setSize);
    String font = text(json, "font", problems);
    if (font != null) {
      style.setFontFamily(font);
    }
    return c.setStyle(style).build();
  }

  private static byte[] dataUrl(JsonNode json, List<FieldProblem> problems) {
    String src = text(json, "src", problems);
    String allowed = "src must be a data URL: data:image/png;base64,... (PNG, JPEG, GIF or BMP)";
    if (src == null) {
      problems.add(new FieldProblem("/src", allowed));
      return null;
    }
    int comma = src.indexOf(',');
    if (!src.startsWith("data:image/") || comma < 0 || !src.substring(0, comma).endsWith(";base64")) {
      problems.add(new FieldProblem("/src", allowed));
      return null;
    }
    try {
      byte[] bytes = Base64.getMimeDecoder().decode(src.substring(comma + 1));
      if (bytes.length > MAX_IMAGE_BYTES) {
        problems.add(new FieldProblem("/src", "the picture is " + bytes.length / 1024 + " KiB; at most "
            + MAX_IMAGE_BYTES / 1024 + " KiB are allowed"));
        return null;
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem("/src", "the base64 part of src does not decode: " + e.getMessage()));
      return null;
    }
  }

  private static String text(JsonNode json, String name, List<FieldProblem> problems) {
    JsonNode n = json.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      problems.add(new FieldProblem("/" + name, name + " must be a string"));
      return null;
    }
    return n.textValue();
  }

  private static int color(JsonNode json, String name, Integer defaultValue, List<FieldProblem> problems) {
    String raw = text(json, name, problems);
    if (raw == null) {
      if (defaultValue == null) {
        problems.add(new FieldProblem("/" + name, name + " is required: " + ColorParser.ALLOWED));
        return 0;
      }
      return defaultValue;
    }
    return ColorParser.parse(raw).orElseGet(() -> {
      problems.add(new FieldProblem("/" + name, name + " must be " + ColorParser.ALLOWED + ", was '" + raw + "'"));
      return 0;
    });
  }

  private static void number(JsonNode json, String name, double min, double max, List<FieldProblem> problems,
      java.util.function.DoubleConsumer setter) {
    JsonNode n = json.get(name);
    if (n == null || n.isNull()) {
      return;
    }
    if (!n.isNumber() || !Double.isFinite(n.doubleValue()) || n.doubleValue() < min || n.doubleValue() > max) {
      problems.add(new FieldProblem("/" + name, name + " must be a number from " + fmt(min) + " to " + fmt(max)
          + ", was " + n));
      return;
    }
    setter.accept(n.doubleValue());
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
