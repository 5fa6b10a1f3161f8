package io.streammanager.render;

import static io.streammanager.render.ReferenceScenes.STRIPES;
import static io.streammanager.render.ReferenceScenes.image;
import static io.streammanager.render.ReferenceScenes.rect;
import static io.streammanager.render.ReferenceScenes.state;
import static io.streammanager.render.ReferenceScenes.tween;
import static io.streammanager.render.RenderFixture.at;
import static io.streammanager.render.RenderFixture.mismatch;
import static io.streammanager.render.RenderFixture.render;
import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.Crop;
import io.streammanager.proto.Easing;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RenderQuality;
import io.streammanager.proto.Tick;
import java.awt.Rectangle;
import org.junit.jupiter.api.Test;

class GeometryRenderTest {
  private static final int RED = 0xFF0000;
  private static final int GREEN = 0x00FF00;
  private static final int BLUE = 0x0000FF;

  @Test
  void render_centreAnchorRotated90_turnsTheBoxAroundItsCentre() {
    int[] px =
        render(
            state(
                rect("r", 200, 150, 100, 40, 0xFF0000FF)
                    .setAnchorX(0.5)
                    .setAnchorY(0.5)
                    .setRotation(90)
                    .build()));

    assertThat(mismatch(px, new Rectangle(180, 100, 40, 100), RED, 0)).isEmpty();
  }

  @Test
  void render_rotation30_turnsClockwiseAroundTheAnchor() {
    // A 100x10 bar anchored at the middle of its left end: clockwise means its far end goes down (y
    // grows).
    int[] px =
        render(
            state(
                rect("bar", 320, 180, 100, 10, 0xFF0000FF)
                    .setAnchorY(0.5)
                    .setRotation(30)
                    .build()));

    assertThat(at(px, 320 + 61, 180 + 35)).isEqualTo(RED);
    assertThat(at(px, 320 + 61, 180 - 35)).isZero();
    assertThat(at(px, 320 + 90, 180)).isZero();
  }

  @Test
  void render_rotation45_makesADiamondAroundTheCentre() {
    int[] px =
        render(
            state(
                rect("sq", 320, 180, 100, 100, 0xFF0000FF)
                    .setAnchorX(0.5)
                    .setAnchorY(0.5)
                    .setRotation(45)
                    .build()));

    assertThat(at(px, 320, 180 - 66)).as("towards the top vertex (70.7 px out)").isEqualTo(RED);
    assertThat(at(px, 320 + 66, 180)).as("towards the right vertex").isEqualTo(RED);
    assertThat(at(px, 320 - 46, 180 - 46)).as("the unrotated corner").isZero();
  }

  @Test
  void render_scaleWithTopLeftAnchor_growsRightAndDown() {
    int[] px =
        render(state(rect("r", 100, 100, 50, 20, 0xFF0000FF).setScaleX(2).setScaleY(3).build()));

    assertThat(mismatch(px, new Rectangle(100, 100, 100, 60), RED, 0)).isEmpty();
  }

  @Test
  void render_scaleWithCentreAnchor_growsAroundTheAnchorPoint() {
    int[] px =
        render(
            state(
                rect("r", 320, 180, 50, 20, 0xFF0000FF)
                    .setAnchorX(0.5)
                    .setAnchorY(0.5)
                    .setScaleX(2)
                    .setScaleY(2)
                    .build()));

    assertThat(mismatch(px, new Rectangle(270, 160, 100, 40), RED, 0)).isEmpty();
  }

  @Test
  void render_anchorBottomRight_putsThatCornerOnXy() {
    int[] px =
        render(state(rect("r", 300, 200, 60, 30, 0xFF0000FF).setAnchorX(1).setAnchorY(1).build()));

    assertThat(mismatch(px, new Rectangle(240, 170, 60, 30), RED, 0)).isEmpty();
  }

  @Test
  void render_imageCropLeftAndRight_showsOnlyTheMiddleStripesAtNaturalSize() {
    int[] px =
        render(
            state(
                image("i", 100, 50, STRIPES)
                    .setCrop(Crop.newBuilder().setLeft(10).setRight(10))
                    .build()));

    assertThat(at(px, 100, 50)).isEqualTo(GREEN);
    assertThat(at(px, 109, 69)).isEqualTo(GREEN);
    assertThat(at(px, 110, 50)).isEqualTo(BLUE);
    assertThat(at(px, 119, 69)).isEqualTo(BLUE);
    assertThat(RenderFixture.ink(px)).isEqualTo(new Rectangle(100, 50, 20, 20));
  }

  @Test
  void render_imageCroppedThenStretched_scalesTheCroppedPart() {
    int[] px =
        render(
            state(
                RenderQuality.RENDER_QUALITY_LOW,
                image("i", 100, 50, STRIPES)
                    .setWidth(40)
                    .setHeight(20)
                    .setCrop(Crop.newBuilder().setLeft(10).setRight(10))
                    .build()));

    assertThat(at(px, 100, 50)).isEqualTo(GREEN);
    assertThat(at(px, 119, 69)).isEqualTo(GREEN);
    assertThat(at(px, 120, 50)).isEqualTo(BLUE);
    assertThat(at(px, 139, 69)).isEqualTo(BLUE);
    assertThat(RenderFixture.ink(px)).isEqualTo(new Rectangle(100, 50, 40, 20));
  }

  @Test
  void render_rectCropTopLeft_clipsTheBoxWithoutMovingIt() {
    int[] px =
        render(
            state(
                rect("r", 50, 50, 100, 100, 0xFF0000FF)
                    .setCrop(Crop.newBuilder().setLeft(30).setTop(10))
                    .build()));

    assertThat(mismatch(px, new Rectangle(80, 60, 70, 90), RED, 0)).isEmpty();
  }

  @Test
  void render_cropWiderThanThePicture_drawsNothing() {
    int[] px =
        render(
            state(
                image("i", 100, 50, STRIPES)
                    .setCrop(Crop.newBuilder().setLeft(30).setRight(10))
                    .build()));

    assertThat(RenderFixture.ink(px).isEmpty()).isTrue();
  }

  @Test
  void render_linearTweenHalfway_drawsTheRectHalfway() {
    var layer =
        rect("r", 200, 100, 50, 50, 0xFF0000FF)
            .addTweens(tween("x", 0, 10, 20, Easing.EASING_LINEAR))
            .build();

    assertThat(
            mismatch(
                render(state(layer), 20, ReferenceScenes.PTS),
                new Rectangle(100, 100, 50, 50),
                RED,
                0))
        .isEmpty();
    assertThat(
            mismatch(
                render(state(layer), 5, ReferenceScenes.PTS),
                new Rectangle(0, 100, 50, 50),
                RED,
                0))
        .as("before the tween starts: the from value")
        .isEmpty();
    assertThat(
            mismatch(
                render(state(layer), 30, ReferenceScenes.PTS),
                new Rectangle(200, 100, 50, 50),
                RED,
                0))
        .as("at the end: the stored value")
        .isEmpty();
  }

  @Test
  void frameRenderer_tickFrame_isTheFrameTheTweensAreEvaluatedAt() {
    var layer =
        rect("r", 200, 100, 50, 50, 0xFFFFFFFF)
            .addTweens(tween("x", 0, 10, 20, Easing.EASING_LINEAR))
            .build();
    FrameRenderer frames = new FrameRenderer(new SceneRenderer(ReferenceScenes.assets()));
    Tick tick =
        Tick.newBuilder()
            .setFrame(20)
            .setPresentationTime(ProtoTime.of(ReferenceScenes.PTS))
            .build();

    byte[] yuv = frames.render(state(layer), tick);

    assertThat(yuv[120 * ReferenceScenes.WIDTH + 125] & 0xFF)
        .as("white luma halfway")
        .isEqualTo(235);
    assertThat(yuv[120 * ReferenceScenes.WIDTH + 225] & 0xFF)
        .as("black luma at the stored x")
        .isEqualTo(16);
  }

  @Test
  void render_zeroScale_drawsNothing() {
    int[] px = render(state(rect("r", 10, 10, 50, 50, 0xFF0000FF).setScaleX(0).build()));

    assertThat(RenderFixture.ink(px).isEmpty()).isTrue();
  }
}
