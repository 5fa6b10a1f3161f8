package io.streammanager.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.kit.frames.FramePatches;
import io.streammanager.proto.Region;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchedPicturesTest {
  private static final int W = 16;
  private static final int H = 8;

  private static byte[] filled(int value) {
    byte[] f = new byte[W * H * 3 / 2];
    Arrays.fill(f, (byte) value);
    return f;
  }

  private static RawFrame whole(long frame, byte[] yuv) {
    return new RawFrame("s", "r", frame, 1, W, H, yuv);
  }

  private static RawFrame patch(long frame, long base, List<Region> regions, byte[] of) {
    return new RawFrame(
        "s",
        "r",
        frame,
        1,
        W,
        H,
        FramePatches.extract(of, W, H, regions),
        FrameTrace.NONE,
        base,
        regions);
  }

  @Test
  void of_patchesOfTheBase_giveEachFrameWhole_andPutBackWhatTheLastOneChanged() {
    PatchedPictures pictures = new PatchedPictures();
    byte[] base = filled(10);
    byte[] one = base.clone();
    one[0] = 99;
    byte[] two = base.clone();
    two[W * 4 + 8] = 77;
    List<Region> first =
        List.of(Region.newBuilder().setX(0).setY(0).setWidth(2).setHeight(2).build());
    List<Region> second =
        List.of(Region.newBuilder().setX(8).setY(4).setWidth(2).setHeight(2).build());

    assertThat(pictures.of(whole(30, base))).isEqualTo(base);
    assertThat(pictures.of(patch(31, 30, first, one))).isEqualTo(one);
    assertThat(pictures.of(patch(32, 30, second, two)))
        .as("frame 31's change is gone")
        .isEqualTo(two);
    assertThat(pictures.of(patch(33, 30, List.of(), base)))
        .as("no region: the base itself")
        .isEqualTo(base);
  }

  @Test
  void of_patchOfABaseNeverReceived_cannotBeDrawn() {
    PatchedPictures pictures = new PatchedPictures();
    pictures.of(whole(0, filled(1)));

    assertThat(pictures.of(patch(31, 30, List.of(), filled(1)))).isNull();
  }
}
