package io.streammanager.gateway.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammanager.kit.config.Bounds;
import io.streammanager.proto.FontFamilies;
import io.streammanager.proto.TextAlign;
import io.streammanager.proto.TextShadow;
import io.streammanager.proto.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The text properties shared by text and clock layers. */
final class TextStyleCodec {
  static final List<String> ALIGN = List.of("left", "center", "right");

  private TextStyleCodec() {}

  static Map<String, String> paths(String prefix) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("font", prefix + ".font_family");
    m.put("size", prefix + ".size");
    m.put("weight", prefix + ".weight");
    m.put("italic", prefix + ".italic");
    m.put("align", prefix + ".align");
    m.put("maxWidth", prefix + ".max_width");
    m.put("lineHeight", prefix + ".line_height");
    m.put("color", prefix + ".rgba");
    m.put("outline", prefix + ".outline_rgba," + prefix + ".outline_width");
    m.put("shadow", prefix + ".shadow");
    return m;
  }

  static TextStyle read(Fields f) {
    TextStyle.Builder s = TextStyle.newBuilder().setSize(32).setRgba(0xFFFFFFFF);
    f.text("font")
        .ifPresent(
            font -> {
              if (!FontFamilies.isShipped(font)) {
                f.problem(
                    "font",
                    "font must be one of the shipped fonts: "
                        + String.join(", ", FontFamilies.NAMES)
                        + ", was '"
                        + font
                        + "'");
              } else {
                s.setFontFamily(font);
              }
            });
    f.number("size", Bounds.TEXT_SIZE.min(), Bounds.TEXT_SIZE.max(), s::setSize);
    f.integer("weight", 100, 900, w -> s.setWeight((int) w));
    f.bool("italic", s::setItalic);
    f.choice("align", ALIGN).ifPresent(i -> s.setAlign(TextAlign.forNumber(i)));
    f.number("maxWidth", Bounds.LAYER_PIXELS.min(), Bounds.LAYER_PIXELS.max(), s::setMaxWidth);
    f.number("lineHeight", 0.1, 10, s::setLineHeight);
    f.color("color", s::setRgba);
    if (f.has("outline")) {
      Fields o = f.child("outline");
      o.onlyKnown(List.of("color", "width"), "outline");
      s.setOutlineRgba(0x000000FF);
      o.color("color", s::setOutlineRgba);
      o.number("width", 0, 100, s::setOutlineWidth);
    }
    if (f.has("shadow")) {
      Fields sh = f.child("shadow");
      sh.onlyKnown(List.of("color", "dx", "dy", "blur"), "shadow");
      TextShadow.Builder shadow = TextShadow.newBuilder().setRgba(0x000000B0).setDx(2).setDy(2);
      sh.color("color", shadow::setRgba);
      sh.number("dx", -1000, 1000, shadow::setDx);
      sh.number("dy", -1000, 1000, shadow::setDy);
      sh.number("blur", 0, 100, shadow::setBlur);
      s.setShadow(shadow);
    }
    return s.build();
  }

  static void write(TextStyle s, ObjectNode n) {
    if (!s.getFontFamily().isEmpty()) {
      n.put("font", s.getFontFamily());
    }
    n.put("size", s.getSize()).put("color", ColorParser.format(s.getRgba()));
    if (s.getWeight() != 0) {
      n.put("weight", s.getWeight());
    }
    if (s.getItalic()) {
      n.put("italic", true);
    }
    if (s.getAlign() != TextAlign.TEXT_ALIGN_LEFT) {
      n.put("align", ALIGN.get(s.getAlign().getNumber()));
    }
    if (s.getMaxWidth() != 0) {
      n.put("maxWidth", s.getMaxWidth());
    }
    if (s.getLineHeight() != 0) {
      n.put("lineHeight", s.getLineHeight());
    }
    if (s.getOutlineWidth() != 0) {
      n.putObject("outline")
          .put("color", ColorParser.format(s.getOutlineRgba()))
          .put("width", s.getOutlineWidth());
    }
    if (s.hasShadow()) {
      n.putObject("shadow")
          .put("color", ColorParser.format(s.getShadow().getRgba()))
          .put("dx", s.getShadow().getDx())
          .put("dy", s.getShadow().getDy())
          .put("blur", s.getShadow().getBlur());
    }
  }
}
