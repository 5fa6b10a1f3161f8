package io.streammanager.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.kit.frames.FramePatches;
import io.streammanager.proto.FrameTimes;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.Region;
import io.streammanager.proto.RunState;
import io.streammanager.proto.StreamState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A frame sent as a patch of its base frame is, once applied, byte for byte the frame drawn whole:
 * for every reference scene (every layer type, property, blend mode and quality, tweens and clocks
 * in motion), every frame of two seconds.
 */
class FrameDamageTest {
  private static final int FPS = 30;

  private static StreamState live(StreamState s) {
    return s.toBuilder()
        .setRun(
            RunState.newBuilder()
                .setRunning(true)
                .setRunId("r1")
                .setStartedAt(ProtoTime.of(ReferenceScenes.PTS)))
        .build();
  }

  private static Instant pts(long frame) {
    return FrameTimes.presentationTime(ReferenceScenes.PTS, FPS, frame);
  }

  @Test
  void patchOfTheBaseFrame_applied_isTheFrameDrawnWhole_forEveryReferenceScene() {
    for (Map.Entry<String, StreamState> scene : ReferenceScenes.all().entrySet()) {
      StreamState state = live(scene.getValue());
      int w = state.getConfig().getWidth();
      int h = state.getConfig().getHeight();
      FrameDamage damage = new FrameDamage(new SceneRenderer(ReferenceScenes.assets()));
      int patched = 0;
      byte[] base = null;
      for (long n = 0; n < 2 * FPS; n++) {
        byte[] whole = FrameRendererTest.fromScratch(state, n, pts(n));
        long k = FramePatches.baseOf(n, FPS);
        if (k == n) {
          base = whole;
          continue;
        }
        Optional<List<Region>> regions = damage.between(state, k, state, n, pts(n));
        if (regions.isEmpty()) {
          continue;
        }
        patched++;
        byte[] picture = base.clone();
        FramePatches.apply(
            FramePatches.extract(whole, w, h, regions.get()), regions.get(), w, h, picture);
        assertThat(picture)
            .as("%s frame %d patched from frame %d over %s", scene.getKey(), n, k, regions.get())
            .isEqualTo(whole);
      }
      assertThat(patched).as("%s: frames sent as patches", scene.getKey()).isPositive();
    }
  }

  @Test
  void between_aChangedStackingOrSize_isAWholeFrame() {
    StreamState a =
        live(
            ReferenceScenes.state(
                ReferenceScenes.color("bg", 0x000000FF).build(),
                ReferenceScenes.rect("a", 10, 10, 50, 50, 0xFF0000FF).build(),
                ReferenceScenes.rect("b", 30, 30, 50, 50, 0x00FF00FF).build()));
    StreamState swapped =
        a.toBuilder().setLayers(1, a.getLayers(1).toBuilder().setZIndex(5)).build();
    StreamState bigger =
        a.toBuilder().setConfig(a.getConfig().toBuilder().setWidth(1280).setHeight(720)).build();
    FrameDamage damage = new FrameDamage(new SceneRenderer(ReferenceScenes.assets()));

    assertThat(damage.between(a, 0, swapped, 3, pts(3))).isEmpty();
    assertThat(damage.between(a, 0, bigger, 3, pts(3))).isEmpty();
    assertThat(damage.between(a, 0, a, 3, pts(3))).as("nothing changed").contains(List.of());
  }

  @Test
  void between_aMovedRect_isWhereItWasAndWhereItIs_evenAligned() {
    StreamState before =
        live(
            ReferenceScenes.state(
                ReferenceScenes.color("bg", 0x000000FF).build(),
                ReferenceScenes.rect("box", 11, 21, 40, 30, 0xFF0000FF).build()));
    StreamState after =
        before.toBuilder().setLayers(1, before.getLayers(1).toBuilder().setX(301)).build();
    FrameDamage damage = new FrameDamage(new SceneRenderer(ReferenceScenes.assets()));

    List<Region> regions = damage.between(before, 0, after, 5, pts(5)).orElseThrow();

    assertThat(regions)
        .hasSize(2)
        .allSatisfy(
            r ->
                assertThat(r.getX() % 2 + r.getY() % 2 + r.getWidth() % 2 + r.getHeight() % 2)
                    .isZero());
    assertThat(regions.stream().mapToLong(r -> (long) r.getWidth() * r.getHeight()).sum())
        .as("two small rectangles, not the frame")
        .isLessThan(640L * 360 / 20);
  }
}
