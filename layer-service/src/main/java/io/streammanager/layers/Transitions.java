package io.streammanager.layers;

import io.streammanager.proto.Layer;
import io.streammanager.proto.Transition;
import io.streammanager.proto.Tween;
import io.streammanager.proto.Tweens;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a change of a layer into tweens: every numeric property whose value changes moves from the
 * value drawn in the first frame of the new version to the new value. A property changed without a
 * transition jumps (its running tween is dropped); tweens of unchanged properties go on; finished
 * tweens are dropped.
 */
final class Transitions {
  private Transitions() {}

  /**
   * @param before the layer as it was (null for a new layer: nothing moves)
   * @param after the layer as stored after the change (its own tweens are ignored)
   * @param firstFrame the first frame that shows the change
   * @param transition null or zero duration: instant
   */
  static Layer apply(Layer before, Layer after, long firstFrame, int fps, Transition transition) {
    if (before == null) {
      return after.toBuilder().clearTweens().build();
    }
    long frames =
        transition == null ? 0 : Math.round(transition.getDurationMs() * (double) fps / 1000.0);
    List<Tween> tweens = new ArrayList<>();
    for (String p : Tweens.PROPERTIES) {
      if (!comparable(before, after, p)) {
        continue;
      }
      double from = Tweens.valueAt(before, p, firstFrame);
      double to = Tweens.stored(after, p);
      boolean changed = Tweens.stored(before, p) != to;
      if (changed) {
        if (frames > 0 && from != to) {
          tweens.add(
              Tween.newBuilder()
                  .setProperty(p)
                  .setFrom(from)
                  .setStartFrame(firstFrame)
                  .setDurationFrames((int) Math.min(Integer.MAX_VALUE, frames))
                  .setEasing(transition.getEasing())
                  .build());
        }
      } else {
        for (Tween t : before.getTweensList()) {
          if (t.getProperty().equals(p) && firstFrame < t.getStartFrame() + t.getDurationFrames()) {
            tweens.add(t);
          }
        }
      }
    }
    return after.toBuilder().clearTweens().addAllTweens(tweens).build();
  }

  /** Width and height only move between two set sizes; the others always have a value. */
  private static boolean comparable(Layer before, Layer after, String property) {
    return switch (property) {
      case "width" -> before.hasWidth() && after.hasWidth();
      case "height" -> before.hasHeight() && after.hasHeight();
      default ->
          before.getKindCase() == after.getKindCase()
              || !property.equals("size")
                  && !property.equals("cornerRadius")
                  && !property.equals("strokeWidth")
                  && !property.equals("volume");
    };
  }
}
