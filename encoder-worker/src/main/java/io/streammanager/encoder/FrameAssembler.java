package io.streammanager.encoder;

import io.streammanager.kit.frames.FrameChunks;
import io.streammanager.kit.kafka.RecordRejectedException;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.RunIds;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

/**
 * Puts the chunks of each frame back together and decompresses it. Chunks of one frame arrive in
 * order on one partition, but frames may interleave; a frame left incomplete for {@code maxPending}
 * newer frames is discarded. Not thread-safe (the consumer thread owns it).
 */
public final class FrameAssembler {
  private final LZ4FastDecompressor lz4 = LZ4Factory.fastestInstance().fastDecompressor();
  private final int maxPending;
  private final Map<String, Pending> pending = new HashMap<>();
  private long discarded;

  private static final class Pending {
    final FrameChunk first;
    final byte[][] parts;
    int received;

    Pending(FrameChunk first) {
      this.first = first;
      this.parts = new byte[first.getChunkCount()][];
    }
  }

  public FrameAssembler(int maxPending) {
    this.maxPending = maxPending;
  }

  /** The whole frame once its last chunk arrived; rejects chunks that cannot be a frame. */
  public Optional<RawFrame> accept(FrameChunk c) {
    FrameChunks.check(c, "this encoder");
    String key = c.getStreamId() + "\n" + c.getRunId() + "\n" + c.getFrame();
    Pending p = pending.get(key);
    if (p == null) {
      p = new Pending(c);
      pending.put(key, p);
      evictOld(c);
    }
    if (c.getChunkCount() != p.parts.length) {
      throw new RecordRejectedException(
          "chunk "
              + c.getChunkIndex()
              + " of frame "
              + c.getFrame()
              + " says "
              + c.getChunkCount()
              + " chunks, earlier chunks said "
              + p.parts.length);
    }
    if (p.parts[c.getChunkIndex()] == null) {
      p.parts[c.getChunkIndex()] = c.getPayload().toByteArray();
      p.received++;
    }
    if (p.received < p.parts.length) {
      return Optional.empty();
    }
    pending.remove(key);
    return Optional.of(decode(p));
  }

  public long discarded() {
    return discarded;
  }

  private RawFrame decode(Pending p) {
    FrameChunk f = p.first;
    byte[] yuv = FrameChunks.yuv(f, p.parts, lz4, f.getStreamId());
    return new RawFrame(
        f.getStreamId(),
        f.getRunId(),
        f.getFrame(),
        f.getStateVersion(),
        f.getWidth(),
        f.getHeight(),
        yuv,
        FrameTrace.of(f),
        f.hasBaseFrame() ? f.getBaseFrame() : -1,
        f.getRegionsList());
  }

  private void evictOld(FrameChunk newest) {
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      FrameChunk f = it.next().first;
      boolean sameRun = f.getRunId().equals(newest.getRunId());
      if (f.getStreamId().equals(newest.getStreamId())
          && (sameRun
              ? newest.getFrame() - f.getFrame() > maxPending
              : RunIds.isNewer(newest.getRunId(), f.getRunId()))) {
        it.remove();
        discarded++;
      }
    }
  }
}
