/**
 * encoder-worker: owns the output of the streams whose frame partitions it holds. Chunks are put back together by
 * the {@link io.streammanager.encoder.FrameAssembler}, ordered by frame number in a
 * {@link io.streammanager.encoder.ReorderBuffer} (a frame still missing at its deadline is replaced by the previous
 * one), and each run is encoded by one {@link io.streammanager.encoder.RunOutput} on its own thread.
 */
package io.streammanager.encoder;
