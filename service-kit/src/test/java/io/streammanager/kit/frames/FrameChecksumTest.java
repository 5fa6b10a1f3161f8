package io.streammanager.kit.frames;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

class FrameChecksumTest {
  @Test
  void of_referenceInputs_areXxh64WithSeedZeroInSixteenHexDigits() {
    assertThat(FrameChecksum.of(new byte[0])).isEqualTo("ef46db3751d8e999");
    assertThat(FrameChecksum.of("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("44bc2cf5ad770999");
  }

  @Test
  void of_aFrame_isTheSameWithEveryImplementation() {
    byte[] frame = new byte[321 * 181 + 2 * 161 * 91];
    new Random(7).nextBytes(frame);
    String expected = FrameChecksum.of(frame);
    for (XXHashFactory f :
        new XXHashFactory[] {
          XXHashFactory.safeInstance(),
          XXHashFactory.unsafeInstance(),
          XXHashFactory.nativeInstance()
        }) {
      assertThat(FrameChecksum.hex(f.hash64().hash(frame, 0, frame.length, 0)))
          .as(f.toString())
          .isEqualTo(expected);
    }
  }

  @Test
  void of_oneByteChanged_differs() {
    byte[] frame = new byte[4096];
    String before = FrameChecksum.of(frame);
    frame[4095] = 1;
    assertThat(FrameChecksum.of(frame)).isNotEqualTo(before).hasSize(16);
  }
}
