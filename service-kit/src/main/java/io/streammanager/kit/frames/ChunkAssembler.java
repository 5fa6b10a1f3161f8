package io.streammanager.kit.frames;

import io.streammanager.kit.kafka.RecordRejectedException;
import io.streammanager.proto.FrameChunk;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

/**
 * Puts the chunks of render-job frames back together ({@link FrameChunk}s of one job and frame, in
 * any order) and decompresses them to the raw YUV420P bytes. At most {@code maxPending} frames wait
 * for their other chunks; beyond that the oldest is given up. Chunks that cannot be a frame are
 * rejected (dead letters). Not thread-safe (the consumer thread owns it).
 */
public final class ChunkAssembler {
  /** A whole frame: its first chunk (stream, run, frame, version, size) and its raw bytes. */
  public record Assembled(FrameChunk header, byte[] yuv) {}

  private final LZ4FastDecompressor lz4 = LZ4Factory.fastestInstance().fastDecompressor();
  private final Map<String, byte[][]> pending;
  private final Map<String, FrameChunk> headers = new LinkedHashMap<>();

  public ChunkAssembler(int maxPending) {
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be at least 1, was " + maxPending);
    }
    this.pending =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, byte[][]> eldest) {
            if (size() > maxPending) {
              headers.remove(eldest.getKey());
              return true;
            }
            return false;
          }
        };
  }

  /** The whole frame once its last chunk arrived. */
  public Optional<Assembled> accept(FrameChunk c) {
    FrameChunks.check(c, "this reader");
    String key = c.getJobId() + "\n" + c.getStreamId() + "\n" + c.getRunId() + "\n" + c.getFrame();
    byte[][] parts = pending.get(key);
    if (parts == null) {
      parts = new byte[c.getChunkCount()][];
      headers.put(key, c);
      pending.put(key, parts);
    }
    if (parts.length != c.getChunkCount()) {
      throw new RecordRejectedException(
          "chunk "
              + c.getChunkIndex()
              + " of frame "
              + c.getFrame()
              + " says "
              + c.getChunkCount()
              + " chunks, earlier chunks said "
              + parts.length);
    }
    parts[c.getChunkIndex()] = c.getPayload().toByteArray();
    for (byte[] p : parts) {
      if (p == null) {
        return Optional.empty();
      }
    }
    pending.remove(key);
    FrameChunk header = headers.remove(key);
    return Optional.of(
        new Assembled(header, FrameChunks.yuv(header, parts, lz4, "job " + header.getJobId())));
  }
}
