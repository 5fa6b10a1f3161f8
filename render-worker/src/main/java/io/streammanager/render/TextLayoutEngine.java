package io.streammanager.render;

import io.streammanager.proto.RenderQuality;
import io.streammanager.proto.TextAlign;
import io.streammanager.proto.TextStyle;
import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Breaks, measures and aligns a block of text in the text's own coordinates ((0, 0) is the block's
 * top-left).
 *
 * <ul>
 *   <li>Lines break at each {@code \n} ({@code \r} is ignored) and, when {@code max_width} is above
 *       0, greedily at spaces: a word goes on the line when the line with it still fits; a single
 *       word wider than max_width stays whole and overflows. The spaces at a break disappear.
 *   <li>Alignment is within max_width, or within the widest line when max_width is 0; a line's
 *       width for alignment is its visible advance (trailing spaces do not count).
 *   <li>Line pitch = (ascent + descent + leading) of the font x line_height (0 or less = 1); the
 *       first baseline is at the font's ascent. The block is max_width (or the widest line) wide
 *       and lines x pitch high.
 * </ul>
 *
 * Measured with an untransformed {@link FontRenderContext}, so the breaks do not depend on the
 * layer's transform. An instance keeps the last {@value #CACHE_SIZE} blocks, so unchanged text is
 * not laid out again each frame; it is not thread-safe (one per renderer).
 */
final class TextLayoutEngine {
  static final int CACHE_SIZE = 256;

  private record Key(String text, TextStyle style, RenderQuality quality) {}

  private final Map<Key, Block> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Block> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  /** One line: its layout (null for an empty line), the left end of its baseline. */
  record Line(TextLayout layout, float x, float baseline) {}

  /**
   * A laid-out block: its lines, its size, and the bounds of its ink (all in block coordinates). It
   * remembers its stroked outline for the last width asked, so a cached block does not widen its
   * glyph outlines every frame.
   */
  static final class Block {
    static final Block EMPTY = new Block(List.of(), 0, 0, new Rectangle2D.Double());
    private final List<Line> lines;
    private final double width;
    private final double height;
    private final Rectangle2D ink;
    private float outlineWidth = -1;
    private Shape outline;

    Block(List<Line> lines, double width, double height, Rectangle2D ink) {
      this.lines = lines;
      this.width = width;
      this.height = height;
      this.ink = ink;
    }

    List<Line> lines() {
      return lines;
    }

    double width() {
      return width;
    }

    double height() {
      return height;
    }

    Rectangle2D ink() {
      return ink;
    }

    /**
     * Every glyph outline stroked {@code strokeWidth} wide (round caps and joins), as one shape to
     * fill.
     */
    Shape strokedOutline(float strokeWidth) {
      if (outline == null || outlineWidth != strokeWidth) {
        Path2D glyphs = new Path2D.Double(Path2D.WIND_NON_ZERO);
        for (Line line : lines) {
          if (line.layout() != null) {
            glyphs.append(
                line.layout()
                    .getOutline(AffineTransform.getTranslateInstance(line.x(), line.baseline())),
                false);
          }
        }
        outline =
            new BasicStroke(strokeWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                .createStrokedShape(glyphs);
        outlineWidth = strokeWidth;
      }
      return outline;
    }
  }

  /** The block for a text and style at a quality, laid out once while it stays in the cache. */
  Block layout(String text, TextStyle style, RenderQuality quality) {
    return cache.computeIfAbsent(
        new Key(text, style, quality),
        k -> layout(text, style, QualityHints.fontRenderContext(quality)));
  }

  static Font font(TextStyle style) {
    return Fonts.font(
        style.getFontFamily(), style.getWeight(), style.getItalic(), (float) style.getSize());
  }

  static Block layout(String text, TextStyle style, FontRenderContext frc) {
    double size = style.getSize();
    if (text.isEmpty() || !(size > 0 && size <= Float.MAX_VALUE)) {
      return Block.EMPTY;
    }
    Font font = font(style);
    double maxWidth =
        Double.isFinite(style.getMaxWidth()) ? StrictMath.max(0, style.getMaxWidth()) : 0;
    List<String> texts = new ArrayList<>();
    for (String paragraph : text.replace("\r", "").split("\n", -1)) {
      if (maxWidth > 0) {
        wrap(paragraph, font, frc, maxWidth, texts);
      } else {
        texts.add(paragraph);
      }
    }
    List<TextLayout> layouts = new ArrayList<>(texts.size());
    double widest = 0;
    for (String t : texts) {
      TextLayout layout = t.isEmpty() ? null : new TextLayout(t, font, frc);
      layouts.add(layout);
      widest = StrictMath.max(widest, layout == null ? 0 : layout.getVisibleAdvance());
    }
    double alignWidth = maxWidth > 0 ? maxWidth : widest;
    LineMetrics metrics = font.getLineMetrics("Hg", frc);
    double multiplier =
        style.getLineHeight() > 0 && Double.isFinite(style.getLineHeight())
            ? style.getLineHeight()
            : 1;
    double pitch = (metrics.getAscent() + metrics.getDescent() + metrics.getLeading()) * multiplier;
    List<Line> lines = new ArrayList<>(layouts.size());
    Rectangle2D ink = null;
    for (int i = 0; i < layouts.size(); i++) {
      TextLayout layout = layouts.get(i);
      float baseline = (float) (metrics.getAscent() + i * pitch);
      float x =
          layout == null
              ? 0
              : (float) offset(style.getAlign(), alignWidth, layout.getVisibleAdvance());
      lines.add(new Line(layout, x, baseline));
      if (layout != null) {
        Rectangle2D b = layout.getBounds();
        Rectangle2D placed =
            new Rectangle2D.Double(b.getX() + x, b.getY() + baseline, b.getWidth(), b.getHeight());
        ink = ink == null ? placed : ink.createUnion(placed);
      }
    }
    return new Block(
        List.copyOf(lines),
        alignWidth,
        layouts.size() * pitch,
        ink == null ? new Rectangle2D.Double() : ink);
  }

  private static double offset(TextAlign align, double alignWidth, double lineWidth) {
    return switch (align) {
      case TEXT_ALIGN_CENTER -> (alignWidth - lineWidth) / 2;
      case TEXT_ALIGN_RIGHT -> alignWidth - lineWidth;
      default -> 0;
    };
  }

  private static void wrap(
      String paragraph, Font font, FontRenderContext frc, double maxWidth, List<String> out) {
    String[] words = paragraph.split(" ", -1);
    String line = words[0];
    boolean broken = false;
    for (int i = 1; i < words.length; i++) {
      if (broken && line.isEmpty()) {
        line = words[i];
        continue;
      }
      String candidate = line + " " + words[i];
      if (advance(candidate, font, frc) <= maxWidth) {
        line = candidate;
      } else {
        out.add(line);
        line = words[i];
        broken = true;
      }
    }
    out.add(line);
  }

  private static double advance(String text, Font font, FontRenderContext frc) {
    return text.isEmpty() ? 0 : new TextLayout(text, font, frc).getAdvance();
  }
}
