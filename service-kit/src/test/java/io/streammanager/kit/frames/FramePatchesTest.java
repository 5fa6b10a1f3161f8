package io.streammanager.kit.frames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streammanager.kit.kafka.RecordRejectedException;
import io.streammanager.proto.Compression;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.PixelFormat;
import io.streammanager.proto.Region;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FramePatchesTest {
  private static final int W = 64;
  private static final int H = 36;

  private static byte[] frame(long seed) {
    byte[] f = new byte[W * H * 3 / 2];
    new Random(seed).nextBytes(f);
    return f;
  }

  private static Region region(int x, int y, int w, int h) {
    return Region.newBuilder().setX(x).setY(y).setWidth(w).setHeight(h).build();
  }

  @Test
  void extractThenApply_onTheBase_givesTheFrameWhereverItDiffersOnlyInTheRegions() {
    byte[] base = frame(1);
    byte[] next = base.clone();
    List<Region> regions = List.of(region(2, 4, 10, 6), region(40, 20, 24, 16));
    byte[] other = frame(2);
    // the next frame differs from the base inside the regions only
    for (Region r : regions) {
      for (int y = (int) r.getY(); y < r.getY() + r.getHeight(); y++) {
        System.arraycopy(
            other, y * W + (int) r.getX(), next, y * W + (int) r.getX(), (int) r.getWidth());
      }
      for (int plane : new int[] {W * H, W * H + W * H / 4}) {
        for (int y = (int) r.getY() / 2; y < (r.getY() + r.getHeight()) / 2; y++) {
          System.arraycopy(
              other,
              plane + y * W / 2 + (int) r.getX() / 2,
              next,
              plane + y * W / 2 + (int) r.getX() / 2,
              (int) r.getWidth() / 2);
        }
      }
    }

    byte[] patch = FramePatches.extract(next, W, H, regions);
    byte[] picture = base.clone();
    FramePatches.apply(patch, regions, W, H, picture);

    assertThat(patch).hasSize(FramePatches.size(regions)).hasSize((10 * 6 + 24 * 16) * 3 / 2);
    assertThat(picture).isEqualTo(next);
    FramePatches.copyRegions(base, picture, regions, W, H);
    assertThat(picture).as("the patch undone").isEqualTo(base);
  }

  @Test
  void baseOf_isTheLastWholeSecondFrame() {
    assertThat(FramePatches.baseOf(0, 30)).isZero();
    assertThat(FramePatches.baseOf(29, 30)).isZero();
    assertThat(FramePatches.baseOf(30, 30)).isEqualTo(30);
    assertThat(FramePatches.baseOf(61, 30)).isEqualTo(60);
  }

  @Test
  void check_patchWithOddOrOutsideRegionsOrAWrongSize_isRefused() {
    FrameChunk.Builder c =
        FrameChunk.newBuilder()
            .setFrame(5)
            .setBaseFrame(0)
            .setWidth(W)
            .setHeight(H)
            .setPixelFormat(PixelFormat.PIXEL_FORMAT_YUV420P)
            .setCompression(Compression.COMPRESSION_LZ4)
            .setChunkCount(1);
    FrameChunks.check(c.clone().addRegions(region(2, 2, 4, 4)).setRawSize(24).build(), "test");

    assertThatThrownBy(
            () ->
                FrameChunks.check(
                    c.clone().addRegions(region(1, 2, 4, 4)).setRawSize(24).build(), "test"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("not an even rectangle");
    assertThatThrownBy(
            () ->
                FrameChunks.check(
                    c.clone().addRegions(region(62, 2, 4, 4)).setRawSize(24).build(), "test"))
        .isInstanceOf(RecordRejectedException.class);
    assertThatThrownBy(
            () ->
                FrameChunks.check(
                    c.clone().addRegions(region(2, 2, 4, 4)).setRawSize(25).build(), "test"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("need 24 bytes");
    assertThatThrownBy(
            () -> FrameChunks.check(c.clone().setBaseFrame(5).setRawSize(0).build(), "test"))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("not before it");
  }
}
