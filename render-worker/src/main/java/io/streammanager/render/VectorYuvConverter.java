package io.streammanager.render;

import java.awt.Rectangle;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link YuvConverter}'s conversion with the Vector API: the same fixed-point arithmetic lane by
 * lane, so the bytes are identical (a test compares them on random pictures of odd and even sizes).
 * Whole vectors of a row go through the lanes; what is left of a row (and the last chroma column of
 * an odd width) goes through the scalar code. Only loaded when {@link Simd#AVAILABLE}: referencing
 * this class needs {@code --add-modules jdk.incubator.vector}.
 */
final class VectorYuvConverter {
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Byte> BYTES =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(INTS.length() * Byte.SIZE));
  private static final int LANES = INTS.length();
  private static final VectorShuffle<Integer> EVEN = VectorShuffle.makeUnzip(INTS, 0);
  private static final VectorShuffle<Integer> ODD = VectorShuffle.makeUnzip(INTS, 1);

  private VectorYuvConverter() {}

  /** The whole frame, like {@link YuvConverter#convert}. */
  static void convert(int[] rgb, int width, int height, byte[] out) {
    // Rows are contiguous (stride = width), so luma runs over the frame as one row.
    luma(rgb, out, 0, width * height);
    int cw = (width + 1) / 2;
    for (int cy = 0; cy < (height + 1) / 2; cy++) {
      chromaRow(rgb, width, height, out, cy, 0, cw);
    }
  }

  /**
   * Only the pixels of {@code area} (grown to whole 2x2 chroma blocks); the rest of {@code out} is
   * left as it is. Gives the same bytes there as converting the whole frame.
   */
  static void convert(int[] rgb, int width, int height, byte[] out, Rectangle area) {
    int x0 = Math.max(0, area.x) & ~1;
    int y0 = Math.max(0, area.y) & ~1;
    int x1 = Math.min(width, area.x + area.width + 1 & ~1);
    int y1 = Math.min(height, area.y + area.height + 1 & ~1);
    if (x1 <= x0 || y1 <= y0) {
      return;
    }
    for (int y = y0; y < y1; y++) {
      luma(rgb, out, y * width + x0, y * width + x1);
    }
    for (int cy = y0 / 2; cy < (y1 + 1) / 2; cy++) {
      chromaRow(rgb, width, height, out, cy, x0 / 2, (x1 + 1) / 2);
    }
  }

  /**
   * Luma of pixels {@code from} (inclusive) to {@code to} (exclusive); luma byte i belongs to pixel
   * i.
   */
  private static void luma(int[] rgb, byte[] out, int from, int to) {
    int i = from;
    for (int end = to - LANES; i <= end; i += LANES) {
      IntVector p = IntVector.fromArray(INTS, rgb, i);
      IntVector r = p.lanewise(VectorOperators.LSHR, 16).and(0xFF);
      IntVector g = p.lanewise(VectorOperators.LSHR, 8).and(0xFF);
      IntVector b = p.and(0xFF);
      IntVector y =
          r.mul(YuvConverter.YR)
              .add(g.mul(YuvConverter.YG))
              .add(b.mul(YuvConverter.YB))
              .add(YuvConverter.HALF)
              .lanewise(VectorOperators.ASHR, 16)
              .add(16);
      ((ByteVector) y.convertShape(VectorOperators.I2B, BYTES, 0)).intoArray(out, i);
    }
    for (; i < to; i++) {
      out[i] = YuvConverter.luma(rgb[i]);
    }
  }

  /** Chroma row {@code cy}, columns {@code cxFrom} (inclusive) to {@code cxTo} (exclusive). */
  private static void chromaRow(
      int[] rgb, int width, int height, byte[] out, int cy, int cxFrom, int cxTo) {
    int cw = (width + 1) / 2;
    int uBase = width * height + cy * cw;
    int vBase = uBase + cw * ((height + 1) / 2);
    int row0 = cy * 2 * width;
    int row1 = Math.min(cy * 2 + 1, height - 1) * width;
    int cx = cxFrom;
    // A vector step reads 2 * LANES whole pixels of each row: columns whose right pixel exists.
    for (int end = Math.min(cxTo, width / 2) - LANES; cx <= end; cx += LANES) {
      int x = 2 * cx;
      IntVector a0 = IntVector.fromArray(INTS, rgb, row0 + x);
      IntVector b0 = IntVector.fromArray(INTS, rgb, row0 + x + LANES);
      IntVector a1 = IntVector.fromArray(INTS, rgb, row1 + x);
      IntVector b1 = IntVector.fromArray(INTS, rgb, row1 + x + LANES);
      // Red and blue in separate 16-bit fields: four pixels' sum (<= 1020) cannot carry into the
      // next field.
      IntVector rbA = a0.and(0xFF00FF).add(a1.and(0xFF00FF));
      IntVector rbB = b0.and(0xFF00FF).add(b1.and(0xFF00FF));
      IntVector gA =
          a0.lanewise(VectorOperators.LSHR, 8)
              .and(0xFF)
              .add(a1.lanewise(VectorOperators.LSHR, 8).and(0xFF));
      IntVector gB =
          b0.lanewise(VectorOperators.LSHR, 8)
              .and(0xFF)
              .add(b1.lanewise(VectorOperators.LSHR, 8).and(0xFF));
      IntVector rb = rbA.rearrange(EVEN, rbB).add(rbA.rearrange(ODD, rbB));
      IntVector g =
          gA.rearrange(EVEN, gB)
              .add(gA.rearrange(ODD, gB))
              .add(2)
              .lanewise(VectorOperators.ASHR, 2);
      IntVector r = rb.lanewise(VectorOperators.LSHR, 16).add(2).lanewise(VectorOperators.ASHR, 2);
      IntVector b = rb.and(0xFFFF).add(2).lanewise(VectorOperators.ASHR, 2);
      IntVector u =
          r.mul(YuvConverter.UR)
              .add(g.mul(YuvConverter.UG))
              .add(b.mul(YuvConverter.UB))
              .add(YuvConverter.HALF)
              .lanewise(VectorOperators.ASHR, 16)
              .add(128)
              .max(0)
              .min(255);
      IntVector v =
          r.mul(YuvConverter.VR)
              .add(g.mul(YuvConverter.VG))
              .add(b.mul(YuvConverter.VB))
              .add(YuvConverter.HALF)
              .lanewise(VectorOperators.ASHR, 16)
              .add(128)
              .max(0)
              .min(255);
      ((ByteVector) u.convertShape(VectorOperators.I2B, BYTES, 0)).intoArray(out, uBase + cx);
      ((ByteVector) v.convertShape(VectorOperators.I2B, BYTES, 0)).intoArray(out, vBase + cx);
    }
    for (; cx < cxTo; cx++) {
      YuvConverter.chroma(rgb, width, height, out, cy, cx);
    }
  }
}
