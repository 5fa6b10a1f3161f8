package io.streammanager.render;

import com.google.protobuf.ByteString;
import io.streammanager.kit.frames.FramePatches;
import io.streammanager.proto.Compression;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.PixelFormat;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.Region;
import io.streammanager.proto.Tick;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Compresses a YUV frame (or a patch of one, {@link FramePatches}) with LZ4 and cuts it into chunks
 * that stay below the topic's record limit.
 */
public final class FrameChunker {
  /** Payload bytes per chunk: leaves room for the envelope under the 1 MiB record limit. */
  public static final int MAX_CHUNK_PAYLOAD = 960 * 1024;

  private final LZ4Compressor lz4 = LZ4Factory.fastestInstance().fastCompressor();
  private final int maxChunkPayload;
  private byte[] scratch = new byte[0];

  /** The compressed size of the last frame (its bytes are in {@link #scratch}), or -1. */
  private int lastCompressed = -1;

  private int lastRawSize = -1;

  /** What the last compressed payload was a patch of, or null for a whole frame. */
  private Patch lastPatch;

  public FrameChunker() {
    this(MAX_CHUNK_PAYLOAD);
  }

  FrameChunker(int maxChunkPayload) {
    this.maxChunkPayload = maxChunkPayload;
  }

  /** The chunks of one frame; not thread-safe (one chunker per rendering thread). */
  public List<FrameChunk> chunks(
      Tick tick,
      int width,
      int height,
      byte[] yuv,
      int yuvLength,
      String workerId,
      Instant renderedAt) {
    return chunks(tick, width, height, yuv, yuvLength, workerId, renderedAt, false);
  }

  /**
   * The chunks of one frame; with {@code sameAsLast} (the caller knows the bytes equal the previous
   * call's) the previous compressed payload is sent again without compressing.
   */
  public List<FrameChunk> chunks(
      Tick tick,
      int width,
      int height,
      byte[] yuv,
      int yuvLength,
      String workerId,
      Instant renderedAt,
      boolean sameAsLast) {
    int compressed;
    if (sameAsLast && lastCompressed >= 0 && lastRawSize == yuvLength && lastPatch == null) {
      compressed = lastCompressed;
    } else {
      compressed = compress(yuv, yuvLength);
      lastPatch = null;
    }
    return chunked(header(tick, width, height, yuvLength, workerId, renderedAt), compressed);
  }

  /**
   * The chunks of one frame sent as a patch of frame {@code baseFrame}: only the pixels of {@code
   * regions} (those where it differs from that frame), cut from the whole frame {@code yuv}. The
   * same patch as the previous call's (a frame equal to the one before it) is sent again without
   * compressing.
   */
  public List<FrameChunk> patchChunks(
      Tick tick,
      int width,
      int height,
      byte[] yuv,
      long baseFrame,
      List<Region> regions,
      String workerId,
      Instant renderedAt,
      boolean sameAsLast) {
    byte[] patch = FramePatches.extract(yuv, width, height, regions);
    Patch key = new Patch(baseFrame, regions);
    int compressed =
        sameAsLast && key.equals(lastPatch) && lastRawSize == patch.length
            ? lastCompressed
            : compress(patch, patch.length);
    lastPatch = key;
    FrameChunk.Builder header =
        header(tick, width, height, patch.length, workerId, renderedAt)
            .setBaseFrame(baseFrame)
            .addAllRegions(regions);
    if (patch.length == 0) {
      header.setCompression(Compression.COMPRESSION_NONE);
      compressed = 0;
    }
    return chunked(header, compressed);
  }

  private record Patch(long baseFrame, List<Region> regions) {}

  private int compress(byte[] raw, int length) {
    int bound = lz4.maxCompressedLength(length);
    if (scratch.length < bound) {
      scratch = new byte[bound];
    }
    lastCompressed = lz4.compress(raw, 0, length, scratch, 0, bound);
    lastRawSize = length;
    return lastCompressed;
  }

  private List<FrameChunk> chunked(FrameChunk.Builder header, int compressed) {
    int count = Math.max(1, (compressed + maxChunkPayload - 1) / maxChunkPayload);
    header.setChunkCount(count);
    List<FrameChunk> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int from = i * maxChunkPayload;
      int len = Math.max(0, Math.min(maxChunkPayload, compressed - from));
      out.add(header.setChunkIndex(i).setPayload(ByteString.copyFrom(scratch, from, len)).build());
    }
    return out;
  }

  private static FrameChunk.Builder header(
      Tick tick, int width, int height, int rawSize, String workerId, Instant renderedAt) {
    FrameChunk.Builder header =
        FrameChunk.newBuilder()
            .setStreamId(tick.getStreamId())
            .setRunId(tick.getRunId())
            .setFrame(tick.getFrame())
            .setStateVersion(tick.getStateVersion())
            .setPixelFormat(PixelFormat.PIXEL_FORMAT_YUV420P)
            .setWidth(width)
            .setHeight(height)
            .setCompression(Compression.COMPRESSION_LZ4)
            .setRawSize(rawSize)
            .setWorkerId(workerId)
            .setRenderedAt(ProtoTime.of(renderedAt))
            .setCommandId(tick.getCommandId());
    // Latency tracing: the newest command in this version, when it was accepted and applied, and
    // the tick's time.
    if (tick.hasEmittedAt()) {
      header.setTickEmittedAt(tick.getEmittedAt());
    }
    if (tick.hasCommandIssuedAt()) {
      header.setCommandIssuedAt(tick.getCommandIssuedAt());
    }
    if (tick.hasStateAppliedAt()) {
      header.setStateAppliedAt(tick.getStateAppliedAt());
    }
    return header;
  }

  /** The marker that closes a run: no pixels. */
  public static FrameChunk endOfStream(Tick tick, String workerId, Instant at) {
    return FrameChunk.newBuilder()
        .setStreamId(tick.getStreamId())
        .setRunId(tick.getRunId())
        .setFrame(tick.getFrame())
        .setStateVersion(tick.getStateVersion())
        .setChunkCount(1)
        .setChunkIndex(0)
        .setEndOfStream(true)
        .setWorkerId(workerId)
        .setRenderedAt(ProtoTime.of(at))
        .build();
  }
}
