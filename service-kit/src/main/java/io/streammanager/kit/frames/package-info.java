/**
 * Raw frames as they cross processes: the checksum the encoder records for every frame it airs and
 * anyone can compute again ({@link io.streammanager.kit.frames.FrameChecksum}), and putting a
 * frame's LZ4 chunks back together ({@link io.streammanager.kit.frames.ChunkAssembler}).
 */
package io.streammanager.kit.frames;
