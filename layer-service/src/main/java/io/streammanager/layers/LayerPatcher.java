package io.streammanager.layers;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerPatch;

/** Applies a {@link LayerPatch}: the listed top-level fields are taken from the patch, or cleared when it lacks them. */
final class LayerPatcher {
  private LayerPatcher() {}

  static Layer patch(Layer current, LayerPatch patch) {
    Layer.Builder b = current.toBuilder();
    for (String name : patch.getFieldsList()) {
      FieldDescriptor f = Layer.getDescriptor().findFieldByName(name);
      if (f == null || "id".equals(name)) {
        continue;
      }
      if (patch.getLayer().hasField(f)) {
        b.setField(f, patch.getLayer().getField(f));
      } else {
        b.clearField(f);
      }
    }
    return b.build();
  }
}
