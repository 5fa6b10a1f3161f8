/**
 * render-worker: turns ticks into frames. Per tick it loads the snapshot of exactly the tick's
 * state version ({@link io.streammanager.render.SnapshotCache}), draws it at the tick's frame
 * number and presentation time ({@link io.streammanager.render.SceneRenderer}: tweens, geometry,
 * crop, blend modes; shapes, text with the shipped {@link io.streammanager.render.Fonts}, clocks
 * and pictures; Java2D rasterises into cached sprites, {@link
 * io.streammanager.render.LayerSprites}, composed in integer arithmetic with the Vector API where
 * the JVM has it), reusing the previous frame's work ({@link
 * io.streammanager.render.FrameRenderer}: unchanged frames, a static base, dirty areas), converts
 * it to YUV420P ({@link io.streammanager.render.YuvConverter}), compresses and cuts it into chunks
 * ({@link io.streammanager.render.FrameChunker}) and publishes them keyed by stream. Same snapshot
 * + frame number + quality = same bytes, on any worker, with or without the Vector API.
 */
package io.streammanager.render;
