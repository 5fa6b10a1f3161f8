/**
 * {@code ./stream-manager bench render}: the reference bench scene ({@link
 * io.streammanager.render.bench.BenchScene}) rendered by the render worker's {@link
 * io.streammanager.render.FrameRenderer} and composed by Debian's FFmpeg with an overlay/drawtext
 * graph ({@link io.streammanager.render.bench.FfmpegOverlayGraph}), timed in one run ({@link
 * io.streammanager.render.bench.RenderBench}). The figures and the machine are in {@code
 * docs/benchmarks.md}.
 */
package io.streammanager.render.bench;
