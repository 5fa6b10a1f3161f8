package io.streammanager.render;

import static io.streammanager.render.ReferenceScenes.rect;
import static io.streammanager.render.ReferenceScenes.state;
import static io.streammanager.render.ReferenceScenes.style;
import static io.streammanager.render.ReferenceScenes.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.StreamState;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * Rasterised layers are reused while a layer only moves by whole pixels, and drawn again otherwise.
 */
class LayerSpritesTest {
  private final SceneRenderer scene = new SceneRenderer(ReferenceScenes.assets());
  private final BufferedImage canvas =
      new BufferedImage(RenderFixture.W, RenderFixture.H, BufferedImage.TYPE_INT_RGB);

  private double hitRatioAfter(StreamState... frames) {
    for (StreamState s : frames) {
      scene.render(s, 0, ReferenceScenes.PTS, canvas);
    }
    return scene.spriteHitRatio();
  }

  @Test
  void sprite_layerMovedByWholePixelsAndRenamed_isDrawnOnce() {
    double ratio =
        hitRatioAfter(
            state(rect("a", 10.25, 20, 50, 30, 0xFF8000C0).setRotation(10).build()),
            state(
                rect("b", 110.25, 25, 50, 30, 0xFF8000C0).setRotation(10).setOpacity(0.5).build()),
            state(rect("c", 210.25, 30, 50, 30, 0xFF8000C0).setRotation(10).setZIndex(3).build()));

    assertThat(ratio).isEqualTo(2 / 3.0);
  }

  @Test
  void sprite_layerMovedByAFractionOrChanged_isDrawnAgain() {
    double ratio =
        hitRatioAfter(
            state(text("t", 10, 20, "hello", style(20, 0xFFFFFFFF)).build()),
            state(text("t", 10.5, 20, "hello", style(20, 0xFFFFFFFF)).build()),
            state(text("t", 10, 20, "hello!", style(20, 0xFFFFFFFF)).build()),
            state(text("t", 10, 20, "hello", style(21, 0xFFFFFFFF)).build()));

    assertThat(ratio).isZero();
  }

  @Test
  void render_sameSceneWithWarmSpriteCache_givesTheSamePixelsAsAColdOne() {
    StreamState s =
        ReferenceScenes.everyFeature(io.streammanager.proto.RenderQuality.RENDER_QUALITY_HIGH);
    scene.render(s, 12, ReferenceScenes.PTS, canvas);
    scene.render(s, 12, ReferenceScenes.PTS, canvas);
    int[] warm = SceneRenderer.pixels(canvas).clone();
    for (int i = 0; i < warm.length; i++) {
      warm[i] &= 0xFFFFFF;
    }

    assertThat(scene.spriteHitRatio()).isPositive();
    assertThat(warm).isEqualTo(RenderFixture.render(s, 12, ReferenceScenes.PTS));
  }
}
