package io.streammanager.render;

import static io.streammanager.render.ReferenceScenes.color;
import static io.streammanager.render.ReferenceScenes.rect;
import static io.streammanager.render.ReferenceScenes.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streammanager.proto.StreamState;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RenderMetricsTest {
  @Test
  void register_afterOneWholeAndTwoUnchangedFrames_reportsThemAndTheLayerTimes() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AssetCache assets = ReferenceScenes.assets();
    SceneRenderer scene = new SceneRenderer(assets);
    FrameStats stats = new FrameStats();
    RenderMetrics.register(registry, stats, scene, assets);
    FrameRenderer renderer = new FrameRenderer(scene, stats);
    StreamState s =
        state(color("bg", 0x000000FF).build(), rect("r", 10, 10, 20, 20, 0xFFFFFFFF).build());

    for (long frame = 0; frame < 3; frame++) {
      renderer.render(s, frame, ReferenceScenes.PTS);
    }

    assertThat(registry.get("sm_render_frames").tag("how", "whole").functionCounter().count())
        .isEqualTo(1);
    assertThat(registry.get("sm_render_frames").tag("how", "partial").functionCounter().count())
        .isZero();
    assertThat(registry.get("sm_render_frames").tag("how", "unchanged").functionCounter().count())
        .isEqualTo(2);
    assertThat(registry.get("sm_render_reuse_ratio").gauge().value()).isEqualTo(2 / 3.0);
    assertThat(registry.get("sm_render_layer").tag("type", "rect").functionTimer().count())
        .isEqualTo(2);
    assertThat(
            registry
                .get("sm_render_layer")
                .tag("type", "rect")
                .functionTimer()
                .totalTime(TimeUnit.NANOSECONDS))
        .isPositive();
    assertThat(registry.get("sm_render_layer").tag("type", "image").functionTimer().count())
        .isZero();
    assertThat(registry.get("sm_layer_sprite_cache_hit_ratio").gauge().value()).isZero();
    assertThat(registry.get("sm_asset_cache_hit_ratio").gauge().value()).isZero();
  }
}
