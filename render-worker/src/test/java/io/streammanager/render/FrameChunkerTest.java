package io.streammanager.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.streammanager.proto.Compression;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.PixelFormat;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.Tick;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

class FrameChunkerTest {
  private static final Instant AT = Instant.parse("2026-03-01T12:00:01.5Z");
  private static final Tick TICK =
      Tick.newBuilder().setStreamId("show").setRunId("r1").setFrame(42).setStateVersion(7).build();
  private static final int W = 64;
  private static final int H = 36;

  private static byte[] noise(int length, long seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] payloads(List<FrameChunk> chunks) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    chunks.forEach(c -> all.writeBytes(c.getPayload().toByteArray()));
    return all.toByteArray();
  }

  private static byte[] decompress(List<FrameChunk> chunks) {
    return LZ4Factory.fastestInstance()
        .safeDecompressor()
        .decompress(payloads(chunks), chunks.get(0).getRawSize());
  }

  @Test
  void chunks_incompressibleFrameWithSmallChunks_cutsFullChunksThenTheRest() {
    byte[] yuv = noise(YuvConverter.frameSize(W, H), 1);

    List<FrameChunk> chunks = new FrameChunker(1000).chunks(TICK, W, H, yuv, yuv.length, "w1", AT);

    int compressed = payloads(chunks).length;
    int count = (compressed + 999) / 1000;
    assertThat(compressed).isGreaterThan(3000);
    assertThat(chunks)
        .extracting(c -> c.getPayload().size())
        .containsExactlyElementsOf(
            IntStream.range(0, count)
                .map(i -> i < count - 1 ? 1000 : compressed - 1000 * (count - 1))
                .boxed()
                .toList());
  }

  @Test
  void chunks_eachChunk_carriesTheFrameHeaderItsIndexAndTheCount() {
    byte[] yuv = noise(YuvConverter.frameSize(W, H), 1);

    List<FrameChunk> chunks = new FrameChunker(1000).chunks(TICK, W, H, yuv, yuv.length, "w1", AT);

    FrameChunk.Builder header =
        FrameChunk.newBuilder()
            .setStreamId("show")
            .setRunId("r1")
            .setFrame(42)
            .setStateVersion(7)
            .setChunkCount(chunks.size())
            .setPixelFormat(PixelFormat.PIXEL_FORMAT_YUV420P)
            .setWidth(W)
            .setHeight(H)
            .setCompression(Compression.COMPRESSION_LZ4)
            .setRawSize(3456)
            .setWorkerId("w1")
            .setRenderedAt(ProtoTime.of(AT));
    assertThat(chunks)
        .extracting(c -> c.toBuilder().clearPayload().build())
        .containsExactlyElementsOf(
            IntStream.range(0, chunks.size())
                .mapToObj(i -> header.clone().setChunkIndex(i).build())
                .toList());
  }

  @Test
  void chunks_concatenatedPayloads_decompressToTheFrame() {
    byte[] yuv = noise(YuvConverter.frameSize(W, H), 1);

    List<FrameChunk> chunks = new FrameChunker(1000).chunks(TICK, W, H, yuv, yuv.length, "w1", AT);

    assertThat(decompress(chunks)).isEqualTo(yuv);
  }

  @Test
  void chunks_flatFullHdFrameWithDefaultLimit_isOneChunkThatDecompresses() {
    byte[] yuv = new byte[YuvConverter.frameSize(1920, 1080)];
    Arrays.fill(yuv, (byte) 16);

    List<FrameChunk> chunks =
        new FrameChunker().chunks(TICK, 1920, 1080, yuv, yuv.length, "w1", AT);

    assertThat(chunks)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getChunkIndex()).isZero();
              assertThat(c.getChunkCount()).isEqualTo(1);
              assertThat(c.getRawSize()).isEqualTo(3_110_400);
            });
    assertThat(decompress(chunks)).isEqualTo(yuv);
  }

  @Test
  void chunks_bufferLongerThanTheFrame_sendsOnlyTheFrameBytes() {
    byte[] frame = noise(YuvConverter.frameSize(W, H), 2);
    byte[] buffer = Arrays.copyOf(frame, frame.length + 500);
    Arrays.fill(buffer, frame.length, buffer.length, (byte) 0x7F);

    List<FrameChunk> chunks =
        new FrameChunker(1000).chunks(TICK, W, H, buffer, frame.length, "w1", AT);

    assertThat(chunks.get(0).getRawSize()).isEqualTo(frame.length);
    assertThat(decompress(chunks)).isEqualTo(frame);
  }

  @Test
  void chunks_secondFrameOnTheSameChunker_leavesTheFirstFramesChunksIntact() {
    FrameChunker chunker = new FrameChunker(1000);
    byte[] first = noise(YuvConverter.frameSize(W, H), 3);
    List<FrameChunk> firstChunks = chunker.chunks(TICK, W, H, first, first.length, "w1", AT);

    byte[] second = noise(YuvConverter.frameSize(W * 2, H * 2), 4);
    List<FrameChunk> secondChunks =
        chunker.chunks(
            TICK.toBuilder().setFrame(43).build(), W * 2, H * 2, second, second.length, "w1", AT);

    assertThat(decompress(firstChunks)).isEqualTo(first);
    assertThat(decompress(secondChunks)).isEqualTo(second);
  }

  @Test
  void endOfStream_tick_isOneChunkWithoutPixels() {
    Tick eos = TICK.toBuilder().setEndOfStream(true).setFrame(90).build();

    assertThat(FrameChunker.endOfStream(eos, "w1", AT))
        .isEqualTo(
            FrameChunk.newBuilder()
                .setStreamId("show")
                .setRunId("r1")
                .setFrame(90)
                .setStateVersion(7)
                .setChunkCount(1)
                .setChunkIndex(0)
                .setEndOfStream(true)
                .setWorkerId("w1")
                .setRenderedAt(ProtoTime.of(AT))
                .setPayload(ByteString.EMPTY)
                .build());
  }

  @Test
  void chunks_sameAsLast_sendsTheLastPayloadAgainWithTheNewTicksHeader() {
    byte[] yuv = noise(YuvConverter.frameSize(W, H), 3);
    FrameChunker chunker = new FrameChunker(1000);
    List<FrameChunk> first = chunker.chunks(TICK, W, H, yuv, yuv.length, "w1", AT);
    Tick next = TICK.toBuilder().setFrame(43).build();

    // The caller says the bytes are unchanged: the chunker must not even look at them.
    List<FrameChunk> again =
        chunker.chunks(next, W, H, new byte[yuv.length], yuv.length, "w1", AT, true);

    assertThat(again)
        .isEqualTo(first.stream().map(c -> c.toBuilder().setFrame(43).build()).toList());
  }

  @Test
  void chunks_sameAsLastOnAFreshChunker_compresses() {
    byte[] yuv = noise(YuvConverter.frameSize(W, H), 4);

    List<FrameChunk> chunks =
        new FrameChunker(1000).chunks(TICK, W, H, yuv, yuv.length, "w1", AT, true);

    assertThat(decompress(chunks)).isEqualTo(yuv);
  }
}
