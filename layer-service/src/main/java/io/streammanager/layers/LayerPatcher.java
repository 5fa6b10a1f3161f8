package io.streammanager.layers;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerPatch;
import java.util.Optional;

/**
 * Applies a {@link LayerPatch}: each listed field path ("x", "text.style.size") is taken from the
 * patch's layer, or cleared when the patch's layer lacks it. Paths into a oneof branch the layer is
 * not on are refused (changing a layer's type takes a full replace).
 */
final class LayerPatcher {
  private LayerPatcher() {}

  static Optional<Outcome.Rejected> check(Layer current, LayerPatch patch) {
    for (String path : patch.getFieldsList()) {
      String head = path.split("\\.", 2)[0];
      FieldDescriptor f = Layer.getDescriptor().findFieldByName(head);
      if (f == null || "id".equals(head) || "tweens".equals(head)) {
        return Optional.of(new Outcome.Rejected("/" + path, "'" + path + "' cannot be patched"));
      }
      if (!walksMessages(path)) {
        return Optional.of(
            new Outcome.Rejected("/" + path, "'" + path + "' is not a field path of a layer"));
      }
      if (f.getRealContainingOneof() != null && !current.hasField(f)) {
        return Optional.of(
            new Outcome.Rejected(
                "/type",
                "the layer is a "
                    + current.getKindCase().name().toLowerCase(java.util.Locale.ROOT)
                    + "; its type cannot change in a patch (replace it with PUT)"));
      }
    }
    return Optional.empty();
  }

  /** Every segment but the last names a (non-repeated) message field; the last names any field. */
  private static boolean walksMessages(String path) {
    String[] parts = path.split("\\.");
    com.google.protobuf.Descriptors.Descriptor d = Layer.getDescriptor();
    for (int i = 0; i < parts.length; i++) {
      FieldDescriptor f = d.findFieldByName(parts[i]);
      if (f == null) {
        return false;
      }
      if (i < parts.length - 1) {
        if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE || f.isRepeated()) {
          return false;
        }
        d = f.getMessageType();
      }
    }
    return true;
  }

  static Layer patch(Layer current, LayerPatch patch) {
    Layer.Builder b = current.toBuilder();
    for (String path : patch.getFieldsList()) {
      set(b, patch.getLayer(), path.split("\\."), 0);
    }
    return b.build();
  }

  private static void set(Message.Builder target, Message source, String[] path, int i) {
    FieldDescriptor f = target.getDescriptorForType().findFieldByName(path[i]);
    if (f == null) {
      return;
    }
    if (i == path.length - 1) {
      if (source.hasField(f) || f.isRepeated() && source.getRepeatedFieldCount(f) > 0) {
        target.setField(f, source.getField(f));
      } else {
        target.clearField(f);
      }
      return;
    }
    Message.Builder child = target.getFieldBuilder(f);
    Message sourceChild = (Message) source.getField(f);
    set(child, sourceChild, path, i + 1);
  }
}
