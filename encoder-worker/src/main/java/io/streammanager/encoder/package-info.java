/**
 * encoder-worker: owns the output of the streams whose frame partitions it holds. Chunks are put
 * back together by the {@link io.streammanager.encoder.FrameAssembler}, ordered by frame number in
 * a {@link io.streammanager.encoder.ReorderBuffer} (a frame still missing at its deadline is
 * replaced by the previous one), and each run is encoded once by one {@link
 * io.streammanager.encoder.RunOutput} on its own thread and fanned out to every output of the
 * stream; {@link io.streammanager.encoder.OutputMetrics} turns each output's fate into metrics.
 */
package io.streammanager.encoder;
