package io.streammanager.render;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PictureBlit#sourceOverScalar}'s arithmetic with the Vector API, lane by lane: the same
 * bytes. Vectors whose pixels all have alpha 0 are skipped and, at full opacity, all-opaque ones
 * are copied. Only loaded when {@link Simd#AVAILABLE}.
 */
final class VectorBlit {
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final int LANES = INTS.length();
  private static final int ONE = 255 * 255;

  private VectorBlit() {}

  /**
   * One row of {@code length} pixels: {@code src} from {@code s}, {@code dst} from {@code d};
   * returns the pixels done.
   */
  static int row(int[] src, int s, int[] dst, int d, int length, int opacity) {
    int i = 0;
    for (; i <= length - LANES; i += LANES) {
      IntVector p = IntVector.fromArray(INTS, src, s + i);
      IntVector alpha = p.lanewise(VectorOperators.LSHR, 24);
      VectorMask<Integer> ink = alpha.compare(VectorOperators.NE, 0);
      if (!ink.anyTrue()) {
        continue;
      }
      if (opacity == 255 && alpha.compare(VectorOperators.EQ, 255).allTrue()) {
        p.and(0xFFFFFF).intoArray(dst, d + i);
        continue;
      }
      IntVector b = IntVector.fromArray(INTS, dst, d + i);
      // Per channel: (backdrop * keep + source * 255 * opacity + ONE / 2) / ONE, all in one method
      // (a helper that does not inline makes the vectors objects on the heap). The quotient is
      // PictureBlit.quotient, lane by lane.
      IntVector keep = alpha.mul(-opacity).add(ONE);
      int source = 255 * opacity;
      IntVector xr =
          b.lanewise(VectorOperators.LSHR, 16)
              .and(0xFF)
              .mul(keep)
              .add(p.lanewise(VectorOperators.LSHR, 16).and(0xFF).mul(source))
              .add(ONE / 2);
      IntVector xg =
          b.lanewise(VectorOperators.LSHR, 8)
              .and(0xFF)
              .mul(keep)
              .add(p.lanewise(VectorOperators.LSHR, 8).and(0xFF).mul(source))
              .add(ONE / 2);
      IntVector xb = b.and(0xFF).mul(keep).add(p.and(0xFF).mul(source)).add(ONE / 2);
      IntVector qr =
          ((FloatVector) xr.convert(VectorOperators.I2F, 0))
              .mul(PictureBlit.INVERSE_ONE)
              .convert(VectorOperators.F2I, 0)
              .reinterpretAsInts();
      IntVector qg =
          ((FloatVector) xg.convert(VectorOperators.I2F, 0))
              .mul(PictureBlit.INVERSE_ONE)
              .convert(VectorOperators.F2I, 0)
              .reinterpretAsInts();
      IntVector qb =
          ((FloatVector) xb.convert(VectorOperators.I2F, 0))
              .mul(PictureBlit.INVERSE_ONE)
              .convert(VectorOperators.F2I, 0)
              .reinterpretAsInts();
      IntVector out =
          qr.lanewise(VectorOperators.LSHL, 16).or(qg.lanewise(VectorOperators.LSHL, 8)).or(qb);
      b.blend(out, ink).intoArray(dst, d + i);
    }
    return i;
  }
}
