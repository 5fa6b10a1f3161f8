package io.streammanager.render;

import static io.streammanager.render.ReferenceScenes.state;
import static io.streammanager.render.ReferenceScenes.style;
import static io.streammanager.render.ReferenceScenes.text;
import static io.streammanager.render.RenderFixture.blue;
import static io.streammanager.render.RenderFixture.bounds;
import static io.streammanager.render.RenderFixture.count;
import static io.streammanager.render.RenderFixture.green;
import static io.streammanager.render.RenderFixture.ink;
import static io.streammanager.render.RenderFixture.red;
import static io.streammanager.render.RenderFixture.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streammanager.proto.RenderQuality;
import io.streammanager.proto.TextAlign;
import io.streammanager.proto.TextShadow;
import io.streammanager.proto.TextStyle;
import java.awt.Rectangle;
import org.junit.jupiter.api.Test;

class TextRenderTest {
  private static final String SENTENCE = "The quick brown fox jumps over the lazy dog";
  private static final int WHITE = 0xFFFFFFFF;

  private static TextLayoutEngine.Block layout(String text, TextStyle.Builder style) {
    return TextLayoutEngine.layout(
        text, style.build(), QualityHints.fontRenderContext(RenderQuality.RENDER_QUALITY_MEDIUM));
  }

  @Test
  void layout_narrowerMaxWidth_givesMoreLinesEachWithinTheWidth() {
    TextLayoutEngine.Block wide = layout(SENTENCE, style(20, WHITE).setMaxWidth(600));
    TextLayoutEngine.Block narrow = layout(SENTENCE, style(20, WHITE).setMaxWidth(150));

    assertThat(wide.lines()).hasSize(1);
    assertThat(narrow.lines().size()).isGreaterThanOrEqualTo(3);
    assertThat(narrow.lines())
        .allSatisfy(l -> assertThat(l.layout().getVisibleAdvance()).isLessThanOrEqualTo(150));
    assertThat(narrow.width()).isEqualTo(150);
  }

  @Test
  void layout_wordWiderThanMaxWidth_staysWholeOnItsOwnLine() {
    TextLayoutEngine.Block block =
        layout("a Pneumonoultramicroscopic b", style(20, WHITE).setMaxWidth(60));

    assertThat(block.lines())
        .extracting(l -> l.layout().getCharacterCount())
        .containsExactly(1, 24, 1);
  }

  @Test
  void layout_newlines_breakLinesAndKeepEmptyOnes() {
    TextLayoutEngine.Block block = layout("one\n\nthree", style(20, WHITE));

    assertThat(block.lines()).hasSize(3);
    assertThat(block.lines().get(1).layout()).isNull();
    assertThat(block.lines().get(2).baseline() - block.lines().get(0).baseline())
        .isCloseTo((float) (2 * block.height() / 3), within(0.01f));
  }

  @Test
  void layout_lineHeightTwo_doublesTheLinePitch() {
    TextLayoutEngine.Block single = layout("a\nb", style(20, WHITE));
    TextLayoutEngine.Block twice = layout("a\nb", style(20, WHITE).setLineHeight(2));

    assertThat(twice.height()).isCloseTo(2 * single.height(), within(0.01));
  }

  @Test
  void render_narrowerMaxWidth_drawsMoreLinesOfInk() {
    Rectangle wide =
        ink(render(state(text("t", 20, 20, SENTENCE, style(20, WHITE).setMaxWidth(600)).build())));
    Rectangle narrow =
        ink(render(state(text("t", 20, 20, SENTENCE, style(20, WHITE).setMaxWidth(150)).build())));

    assertThat(narrow.height).isGreaterThan(2 * wide.height);
    assertThat(narrow.width).isLessThanOrEqualTo(152);
  }

  @Test
  void render_centerAndRightAlignment_shiftTheInkWithinMaxWidth() {
    Rectangle left =
        ink(render(state(text("t", 100, 50, "Hi", style(30, WHITE).setMaxWidth(400)).build())));
    Rectangle center =
        ink(
            render(
                state(
                    text(
                            "t",
                            100,
                            50,
                            "Hi",
                            style(30, WHITE).setMaxWidth(400).setAlign(TextAlign.TEXT_ALIGN_CENTER))
                        .build())));
    Rectangle right =
        ink(
            render(
                state(
                    text(
                            "t",
                            100,
                            50,
                            "Hi",
                            style(30, WHITE).setMaxWidth(400).setAlign(TextAlign.TEXT_ALIGN_RIGHT))
                        .build())));

    assertThat(left.x).isBetween(100, 105);
    assertThat(center.getCenterX()).isCloseTo(300, within(3.0));
    assertThat(right.x + right.width).isBetween(496, 501);
    assertThat(center.y).isEqualTo(left.y);
  }

  @Test
  void render_centerWithoutMaxWidth_centresLinesUnderTheWidest() {
    int[] px =
        render(
            state(
                text(
                        "t",
                        100,
                        50,
                        "Hello world, wide line\nHi",
                        style(30, WHITE).setAlign(TextAlign.TEXT_ALIGN_CENTER))
                    .build()));

    Rectangle all = ink(px);
    Rectangle secondLine = boundsBelow(px, all.y + all.height / 2 + 5);
    assertThat(secondLine.getCenterX()).isCloseTo(all.getCenterX(), within(3.0));
    assertThat(secondLine.width).isLessThan(all.width / 3);
  }

  @Test
  void render_outline_drawsOutlineColourAroundTheGlyphs() {
    int[] plain = render(state(text("t", 50, 50, "Outline", style(40, WHITE)).build()));
    int[] outlined =
        render(
            state(
                text(
                        "t",
                        50,
                        50,
                        "Outline",
                        style(40, WHITE).setOutlineRgba(0xFF0000FF).setOutlineWidth(6))
                    .build()));

    assertThat(count(plain, rgb -> red(rgb) > 200 && green(rgb) < 50)).isZero();
    assertThat(count(outlined, rgb -> red(rgb) > 200 && green(rgb) < 50)).isGreaterThan(300);
    assertThat(count(outlined, rgb -> rgb == 0xFFFFFF))
        .as("the fill stays on top")
        .isGreaterThan(100);
    assertThat(ink(outlined).width).isGreaterThan(ink(plain).width + 4);
  }

  @Test
  void render_shadow_drawsAnOffsetCopyInTheShadowColourUnderTheText() {
    TextStyle.Builder shadowed =
        style(40, WHITE).setShadow(TextShadow.newBuilder().setRgba(0x0000FFFF).setDx(12).setDy(10));
    int[] plain = render(state(text("t", 50, 50, "Shadow", style(40, WHITE)).build()));
    int[] sharp = render(state(text("t", 50, 50, "Shadow", shadowed).build()));
    int[] blurred =
        render(
            state(
                text(
                        "t",
                        50,
                        50,
                        "Shadow",
                        shadowed.clone().setShadow(shadowed.getShadow().toBuilder().setBlur(4)))
                    .build()));

    Rectangle text = ink(plain);
    Rectangle shadow = bounds(sharp, rgb -> blue(rgb) > 200 && red(rgb) < 50);
    assertThat(shadow.x - text.x).isCloseTo(12, within(1));
    assertThat(shadow.y - text.y).isCloseTo(10, within(1));
    assertThat(count(sharp, rgb -> rgb == 0xFFFFFF))
        .as("the text stays on top")
        .isEqualTo(count(plain, rgb -> rgb == 0xFFFFFF));
    Rectangle soft = bounds(blurred, rgb -> blue(rgb) > 0 && red(rgb) == 0);
    assertThat(soft.width).isGreaterThanOrEqualTo(shadow.width + 6);
    assertThat(count(blurred, rgb -> blue(rgb) > 0 && blue(rgb) < 128 && red(rgb) == 0))
        .as("partly covered pixels around the blurred shadow")
        .isGreaterThan(2 * count(sharp, rgb -> blue(rgb) > 0 && blue(rgb) < 128 && red(rgb) == 0));
  }

  @Test
  void render_boldAndItalic_drawDifferentlyFromRegular() {
    int[] regular = render(state(text("t", 50, 50, "Typeface", style(36, WHITE)).build()));
    int[] bold =
        render(state(text("t", 50, 50, "Typeface", style(36, WHITE).setWeight(700)).build()));
    int[] italic =
        render(state(text("t", 50, 50, "Typeface", style(36, WHITE).setItalic(true)).build()));
    int[] semi =
        render(state(text("t", 50, 50, "Typeface", style(36, WHITE).setWeight(599)).build()));

    assertThat(count(bold, rgb -> rgb != 0))
        .isGreaterThan(count(regular, rgb -> rgb != 0) * 11 / 10);
    assertThat(italic).isNotEqualTo(regular).isNotEqualTo(bold);
    assertThat(semi).as("weights below 600 are regular").isEqualTo(regular);
  }

  @Test
  void render_familyNames_pickTheShippedFacesAndUnknownDrawsTheDefault() {
    int[] sans = render(state(text("t", 50, 50, "Family", style(36, WHITE)).build()));
    int[] serif =
        render(
            state(
                text("t", 50, 50, "Family", style(36, WHITE).setFontFamily("dejavu SERIF"))
                    .build()));
    int[] mono =
        render(
            state(
                text("t", 50, 50, "Family", style(36, WHITE).setFontFamily("DejaVu Sans Mono"))
                    .build()));
    int[] unknown =
        render(
            state(
                text("t", 50, 50, "Family", style(36, WHITE).setFontFamily("Comic Sans")).build()));

    assertThat(serif).isNotEqualTo(sans);
    assertThat(mono).isNotEqualTo(sans).isNotEqualTo(serif);
    assertThat(unknown).isEqualTo(sans);
  }

  @Test
  void render_textAnchoredRight_endsAtX() {
    Rectangle box =
        ink(render(state(text("t", 600, 50, "Right", style(30, WHITE)).setAnchorX(1).build())));

    assertThat(box.x + box.width).isBetween(594, 601);
  }

  @Test
  void render_textRotated90_runsDownwards() {
    Rectangle box =
        ink(
            render(
                state(
                    text("t", 300, 40, "Vertical text", style(24, WHITE))
                        .setRotation(90)
                        .build())));

    assertThat(box.height).isGreaterThan(2 * box.width);
    assertThat(box.x + box.width).isLessThanOrEqualTo(301);
  }

  private static Rectangle boundsBelow(int[] px, int top) {
    int[] lower = px.clone();
    java.util.Arrays.fill(lower, 0, top * RenderFixture.W, 0);
    return ink(lower);
  }
}
