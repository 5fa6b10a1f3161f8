package io.streammanager.kit.frames;

import io.streammanager.kit.kafka.RecordRejectedException;
import io.streammanager.proto.Compression;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.PixelFormat;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4FastDecompressor;

/**
 * What every reader of frame chunks does alike, whatever it keeps pending (the live encoder's
 * {@code FrameAssembler}, the render jobs' {@link ChunkAssembler}): refuse a chunk that cannot be
 * part of a YUV420P frame, and turn a frame's chunks back into its raw bytes. Refusals are {@link
 * RecordRejectedException}s (dead letters).
 */
public final class FrameChunks {
  private FrameChunks() {}

  /**
   * Refuses a chunk whose pixel format, compression, index or size cannot be a frame.
   *
   * @param reader who reads it, for the message about an unsupported compression (e.g. "this
   *     encoder")
   */
  public static void check(FrameChunk c, String reader) {
    if (c.getPixelFormat() != PixelFormat.PIXEL_FORMAT_YUV420P) {
      throw new RecordRejectedException("unsupported pixel format " + c.getPixelFormat());
    }
    if (c.getCompression() == Compression.COMPRESSION_ZSTD) {
      throw new RecordRejectedException("zstd frames are not supported by " + reader);
    }
    if (c.getChunkCount() < 1 || c.getChunkIndex() >= c.getChunkCount()) {
      throw new RecordRejectedException(
          "chunk index " + c.getChunkIndex() + " of " + c.getChunkCount());
    }
    if (c.hasBaseFrame()) {
      FramePatches.check(c);
      return;
    }
    long expected =
        (long) c.getWidth() * c.getHeight()
            + 2L * ((c.getWidth() + 1) / 2) * ((c.getHeight() + 1) / 2);
    if (c.getWidth() == 0 || c.getHeight() == 0 || c.getRawSize() != expected) {
      throw new RecordRejectedException(
          "frame "
              + c.getFrame()
              + ": "
              + c.getWidth()
              + "x"
              + c.getHeight()
              + " YUV420P needs "
              + expected
              + " bytes, chunk says "
              + c.getRawSize());
    }
  }

  /**
   * The raw bytes of a frame from all its chunk payloads, in index order: the whole YUV420P frame,
   * or for a patch ({@link FrameChunk#hasBaseFrame}) the patch bytes ({@link FramePatches}).
   *
   * @param first any chunk of the frame (its compression and raw size)
   * @param of whose frame, for messages (a stream id, or "job &lt;id&gt;")
   */
  public static byte[] yuv(FrameChunk first, byte[][] parts, LZ4FastDecompressor lz4, String of) {
    int total = 0;
    for (byte[] p : parts) {
      total += p.length;
    }
    byte[] joined = new byte[total];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, joined, at, p.length);
      at += p.length;
    }
    if (first.getCompression() == Compression.COMPRESSION_NONE) {
      if (joined.length != first.getRawSize()) {
        throw new RecordRejectedException(
            "frame "
                + first.getFrame()
                + " of "
                + of
                + " has "
                + joined.length
                + " bytes, raw_size says "
                + first.getRawSize());
      }
      return joined;
    }
    byte[] yuv = new byte[first.getRawSize()];
    try {
      lz4.decompress(joined, 0, yuv, 0, first.getRawSize());
    } catch (LZ4Exception e) {
      throw new RecordRejectedException(
          "frame " + first.getFrame() + " of " + of + " does not decompress: " + e.getMessage(), e);
    }
    return yuv;
  }
}
