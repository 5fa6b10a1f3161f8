/**
 * Raw frames as they cross processes: the checksum the encoder records for every frame it airs and
 * anyone can compute again ({@link io.streammanager.kit.frames.FrameChecksum}), a frame cut into
 * LZ4 chunks for Kafka ({@link io.streammanager.kit.frames.FrameChunks}) and put back together
 * ({@link io.streammanager.kit.frames.ChunkAssembler}), and the patches that carry only the regions
 * a frame changes against its run's last whole-second frame ({@link
 * io.streammanager.kit.frames.FramePatches}).
 */
package io.streammanager.kit.frames;
