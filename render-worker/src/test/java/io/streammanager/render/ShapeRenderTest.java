package io.streammanager.render;

import static io.streammanager.render.ReferenceScenes.ellipse;
import static io.streammanager.render.ReferenceScenes.rect;
import static io.streammanager.render.ReferenceScenes.state;
import static io.streammanager.render.RenderFixture.at;
import static io.streammanager.render.RenderFixture.green;
import static io.streammanager.render.RenderFixture.red;
import static io.streammanager.render.RenderFixture.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streammanager.proto.EllipseShape;
import io.streammanager.proto.RectShape;
import java.awt.Rectangle;
import org.junit.jupiter.api.Test;

class ShapeRenderTest {
  private static final int RED = 0xFF0000;
  private static final int GREEN = 0x00FF00;

  @Test
  void render_roundedRect_leavesTheCornerPixelsUntouched() {
    int[] px =
        render(
            state(
                rect("r", 50, 50, 100, 100, 0xFF0000FF)
                    .setRect(RectShape.newBuilder().setRgba(0xFF0000FF).setCornerRadius(30))
                    .build()));

    assertThat(
            new int[] {
              at(px, 50, 50), at(px, 149, 50), at(px, 50, 149), at(px, 149, 149), at(px, 53, 53)
            })
        .containsOnly(0);
    assertThat(
            new int[] {
              at(px, 100, 100), at(px, 50, 100), at(px, 100, 50), at(px, 149, 100), at(px, 100, 149)
            })
        .containsOnly(RED);
    assertThat(RenderFixture.ink(px)).isEqualTo(new Rectangle(50, 50, 100, 100));
  }

  @Test
  void render_cornerRadiusLargerThanHalfTheSide_makesAStadiumNotAnError() {
    int[] px =
        render(
            state(
                rect("r", 50, 50, 200, 40, 0xFF0000FF)
                    .setRect(RectShape.newBuilder().setRgba(0xFF0000FF).setCornerRadius(500))
                    .build()));

    assertThat(at(px, 150, 70)).isEqualTo(RED);
    assertThat(at(px, 52, 52)).isZero();
    assertThat(at(px, 51, 70)).isNotZero();
  }

  @Test
  void render_strokedRect_drawsTheStrokeCentredOnTheEdge() {
    int[] px =
        render(
            state(
                rect("r", 50, 50, 100, 100, 0xFF0000FF)
                    .setRect(
                        RectShape.newBuilder()
                            .setRgba(0xFF0000FF)
                            .setStrokeRgba(0x00FF00FF)
                            .setStrokeWidth(10))
                    .build()));

    assertThat(
            new int[] {
              at(px, 45, 100),
              at(px, 54, 100),
              at(px, 100, 45),
              at(px, 154, 100),
              at(px, 100, 154),
              at(px, 45, 45)
            })
        .as("5 px either side of each edge, mitred corners")
        .containsOnly(GREEN);
    assertThat(at(px, 55, 100)).isEqualTo(RED);
    assertThat(at(px, 44, 100)).isZero();
    assertThat(RenderFixture.ink(px)).isEqualTo(new Rectangle(45, 45, 110, 110));
  }

  @Test
  void render_strokedRectAtHalfOpacity_appliesTheOpacityToTheWholeLayer() {
    int[] px =
        render(
            state(
                rect("r", 50, 50, 100, 100, 0xFF0000FF)
                    .setRect(
                        RectShape.newBuilder()
                            .setRgba(0xFF0000FF)
                            .setStrokeRgba(0x00FF00FF)
                            .setStrokeWidth(10))
                    .setOpacity(0.5)
                    .build()));

    int outerHalf = at(px, 46, 100);
    int innerHalf = at(px, 53, 100);
    assertThat(innerHalf).as("no red fill shows through the stroke").isEqualTo(outerHalf);
    assertThat(green(outerHalf)).isCloseTo(128, within(1));
    assertThat(red(at(px, 100, 100))).isCloseTo(128, within(1));
  }

  @Test
  void render_ellipse_fillsTheCentreAndLeavesTheBoxCornersEmpty() {
    int[] px = render(state(ellipse("e", 100, 100, 100, 60, 0xFF0000FF).build()));

    assertThat(at(px, 150, 130)).isEqualTo(RED);
    assertThat(at(px, 101, 130)).isNotZero();
    assertThat(at(px, 150, 101)).isNotZero();
    assertThat(new int[] {at(px, 101, 101), at(px, 198, 101), at(px, 101, 158), at(px, 198, 158)})
        .containsOnly(0);
    assertThat(RenderFixture.ink(px)).isEqualTo(new Rectangle(100, 100, 100, 60));
  }

  @Test
  void render_strokedEllipse_drawsTheStrokeOnTheOutline() {
    int[] px =
        render(
            state(
                ellipse("e", 100, 100, 100, 60, 0xFF0000FF)
                    .setEllipse(
                        EllipseShape.newBuilder()
                            .setRgba(0xFF0000FF)
                            .setStrokeRgba(0x00FF00FF)
                            .setStrokeWidth(6))
                    .build()));

    assertThat(at(px, 100, 130)).isEqualTo(GREEN);
    assertThat(at(px, 199, 130)).isEqualTo(GREEN);
    assertThat(at(px, 150, 100)).isEqualTo(GREEN);
    assertThat(at(px, 150, 130)).isEqualTo(RED);
  }

  @Test
  void render_shapeWithoutASize_drawsNothing() {
    int[] px =
        render(
            state(
                ReferenceScenes.rect("r", 10, 10, 0, 0, 0xFF0000FF)
                    .clearWidth()
                    .clearHeight()
                    .build()));

    assertThat(RenderFixture.ink(px).isEmpty()).isTrue();
  }
}
