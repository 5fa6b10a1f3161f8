package io.streammanager.proto;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Evaluates tweens at frame numbers: the one definition every process uses, so a layer looks the
 * same in frame n on any worker, in a replay, and when layer-service starts a new movement from
 * where the old one is. Uses {@link StrictMath} so results are bit-identical on every JVM.
 */
public final class Tweens {
  /** Numeric properties that can move, by JSON name. */
  public static final List<String> PROPERTIES =
      List.of(
          "x",
          "y",
          "width",
          "height",
          "anchorX",
          "anchorY",
          "rotation",
          "scaleX",
          "scaleY",
          "opacity",
          "size",
          "cornerRadius",
          "strokeWidth",
          "volume");

  private record Accessor(
      Function<Layer, Double> get, BiFunction<Layer.Builder, Double, Layer.Builder> set) {}

  private static final Map<String, Accessor> ACCESSORS =
      Map.ofEntries(
          Map.entry("x", new Accessor(Layer::getX, Layer.Builder::setX)),
          Map.entry("y", new Accessor(Layer::getY, Layer.Builder::setY)),
          Map.entry("width", new Accessor(Layer::getWidth, Layer.Builder::setWidth)),
          Map.entry("height", new Accessor(Layer::getHeight, Layer.Builder::setHeight)),
          Map.entry("anchorX", new Accessor(Layer::getAnchorX, Layer.Builder::setAnchorX)),
          Map.entry("anchorY", new Accessor(Layer::getAnchorY, Layer.Builder::setAnchorY)),
          Map.entry("rotation", new Accessor(Layer::getRotation, Layer.Builder::setRotation)),
          Map.entry(
              "scaleX",
              new Accessor(l -> l.hasScaleX() ? l.getScaleX() : 1.0, Layer.Builder::setScaleX)),
          Map.entry(
              "scaleY",
              new Accessor(l -> l.hasScaleY() ? l.getScaleY() : 1.0, Layer.Builder::setScaleY)),
          Map.entry(
              "opacity",
              new Accessor(l -> l.hasOpacity() ? l.getOpacity() : 1.0, Layer.Builder::setOpacity)),
          Map.entry("size", new Accessor(Tweens::size, Tweens::setSize)),
          Map.entry(
              "cornerRadius",
              new Accessor(
                  l -> l.getRect().getCornerRadius(),
                  (b, v) ->
                      b.hasRect() ? b.setRect(b.getRect().toBuilder().setCornerRadius(v)) : b)),
          Map.entry("strokeWidth", new Accessor(Tweens::strokeWidth, Tweens::setStrokeWidth)),
          Map.entry("volume", new Accessor(Tweens::volume, Tweens::setVolume)));

  private Tweens() {}

  /** True when {@code property} can be tweened. */
  public static boolean isTweenable(String property) {
    return ACCESSORS.containsKey(property);
  }

  /** The value of a property as stored (the end value of any tween on it). */
  public static double stored(Layer layer, String property) {
    return accessor(property).get().apply(layer);
  }

  /** The value of a property as drawn in {@code frame}. */
  public static double valueAt(Layer layer, String property, long frame) {
    double value = stored(layer, property);
    for (Tween t : layer.getTweensList()) {
      if (t.getProperty().equals(property)) {
        value = interpolate(t, value, frame);
      }
    }
    return value;
  }

  /**
   * The layer as drawn in {@code frame}: every tweened property at its value then, and no tweens
   * left.
   */
  public static Layer at(Layer layer, long frame) {
    if (layer.getTweensCount() == 0) {
      return layer;
    }
    Layer.Builder b = layer.toBuilder().clearTweens();
    for (Tween t : layer.getTweensList()) {
      Accessor a = ACCESSORS.get(t.getProperty());
      boolean absentSize =
          t.getProperty().equals("width") && !layer.hasWidth()
              || t.getProperty().equals("height") && !layer.hasHeight();
      boolean finished = frame >= t.getStartFrame() + t.getDurationFrames();
      // A finished movement leaves the stored value (set or not) exactly as it is.
      if (a != null && !absentSize && !finished) {
        a.set().apply(b, interpolate(t, a.get().apply(layer), frame));
      }
    }
    return b.build();
  }

  /** True when no tween of the layer moves in {@code frame} or later. */
  public static boolean settled(Layer layer, long frame) {
    return layer.getTweensList().stream()
        .allMatch(t -> frame >= t.getStartFrame() + t.getDurationFrames());
  }

  private static double interpolate(Tween t, double to, long frame) {
    if (frame < t.getStartFrame()) {
      return t.getFrom();
    }
    long elapsed = frame - t.getStartFrame();
    if (t.getDurationFrames() == 0 || elapsed >= t.getDurationFrames()) {
      return to;
    }
    double progress = ease(t.getEasing(), (double) elapsed / t.getDurationFrames());
    return t.getFrom() + (to - t.getFrom()) * progress;
  }

  /** Robert Penner's easing equations, t in 0..1. */
  public static double ease(Easing easing, double t) {
    return switch (easing) {
      case EASING_LINEAR, UNRECOGNIZED -> t;
      case EASING_IN_QUAD -> t * t;
      case EASING_OUT_QUAD -> 1 - (1 - t) * (1 - t);
      case EASING_IN_OUT_QUAD -> t < 0.5 ? 2 * t * t : 1 - StrictMath.pow(-2 * t + 2, 2) / 2;
      case EASING_IN_CUBIC -> t * t * t;
      case EASING_OUT_CUBIC -> 1 - StrictMath.pow(1 - t, 3);
      case EASING_IN_OUT_CUBIC -> t < 0.5 ? 4 * t * t * t : 1 - StrictMath.pow(-2 * t + 2, 3) / 2;
      case EASING_IN_SINE -> 1 - StrictMath.cos(t * Math.PI / 2);
      case EASING_OUT_SINE -> StrictMath.sin(t * Math.PI / 2);
      case EASING_IN_OUT_SINE -> -(StrictMath.cos(Math.PI * t) - 1) / 2;
      case EASING_IN_EXPO -> t == 0 ? 0 : StrictMath.pow(2, 10 * t - 10);
      case EASING_OUT_EXPO -> t == 1 ? 1 : 1 - StrictMath.pow(2, -10 * t);
      case EASING_IN_OUT_EXPO ->
          t == 0
              ? 0
              : t == 1
                  ? 1
                  : t < 0.5
                      ? StrictMath.pow(2, 20 * t - 10) / 2
                      : (2 - StrictMath.pow(2, -20 * t + 10)) / 2;
      case EASING_IN_BACK -> backIn(t);
      case EASING_OUT_BACK -> 1 - backIn(1 - t);
      case EASING_IN_OUT_BACK -> inOutBack(t);
      case EASING_IN_ELASTIC ->
          t == 0
              ? 0
              : t == 1
                  ? 1
                  : -StrictMath.pow(2, 10 * t - 10)
                      * StrictMath.sin((t * 10 - 10.75) * (2 * Math.PI / 3));
      case EASING_OUT_ELASTIC ->
          t == 0
              ? 0
              : t == 1
                  ? 1
                  : StrictMath.pow(2, -10 * t) * StrictMath.sin((t * 10 - 0.75) * (2 * Math.PI / 3))
                      + 1;
      case EASING_IN_OUT_ELASTIC -> inOutElastic(t);
      case EASING_IN_BOUNCE -> 1 - bounceOut(1 - t);
      case EASING_OUT_BOUNCE -> bounceOut(t);
      case EASING_IN_OUT_BOUNCE ->
          t < 0.5 ? (1 - bounceOut(1 - 2 * t)) / 2 : (1 + bounceOut(2 * t - 1)) / 2;
    };
  }

  private static double backIn(double t) {
    double c1 = 1.70158;
    return (c1 + 1) * t * t * t - c1 * t * t;
  }

  private static double inOutBack(double t) {
    double c2 = 1.70158 * 1.525;
    return t < 0.5
        ? (StrictMath.pow(2 * t, 2) * ((c2 + 1) * 2 * t - c2)) / 2
        : (StrictMath.pow(2 * t - 2, 2) * ((c2 + 1) * (t * 2 - 2) + c2) + 2) / 2;
  }

  private static double inOutElastic(double t) {
    double c5 = 2 * Math.PI / 4.5;
    if (t == 0 || t == 1) {
      return t;
    }
    return t < 0.5
        ? -(StrictMath.pow(2, 20 * t - 10) * StrictMath.sin((20 * t - 11.125) * c5)) / 2
        : (StrictMath.pow(2, -20 * t + 10) * StrictMath.sin((20 * t - 11.125) * c5)) / 2 + 1;
  }

  private static double bounceOut(double t) {
    double n1 = 7.5625;
    double d1 = 2.75;
    if (t < 1 / d1) {
      return n1 * t * t;
    } else if (t < 2 / d1) {
      double u = t - 1.5 / d1;
      return n1 * u * u + 0.75;
    } else if (t < 2.5 / d1) {
      double u = t - 2.25 / d1;
      return n1 * u * u + 0.9375;
    }
    double u = t - 2.625 / d1;
    return n1 * u * u + 0.984375;
  }

  private static Accessor accessor(String property) {
    Accessor a = ACCESSORS.get(property);
    if (a == null) {
      throw new IllegalArgumentException(
          "'" + property + "' cannot be tweened; allowed: " + PROPERTIES);
    }
    return a;
  }

  private static double size(Layer l) {
    return l.hasText()
        ? l.getText().getStyle().getSize()
        : l.hasClock() ? l.getClock().getStyle().getSize() : 0;
  }

  private static Layer.Builder setSize(Layer.Builder b, double v) {
    if (b.hasText()) {
      b.setText(b.getText().toBuilder().setStyle(b.getText().getStyle().toBuilder().setSize(v)));
    } else if (b.hasClock()) {
      b.setClock(b.getClock().toBuilder().setStyle(b.getClock().getStyle().toBuilder().setSize(v)));
    }
    return b;
  }

  private static double strokeWidth(Layer l) {
    return l.hasRect()
        ? l.getRect().getStrokeWidth()
        : l.hasEllipse() ? l.getEllipse().getStrokeWidth() : 0;
  }

  private static Layer.Builder setStrokeWidth(Layer.Builder b, double v) {
    if (b.hasRect()) {
      b.setRect(b.getRect().toBuilder().setStrokeWidth(v));
    } else if (b.hasEllipse()) {
      b.setEllipse(b.getEllipse().toBuilder().setStrokeWidth(v));
    }
    return b;
  }

  /** An audio layer's gain, 1 when absent; other layers have none (1, so it never moves). */
  private static double volume(Layer l) {
    return l.hasAudio() && l.getAudio().hasVolume() ? l.getAudio().getVolume() : 1.0;
  }

  private static Layer.Builder setVolume(Layer.Builder b, double v) {
    return b.hasAudio() ? b.setAudio(b.getAudio().toBuilder().setVolume(v)) : b;
  }
}
