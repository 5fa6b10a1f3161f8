package io.streammanager.render;

import static io.streammanager.render.ReferenceScenes.color;
import static io.streammanager.render.ReferenceScenes.rect;
import static io.streammanager.render.ReferenceScenes.state;
import static io.streammanager.render.RenderFixture.at;
import static io.streammanager.render.RenderFixture.render;
import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.BlendMode;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BlendCompositorTest {
  /** Channels on both sides of 0.5, so overlay takes both of its branches. */
  private static final int BACKDROP = 0x2080E0;

  private static final int SOURCE = 0xC04090;

  static Stream<Arguments> modes() {
    List<Arguments> cases = new ArrayList<>();
    for (BlendMode mode : BlendMode.values()) {
      if (mode == BlendMode.UNRECOGNIZED) {
        continue;
      }
      for (int alpha : new int[] {0xFF, 0x99}) {
        for (double opacity : new double[] {1.0, 0.6}) {
          cases.add(Arguments.of(mode, alpha, opacity));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} alpha {1} opacity {2}")
  @MethodSource("modes")
  void render_rectWithBlendMode_isTheW3cFormulaWithinOne(
      BlendMode mode, int alpha, double opacity) {
    int[] px =
        render(
            state(
                color("bg", BACKDROP << 8 | 0xFF).build(),
                rect("r", 100, 100, 50, 50, SOURCE << 8 | alpha)
                    .setBlend(mode)
                    .setOpacity(opacity)
                    .build()));

    assertWithinOne(at(px, 125, 125), expected(mode, BACKDROP, SOURCE, alpha / 255.0 * opacity));
    assertThat(at(px, 99, 125)).as("outside the layer").isEqualTo(BACKDROP);
    assertThat(
            RenderFixture.mismatch(px, new Rectangle(100, 100, 50, 50), at(px, 125, 125), BACKDROP))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} alpha {1} opacity {2}")
  @MethodSource("modes")
  void render_colorLayerWithBlendMode_blendsTheWholeFrame(
      BlendMode mode, int alpha, double opacity) {
    int[] px =
        render(
            state(
                color("bg", BACKDROP << 8 | 0xFF).build(),
                color("c", SOURCE << 8 | alpha).setBlend(mode).setOpacity(opacity).build()));

    int want = expected(mode, BACKDROP, SOURCE, alpha / 255.0 * opacity);
    assertWithinOne(at(px, 0, 0), want);
    assertThat(RenderFixture.mismatch(px, new Rectangle(), 0, at(px, 0, 0))).isEmpty();
  }

  @ParameterizedTest(name = "{0} alpha {1} opacity {2}")
  @MethodSource("modes")
  void blend_premultipliedSource_isTheW3cFormulaWithinOne(
      BlendMode mode, int alpha, double opacity) {
    int source = 0x60A0F0;
    int premultiplied =
        alpha << 24
            | premultiply(source >> 16 & 0xFF, alpha) << 16
            | premultiply(source >> 8 & 0xFF, alpha) << 8
            | premultiply(source & 0xFF, alpha);
    int backdrop = 0x7F80FF;

    int got =
        BlendCompositor.blend(mode, backdrop, premultiplied, BlendCompositor.opacity255(opacity));

    assertWithinOne(
        got,
        expected(
            mode,
            backdrop,
            unpremultiplied(premultiplied),
            alpha / 255.0 * BlendCompositor.opacity255(opacity) / 255.0));
  }

  @Test
  void blend_transparentSource_leavesTheBackdrop() {
    for (BlendMode mode :
        List.of(BlendMode.BLEND_ADD, BlendMode.BLEND_DIFFERENCE, BlendMode.BLEND_MULTIPLY)) {
      assertThat(BlendCompositor.blend(mode, 0x123456, 0, 255)).isEqualTo(0x123456);
    }
  }

  @Test
  void blend_addOfBrightColours_clampsAtWhite() {
    assertThat(BlendCompositor.blend(BlendMode.BLEND_ADD, 0xC0C0C0, 0xFFC0C0C0, 255))
        .isEqualTo(0xFFFFFF);
  }

  @Test
  void compose_onlyTheArea_isTouched() {
    int[] src = new int[4 * 3];
    java.util.Arrays.fill(src, 0xFFFFFFFF);
    int[] dst = new int[4 * 3];

    BlendCompositor.compose(BlendMode.BLEND_ADD, src, 4, dst, 4, new Rectangle(1, 1, 2, 1), 1.0);

    assertThat(dst).containsExactly(0, 0, 0, 0, 0, 0xFFFFFF, 0xFFFFFF, 0, 0, 0, 0, 0);
  }

  private static int premultiply(int c, int a) {
    return (c * a + 127) / 255;
  }

  private static int unpremultiplied(int argb) {
    int a = argb >>> 24;
    int rgb = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      rgb |= (int) Math.min(255, Math.round((argb >> shift & 0xFF) * 255.0 / a)) << shift;
    }
    return rgb;
  }

  /** The spec's formula in doubles: (1 - as) * Cb + as * B(Cb, Cs); add = min(1, Cb + as * Cs). */
  static int expected(BlendMode mode, int backdrop, int source, double as) {
    int out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      double cb = (backdrop >> shift & 0xFF) / 255.0;
      double cs = (source >> shift & 0xFF) / 255.0;
      double v =
          switch (mode) {
            case BLEND_ADD -> Math.min(1, cb + as * cs);
            default -> (1 - as) * cb + as * blendFunction(mode, cb, cs);
          };
      out |= (int) Math.round(v * 255) << shift;
    }
    return out;
  }

  private static double blendFunction(BlendMode mode, double cb, double cs) {
    return switch (mode) {
      case BLEND_MULTIPLY -> cb * cs;
      case BLEND_SCREEN -> cb + cs - cb * cs;
      case BLEND_OVERLAY -> cb <= 0.5 ? 2 * cb * cs : cs + (2 * cb - 1) - cs * (2 * cb - 1);
      case BLEND_DARKEN -> Math.min(cb, cs);
      case BLEND_LIGHTEN -> Math.max(cb, cs);
      case BLEND_DIFFERENCE -> Math.abs(cb - cs);
      default -> cs;
    };
  }

  private static void assertWithinOne(int got, int want) {
    for (int shift = 16; shift >= 0; shift -= 8) {
      assertThat(Math.abs((got >> shift & 0xFF) - (want >> shift & 0xFF)))
          .as("channel at bit %d of %06X (want %06X)", shift, got, want)
          .isLessThanOrEqualTo(1);
    }
  }
}
