package io.streammanager.proto;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The stacking rule every process agrees on: by zIndex (absent = 0), then insertion order (later on
 * top).
 */
public final class LayerOrder {
  private LayerOrder() {}

  /**
   * Layers bottom first; the sort is stable, so equal zIndex keeps the snapshot's insertion order.
   */
  public static List<Layer> bottomToTop(List<Layer> layers) {
    List<Layer> sorted = new ArrayList<>(layers);
    sorted.sort(Comparator.comparingInt(Layer::getZIndex));
    return sorted;
  }
}
