package io.streammanager.render;

import com.google.protobuf.ByteString;
import io.streammanager.proto.Compression;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.PixelFormat;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.Tick;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/** Compresses a YUV frame with LZ4 and cuts it into chunks that stay below the topic's record limit. */
public final class FrameChunker {
  /** Payload bytes per chunk: leaves room for the envelope under the 1 MiB record limit. */
  public static final int MAX_CHUNK_PAYLOAD = 960 * 1024;
  private final LZ4Compressor lz4 = LZ4Factory.fastestInstance().fastCompressor();
  private final int maxChunkPayload;
  private byte[] scratch = new byte[0];
  /** The compressed size of the last frame (its bytes are in {@link #scratch}), or -1. */
  private int lastCompressed = -1;
  private int lastRawSize = -1;

  public FrameChunker() {
    this(MAX_CHUNK_PAYLOAD);
  }

  FrameChunker(int maxChunkPayload) {
    this.maxChunkPayload = maxChunkPayload;
  }

  /** The chunks of one frame; not thread-safe (one chunker per rendering thread). */
  public List<FrameChunk> chunks(Tick tick, int width, int height, byte[] yuv, int yuvLength, String workerId,
      Instant renderedAt) {
    return chunks(tick, width, height, yuv, yuvLength, workerId, renderedAt, false);
  }

  /**
   * The chunks of one frame; with {@code sameAsLast} (the caller knows the bytes equal the previous call's) the
   * previous compressed payload is sent again without compressing.
   */
  public List<FrameChunk> chunks(Tick tick, int width, int height, byte[] yuv, int yuvLength, String workerId,
      Instant renderedAt, boolean sameAsLast) {
    int compressed;
    if (sameAsLast && lastCompressed >= 0 && lastRawSize == yuvLength) {
      compressed = lastCompressed;
    } else {
      int bound = lz4.maxCompressedLength(yuvLength);
      if (scratch.length < bound) {
        scratch = new byte[bound];
      }
      compressed = lz4.compress(yuv, 0, yuvLength, scratch, 0, bound);
      lastCompressed = compressed;
      lastRawSize = yuvLength;
    }
    int count = Math.max(1, (compressed + maxChunkPayload - 1) / maxChunkPayload);
    List<FrameChunk> out = new ArrayList<>(count);
    FrameChunk.Builder header = FrameChunk.newBuilder().setStreamId(tick.getStreamId()).setRunId(tick.getRunId())
        .setFrame(tick.getFrame()).setStateVersion(tick.getStateVersion()).setChunkCount(count)
        .setPixelFormat(PixelFormat.PIXEL_FORMAT_YUV420P).setWidth(width).setHeight(height)
        .setCompression(Compression.COMPRESSION_LZ4).setRawSize(yuvLength).setWorkerId(workerId)
        .setRenderedAt(ProtoTime.of(renderedAt)).setCommandId(tick.getCommandId());
    // Latency tracing: the newest command in this version, when it was accepted and applied, and the tick's time.
    if (tick.hasEmittedAt()) {
      header.setTickEmittedAt(tick.getEmittedAt());
    }
    if (tick.hasCommandIssuedAt()) {
      header.setCommandIssuedAt(tick.getCommandIssuedAt());
    }
    if (tick.hasStateAppliedAt()) {
      header.setStateAppliedAt(tick.getStateAppliedAt());
    }
    for (int i = 0; i < count; i++) {
      int from = i * maxChunkPayload;
      int len = Math.min(maxChunkPayload, compressed - from);
      out.add(header.setChunkIndex(i).setPayload(ByteString.copyFrom(scratch, from, len)).build());
    }
    return out;
  }

  /** The marker that closes a run: no pixels. */
  public static FrameChunk endOfStream(Tick tick, String workerId, Instant at) {
    return FrameChunk.newBuilder().setStreamId(tick.getStreamId()).setRunId(tick.getRunId())
        .setFrame(tick.getFrame()).setStateVersion(tick.getStateVersion()).setChunkCount(1).setChunkIndex(0)
        .setEndOfStream(true).setWorkerId(workerId).setRenderedAt(ProtoTime.of(at)).build();
  }
}
