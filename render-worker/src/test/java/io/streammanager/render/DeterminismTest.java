package io.streammanager.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.StreamState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  @Test
  void render_everyFeatureSceneTwiceWithFreshRenderers_givesIdenticalPixels() {
    for (Map.Entry<String, StreamState> scene : ReferenceScenes.all().entrySet()) {
      for (long frame : new long[] {0, 12, 45}) {
        int[] first = RenderFixture.render(scene.getValue(), frame, ReferenceScenes.PTS.plusMillis(frame * 33));
        int[] second = RenderFixture.render(scene.getValue(), frame, ReferenceScenes.PTS.plusMillis(frame * 33));

        assertThat(second).as("%s frame %d", scene.getKey(), frame).isEqualTo(first);
      }
    }
  }

  @Test
  void render_everyFeatureScene_changesWhileTweensRunAndNotAfter() {
    StreamState scene = ReferenceScenes.all().get("every-feature-medium");
    int[] start = RenderFixture.render(scene, 0, ReferenceScenes.PTS);
    int[] middle = RenderFixture.render(scene, 12, ReferenceScenes.PTS);
    int[] end = RenderFixture.render(scene, 30, ReferenceScenes.PTS);
    int[] later = RenderFixture.render(scene, 300, ReferenceScenes.PTS);

    assertThat(middle).isNotEqualTo(start).isNotEqualTo(end);
    assertThat(later).isEqualTo(end);
  }

  @Test
  void render_sameRendererReusedAcrossScenes_givesTheSamePixelsAsAFreshOne() {
    StreamState scene = ReferenceScenes.all().get("every-feature-high");
    var canvas = new java.awt.image.BufferedImage(RenderFixture.W, RenderFixture.H,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    SceneRenderer reused = new SceneRenderer(ReferenceScenes.assets());
    reused.render(ReferenceScenes.all().get("every-feature-low"), 7, ReferenceScenes.PTS, canvas);
    reused.render(scene, 12, ReferenceScenes.PTS, canvas);
    int[] pixels = ((java.awt.image.DataBufferInt) canvas.getRaster().getDataBuffer()).getData().clone();
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] &= 0xFFFFFF;
    }

    assertThat(pixels).isEqualTo(RenderFixture.render(scene, 12, ReferenceScenes.PTS));
  }
}
