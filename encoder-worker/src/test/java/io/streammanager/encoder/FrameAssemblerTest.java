package io.streammanager.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.streammanager.kit.kafka.RecordRejectedException;
import io.streammanager.proto.Compression;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.PixelFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

class FrameAssemblerTest {
  private static final int W = 8;
  private static final int H = 6;

  /** Y 8*6 + U and V 4*3 each. */
  private static final int RAW = 72;

  private final FrameAssembler assembler = new FrameAssembler(4);

  private static byte[] frameBytes(int length, long seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  /**
   * The chunks of one frame, built as the render worker builds them: LZ4 of the frame, cut in
   * {@code count}.
   */
  private static List<FrameChunk> chunks(
      String stream, String run, long frame, byte[] yuv, int width, int height, int count) {
    byte[] compressed = LZ4Factory.fastestInstance().fastCompressor().compress(yuv);
    int per = (compressed.length + count - 1) / count;
    List<FrameChunk> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int from = Math.min(i * per, compressed.length);
      int to = Math.min(from + per, compressed.length);
      out.add(
          FrameChunk.newBuilder()
              .setStreamId(stream)
              .setRunId(run)
              .setFrame(frame)
              .setStateVersion(9)
              .setChunkIndex(i)
              .setChunkCount(count)
              .setPixelFormat(PixelFormat.PIXEL_FORMAT_YUV420P)
              .setWidth(width)
              .setHeight(height)
              .setCompression(Compression.COMPRESSION_LZ4)
              .setRawSize(yuv.length)
              .setPayload(ByteString.copyFrom(compressed, from, to - from))
              .setWorkerId("render-1")
              .build());
    }
    return out;
  }

  private static List<FrameChunk> chunks(long frame, byte[] yuv, int count) {
    return chunks("show", "r1", frame, yuv, W, H, count);
  }

  private static void assertFrame(Optional<RawFrame> actual, RawFrame expected) {
    assertThat(actual)
        .hasValueSatisfying(f -> assertThat(f).usingRecursiveComparison().isEqualTo(expected));
  }

  @Test
  void accept_singleChunkFrame_givesTheDecompressedFrame() {
    byte[] yuv = frameBytes(RAW, 1);

    Optional<RawFrame> frame = assembler.accept(chunks(5, yuv, 1).get(0));

    assertFrame(frame, new RawFrame("show", "r1", 5, 9, W, H, yuv));
  }

  @Test
  void accept_threeChunks_givesTheFrameOnlyWithTheLast() {
    byte[] yuv = frameBytes(RAW, 1);
    List<FrameChunk> parts = chunks(5, yuv, 3);

    List<Boolean> done =
        List.of(
            assembler.accept(parts.get(0)).isPresent(), assembler.accept(parts.get(1)).isPresent());
    Optional<RawFrame> frame = assembler.accept(parts.get(2));

    assertThat(done).containsExactly(false, false);
    assertFrame(frame, new RawFrame("show", "r1", 5, 9, W, H, yuv));
  }

  @Test
  void accept_chunksOfTwoFramesInterleaved_givesBothFrames() {
    byte[] a = frameBytes(RAW, 1);
    byte[] b = frameBytes(RAW, 2);
    List<FrameChunk> pa = chunks(5, a, 2);
    List<FrameChunk> pb = chunks(6, b, 2);

    assertThat(assembler.accept(pa.get(0))).isEmpty();
    assertThat(assembler.accept(pb.get(0))).isEmpty();
    Optional<RawFrame> first = assembler.accept(pb.get(1));
    Optional<RawFrame> second = assembler.accept(pa.get(1));

    assertFrame(first, new RawFrame("show", "r1", 6, 9, W, H, b));
    assertFrame(second, new RawFrame("show", "r1", 5, 9, W, H, a));
    assertThat(assembler.discarded()).isZero();
  }

  @Test
  void accept_chunksOfOneFrameOutOfOrder_stillGivesTheFrame() {
    byte[] yuv = frameBytes(RAW, 3);
    List<FrameChunk> parts = chunks(5, yuv, 3);

    assembler.accept(parts.get(2));
    assembler.accept(parts.get(0));

    assertFrame(assembler.accept(parts.get(1)), new RawFrame("show", "r1", 5, 9, W, H, yuv));
  }

  @Test
  void accept_sameChunkTwice_countsItOnce() {
    byte[] yuv = frameBytes(RAW, 3);
    List<FrameChunk> parts = chunks(5, yuv, 2);

    assertThat(assembler.accept(parts.get(0))).isEmpty();
    assertThat(assembler.accept(parts.get(0))).isEmpty();

    assertFrame(assembler.accept(parts.get(1)), new RawFrame("show", "r1", 5, 9, W, H, yuv));
  }

  @Test
  void accept_oddSizeFrame_givesTheFrame() {
    byte[] yuv = frameBytes(27, 4);

    Optional<RawFrame> frame = assembler.accept(chunks("show", "r1", 0, yuv, 5, 3, 2).get(0));
    Optional<RawFrame> whole =
        frame.isPresent() ? frame : assembler.accept(chunks("show", "r1", 0, yuv, 5, 3, 2).get(1));

    assertFrame(whole, new RawFrame("show", "r1", 0, 9, 5, 3, yuv));
  }

  @Test
  void accept_flatFrame_decompressesToTheSameBytes() {
    byte[] yuv = new byte[RAW];
    Arrays.fill(yuv, (byte) 16);

    assertFrame(
        assembler.accept(chunks(1, yuv, 1).get(0)), new RawFrame("show", "r1", 1, 9, W, H, yuv));
  }

  @Test
  void accept_uncompressedFrame_takesThePayloadAsIs() {
    byte[] yuv = frameBytes(RAW, 5);
    FrameChunk chunk =
        chunks(1, yuv, 1).get(0).toBuilder()
            .setCompression(Compression.COMPRESSION_NONE)
            .setPayload(ByteString.copyFrom(yuv))
            .build();

    assertFrame(assembler.accept(chunk), new RawFrame("show", "r1", 1, 9, W, H, yuv));
  }

  @Test
  void accept_rawSizeNotTheYuvSizeOfTheDimensions_isRejected() {
    FrameChunk chunk =
        chunks(5, frameBytes(RAW, 1), 1).get(0).toBuilder().setRawSize(RAW - 1).build();

    assertThatThrownBy(() -> assembler.accept(chunk))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage("frame 5: 8x6 YUV420P needs 72 bytes, chunk says 71");
  }

  @Test
  void accept_zeroWidth_isRejected() {
    FrameChunk chunk =
        chunks(5, frameBytes(RAW, 1), 1).get(0).toBuilder().setWidth(0).setRawSize(0).build();

    assertThatThrownBy(() -> assembler.accept(chunk))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage("frame 5: 0x6 YUV420P needs 0 bytes, chunk says 0");
  }

  @Test
  void accept_chunkIndexNotBelowTheCount_isRejected() {
    FrameChunk chunk = chunks(5, frameBytes(RAW, 1), 3).get(0).toBuilder().setChunkIndex(3).build();

    assertThatThrownBy(() -> assembler.accept(chunk))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage("chunk index 3 of 3");
  }

  @Test
  void accept_chunkCountDifferentFromEarlierChunks_isRejected() {
    List<FrameChunk> parts = chunks(5, frameBytes(RAW, 1), 3);
    assembler.accept(parts.get(0));
    FrameChunk odd = parts.get(1).toBuilder().setChunkCount(4).build();

    assertThatThrownBy(() -> assembler.accept(odd))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage("chunk 1 of frame 5 says 4 chunks, earlier chunks said 3");
  }

  @Test
  void accept_unspecifiedPixelFormat_isRejected() {
    FrameChunk chunk =
        chunks(5, frameBytes(RAW, 1), 1).get(0).toBuilder()
            .setPixelFormat(PixelFormat.PIXEL_FORMAT_UNSPECIFIED)
            .build();

    assertThatThrownBy(() -> assembler.accept(chunk))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage("unsupported pixel format PIXEL_FORMAT_UNSPECIFIED");
  }

  @Test
  void accept_zstdFrame_isRejected() {
    FrameChunk chunk =
        chunks(5, frameBytes(RAW, 1), 1).get(0).toBuilder()
            .setCompression(Compression.COMPRESSION_ZSTD)
            .build();

    assertThatThrownBy(() -> assembler.accept(chunk))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage("zstd frames are not supported by this encoder");
  }

  @Test
  void accept_truncatedLz4Payload_isRejected() {
    FrameChunk whole = chunks(5, frameBytes(RAW, 1), 1).get(0);
    FrameChunk cut =
        whole.toBuilder()
            .setPayload(whole.getPayload().substring(0, whole.getPayload().size() / 2))
            .build();

    assertThatThrownBy(() -> assembler.accept(cut))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageStartingWith("frame 5 of show does not decompress: ");
  }

  @Test
  void accept_firstChunkOfANewRun_discardsTheOldRunsIncompleteFrames() {
    List<FrameChunk> old = chunks("show", "r1", 7, frameBytes(RAW, 1), W, H, 2);
    assembler.accept(old.get(0));

    assembler.accept(chunks("show", "r2", 0, frameBytes(RAW, 2), W, H, 2).get(0));

    assertThat(assembler.discarded()).isEqualTo(1);
  }

  @Test
  void accept_frameMoreThanMaxPendingNewer_discardsTheOldIncompleteFrame() {
    List<FrameChunk> stuck = chunks(1, frameBytes(RAW, 1), 2);
    assembler.accept(stuck.get(0));
    assembler.accept(chunks(5, frameBytes(RAW, 2), 2).get(0));
    assertThat(assembler.discarded()).isZero();

    assembler.accept(chunks(6, frameBytes(RAW, 3), 2).get(0));

    assertThat(assembler.discarded()).isEqualTo(1);
    assertThat(assembler.accept(stuck.get(1))).isEmpty();
  }

  @Test
  void accept_otherStreamsNewerFrames_doNotDiscardThisStreamsPendingFrame() {
    byte[] yuv = frameBytes(RAW, 1);
    List<FrameChunk> mine = chunks("show", "r1", 1, yuv, W, H, 2);
    assembler.accept(mine.get(0));

    assembler.accept(chunks("other", "o1", 500, frameBytes(RAW, 2), W, H, 2).get(0));

    assertFrame(assembler.accept(mine.get(1)), new RawFrame("show", "r1", 1, 9, W, H, yuv));
    assertThat(assembler.discarded()).isZero();
  }

  @Test
  void accept_uncompressedPayloadShorterThanRawSize_isRejected() {
    FrameChunk chunk =
        chunks(1, frameBytes(RAW, 5), 1).get(0).toBuilder()
            .setCompression(Compression.COMPRESSION_NONE)
            .setPayload(ByteString.copyFrom(new byte[RAW - 10]))
            .build();

    assertThatThrownBy(() -> assembler.accept(chunk)).isInstanceOf(RecordRejectedException.class);
  }
}
