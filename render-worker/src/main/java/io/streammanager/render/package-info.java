/**
 * render-worker: turns ticks into frames. Per tick it loads the snapshot of exactly the tick's state version
 * ({@link io.streammanager.render.SnapshotCache}), draws it ({@link io.streammanager.render.SceneRenderer}), converts
 * it to YUV420P ({@link io.streammanager.render.YuvConverter}), compresses and cuts it into chunks
 * ({@link io.streammanager.render.FrameChunker}) and publishes them keyed by stream. Same snapshot + frame number =
 * same bytes, on any worker.
 */
package io.streammanager.render;
