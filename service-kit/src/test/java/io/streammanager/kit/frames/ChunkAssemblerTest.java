package io.streammanager.kit.frames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.streammanager.kit.kafka.RecordRejectedException;
import io.streammanager.proto.Compression;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.PixelFormat;
import java.util.Arrays;
import java.util.Random;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

class ChunkAssemblerTest {
  private static final int W = 33;
  private static final int H = 17;
  private static final int SIZE = W * H + 2 * 17 * 9;

  @Test
  void accept_chunksOfTwoJobsInterleavedAndOutOfOrder_giveEachWholeFrameOnceItsLastChunkIsIn() {
    byte[] a = frame(1);
    byte[] b = frame(2);
    FrameChunk[] ca = chunks("job-a", a, 3);
    FrameChunk[] cb = chunks("job-b", b, 2);
    ChunkAssembler assembler = new ChunkAssembler(8);

    assertThat(assembler.accept(ca[2])).isEmpty();
    assertThat(assembler.accept(cb[1])).isEmpty();
    assertThat(assembler.accept(ca[0])).isEmpty();
    var whole = assembler.accept(cb[0]);
    assertThat(whole)
        .hasValueSatisfying(
            f -> {
              assertThat(f.header().getJobId()).isEqualTo("job-b");
              assertThat(f.yuv()).isEqualTo(b);
            });
    assertThat(assembler.accept(ca[1])).hasValueSatisfying(f -> assertThat(f.yuv()).isEqualTo(a));
  }

  @Test
  void accept_aChunkThatCannotBeAFrame_isRejectedWithTheReason() {
    FrameChunk bad = chunks("job", frame(3), 1)[0].toBuilder().setRawSize(5).build();
    assertThatThrownBy(() -> new ChunkAssembler(1).accept(bad))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessage("frame 7: 33x17 YUV420P needs " + SIZE + " bytes, chunk says 5");
  }

  private static byte[] frame(long seed) {
    byte[] yuv = new byte[SIZE];
    new Random(seed).nextBytes(yuv);
    Arrays.fill(yuv, 0, 100, (byte) 16);
    return yuv;
  }

  private static FrameChunk[] chunks(String job, byte[] yuv, int count) {
    byte[] lz4 = LZ4Factory.fastestInstance().fastCompressor().compress(yuv);
    int per = (lz4.length + count - 1) / count;
    FrameChunk[] out = new FrameChunk[count];
    for (int i = 0; i < count; i++) {
      int from = i * per;
      out[i] =
          FrameChunk.newBuilder()
              .setJobId(job)
              .setStreamId("s")
              .setRunId("r")
              .setFrame(7)
              .setChunkIndex(i)
              .setChunkCount(count)
              .setPixelFormat(PixelFormat.PIXEL_FORMAT_YUV420P)
              .setWidth(W)
              .setHeight(H)
              .setCompression(Compression.COMPRESSION_LZ4)
              .setRawSize(SIZE)
              .setPayload(ByteString.copyFrom(lz4, from, Math.min(per, lz4.length - from)))
              .build();
    }
    return out;
  }
}
