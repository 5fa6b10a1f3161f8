package io.streammanager.kit.frames;

import java.util.HexFormat;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The checksum of a raw frame (the tightly packed YUV420P bytes the renderer produced and the
 * encoder encoded): XXH64 with seed 0, written as 16 lower-case hex digits. Not cryptographic: it
 * tells whether a frame drawn again equals the one aired, at several GB/s (a 1080p frame in well
 * under a millisecond, so the encoder can afford it on every frame). Every implementation lz4-java
 * picks (JNI, unsafe, pure Java) gives the same value.
 */
public final class FrameChecksum {
  private static final XXHash64 XXH64 = XXHashFactory.fastestInstance().hash64();
  private static final long SEED = 0;

  private FrameChecksum() {}

  /** The checksum of {@code length} bytes of {@code yuv} from {@code offset}. */
  public static String of(byte[] yuv, int offset, int length) {
    return hex(XXH64.hash(yuv, offset, length, SEED));
  }

  /** The checksum of the whole array. */
  public static String of(byte[] yuv) {
    return of(yuv, 0, yuv.length);
  }

  static String hex(long value) {
    return HexFormat.of().toHexDigits(value);
  }
}
