package io.streammanager.render;

import static io.streammanager.render.ReferenceScenes.clock;
import static io.streammanager.render.ReferenceScenes.color;
import static io.streammanager.render.ReferenceScenes.image;
import static io.streammanager.render.ReferenceScenes.rect;
import static io.streammanager.render.ReferenceScenes.state;
import static io.streammanager.render.ReferenceScenes.style;
import static io.streammanager.render.ReferenceScenes.tween;
import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.BlendMode;
import io.streammanager.proto.Easing;
import io.streammanager.proto.RenderQuality;
import io.streammanager.proto.StreamState;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frame renderer's reuse (same frame, static base, dirty areas) never changes a byte. */
class FrameRendererTest {
  /** The whole frame drawn from scratch and converted with the plain-Java reference. */
  static byte[] fromScratch(StreamState state, long frame, Instant pts) {
    int w = state.getConfig().getWidth();
    int h = state.getConfig().getHeight();
    BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    new SceneRenderer(ReferenceScenes.assets()).render(state, frame, pts, canvas);
    byte[] out = new byte[YuvConverter.frameSize(w, h)];
    YuvConverter.convert(((DataBufferInt) canvas.getRaster().getDataBuffer()).getData(), w, h, out);
    return out;
  }

  private static Instant pts(long frame) {
    return ReferenceScenes.PTS.plusMillis(frame * 33);
  }

  /**
   * Moving layers over and under pictures, a clock, a blend mode and a layer that appears and goes.
   */
  private static StreamState moving(long version) {
    return state(
            color("bg", 0x102030FF).build(),
            image("dot", 40, 30, ReferenceScenes.SOFT_DOT).setOpacity(0.6).build(),
            rect("sweep", 300, 100, 90, 50, 0xE08020C0)
                .addTweens(tween("x", 0, 0, 40, Easing.EASING_LINEAR))
                .build(),
            image("stripes", 200, 150, ReferenceScenes.STRIPES)
                .addTweens(tween("y", 20, 5, 20, Easing.EASING_OUT_QUAD))
                .build(),
            rect("multiply", 100, 200, 200, 60, 0x80FF40FF)
                .setBlend(BlendMode.BLEND_MULTIPLY)
                .addTweens(tween("opacity", 0, 10, 10, Easing.EASING_LINEAR))
                .build(),
            clock("clock", 600, 330, "HH:mm:ss.SSS", style(22, 0xFFFFFFFF)).setAnchorX(1).build(),
            rect("blink", 500, 40, 60, 60, 0x00FF00FF).setVisible(version % 2 == 0).build())
        .toBuilder()
        .setVersion(version)
        .build();
  }

  @Test
  void render_consecutiveFramesOfMovingScenes_equalFramesDrawnFromScratch() {
    List<String> differing = new ArrayList<>();
    FrameRenderer renderer = new FrameRenderer(new SceneRenderer(ReferenceScenes.assets()));
    for (long frame = 0; frame < 45; frame++) {
      StreamState scene = moving(frame / 15);
      if (!java.util.Arrays.equals(
          renderer.render(scene, frame, pts(frame)), fromScratch(scene, frame, pts(frame)))) {
        differing.add("moving frame " + frame);
      }
    }
    for (var scene : ReferenceScenes.all().entrySet()) {
      for (long frame : new long[] {0, 1, 2, 3, 10, 11, 29, 30, 31, 31, 32, 300}) {
        if (!java.util.Arrays.equals(
            renderer.render(scene.getValue(), frame, pts(frame)),
            fromScratch(scene.getValue(), frame, pts(frame)))) {
          differing.add(scene.getKey() + " frame " + frame);
        }
      }
    }

    assertThat(differing).isEmpty();
    assertThat(renderer.stats().partial()).as("frames drawn in part").isPositive();
    assertThat(renderer.stats().skipped()).as("frames skipped").isPositive();
  }

  @Test
  void render_staticScene_drawsTheFirstFrameAndSkipsTheRest() {
    StreamState scene =
        state(
            color("bg", 0x203048FF).build(),
            rect("r", 10, 10, 100, 50, 0xFFFFFFFF).build(),
            clock("minutes", 600, 20, "HH:mm", style(20, 0xFFFFFFFF)).setAnchorX(1).build());
    FrameRenderer renderer = new FrameRenderer(new SceneRenderer(ReferenceScenes.assets()));

    byte[] first = renderer.render(scene, 0, pts(0)).clone();
    for (long frame = 1; frame < 30; frame++) {
      assertThat(renderer.render(scene, frame, pts(frame))).isEqualTo(first);
    }

    assertThat(
            new long[] {
              renderer.stats().whole(), renderer.stats().partial(), renderer.stats().skipped()
            })
        .containsExactly(1, 0, 29);
    assertThat(first).isEqualTo(fromScratch(scene, 0, pts(0)));
  }

  @Test
  void render_qualityOrSizeChanges_drawsTheWholeFrameAgain() {
    StreamState medium = ReferenceScenes.everyFeature(RenderQuality.RENDER_QUALITY_MEDIUM);
    StreamState low = ReferenceScenes.everyFeature(RenderQuality.RENDER_QUALITY_LOW);
    StreamState small =
        medium.toBuilder()
            .setConfig(medium.getConfig().toBuilder().setWidth(321).setHeight(181))
            .build();
    FrameRenderer renderer = new FrameRenderer(new SceneRenderer(ReferenceScenes.assets()));

    renderer.render(medium, 40, pts(40));
    byte[] lowFrame = renderer.render(low, 40, pts(40)).clone();
    byte[] smallFrame =
        java.util.Arrays.copyOf(renderer.render(small, 40, pts(40)), renderer.yuvLength());

    assertThat(lowFrame).isEqualTo(fromScratch(low, 40, pts(40)));
    assertThat(smallFrame).isEqualTo(fromScratch(small, 40, pts(40)));
    assertThat(renderer.stats().whole()).isEqualTo(3);
  }

  @Test
  void close_thenANewRenderer_reusesThePooledBuffersAndDrawsTheSameFrame() {
    FrameBuffers pool = new FrameBuffers();
    StreamState scene = moving(0);
    FrameRenderer first =
        new FrameRenderer(new SceneRenderer(ReferenceScenes.assets()), new FrameStats(), pool);
    first.render(scene, 3, pts(3));
    first.close();
    assertThat(pool.idle()).isEqualTo(1);

    FrameRenderer second =
        new FrameRenderer(new SceneRenderer(ReferenceScenes.assets()), new FrameStats(), pool);
    byte[] yuv = second.render(scene, 7, pts(7));

    assertThat(pool.idle()).isZero();
    assertThat(yuv).isEqualTo(fromScratch(scene, 7, pts(7)));
    assertThat(second.stats().whole()).isEqualTo(1);
  }

  @Test
  void render_movingSceneOnAnOddSizedFrame_equalsFramesDrawnFromScratch() {
    FrameRenderer renderer = new FrameRenderer(new SceneRenderer(ReferenceScenes.assets()));
    List<Long> differing = new ArrayList<>();
    for (long frame = 0; frame < 40; frame++) {
      StreamState odd = moving(frame / 10);
      odd =
          odd.toBuilder()
              .setConfig(odd.getConfig().toBuilder().setWidth(601).setHeight(337))
              .build();
      if (!java.util.Arrays.equals(
          renderer.render(odd, frame, pts(frame)), fromScratch(odd, frame, pts(frame)))) {
        differing.add(frame);
      }
    }

    assertThat(differing).isEmpty();
    assertThat(renderer.stats().partial()).isPositive();
  }
}
