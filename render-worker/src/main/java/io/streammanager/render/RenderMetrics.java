package io.streammanager.render;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.streammanager.proto.Layer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The renderer's own meters, read from its counters at scrape time (nothing is recorded per frame
 * here): {@code sm_render_frames_total{how}} (whole, partial, unchanged), {@code
 * sm_render_reuse_ratio}, {@code sm_render_layer_seconds{type}} (time measuring and drawing layers,
 * by layer type), {@code sm_layer_sprite_cache_hit_ratio} and {@code sm_asset_cache_hit_ratio}.
 * Listed in {@code docs/metrics.md}.
 */
final class RenderMetrics {
  private RenderMetrics() {}

  static void register(
      MeterRegistry registry, FrameStats frames, SceneRenderer scene, AssetCache assets) {
    LayerTimes layers = scene.times();
    FunctionCounter.builder("sm_render_frames", frames, FrameStats::whole)
        .tag("how", "whole")
        .description("frames drawn whole (from the static base or a new one)")
        .register(registry);
    FunctionCounter.builder("sm_render_frames", frames, FrameStats::partial)
        .tag("how", "partial")
        .description("frames drawn only in the areas that changed")
        .register(registry);
    FunctionCounter.builder("sm_render_frames", frames, FrameStats::skipped)
        .tag("how", "unchanged")
        .description(
            "frames equal to the previous one by construction: not drawn, not compressed again")
        .register(registry);
    Gauge.builder("sm_render_reuse_ratio", frames, FrameStats::reuseRatio)
        .description("share of frames drawn in part or not at all")
        .register(registry);
    for (Layer.KindCase kind : Layer.KindCase.values()) {
      if (kind == Layer.KindCase.KIND_NOT_SET || kind == Layer.KindCase.AUDIO) {
        continue;
      }
      FunctionTimer.builder(
              "sm_render_layer",
              layers,
              l -> l.count(kind),
              l -> l.nanos(kind),
              TimeUnit.NANOSECONDS)
          .tag("type", kind.name().toLowerCase(Locale.ROOT))
          .description(
              "time measuring and drawing layers of a type (count = measure and draw steps)")
          .register(registry);
    }
    Gauge.builder("sm_layer_sprite_cache_hit_ratio", scene, SceneRenderer::spriteHitRatio)
        .description("share of Java2D-drawn layers whose rasterised sprite was cached")
        .register(registry);
    Gauge.builder("sm_asset_cache_hit_ratio", assets, AssetCache::hitRatio)
        .description("share of picture look-ups answered from the decoded-picture cache")
        .register(registry);
  }
}
