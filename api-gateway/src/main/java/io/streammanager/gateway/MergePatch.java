package io.streammanager.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** JSON merge patch (RFC 7396): objects merge recursively, null removes, anything else replaces. */
final class MergePatch {
  private MergePatch() {}

  /** RFC 7396 section 2, MergePatch(Target, Patch): the result; {@code target} is not changed. */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    mergeInto(result, patch, Set.of());
    return result;
  }

  /**
   * Merges the object {@code patch} into {@code target} in place, leaving out the patch's members
   * named in skip.
   */
  static void apply(ObjectNode target, JsonNode patch, Set<String> skip) {
    mergeInto(target, patch, skip);
  }

  private static void mergeInto(ObjectNode target, JsonNode patch, Set<String> skip) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (skip.contains(e.getKey())) {
        continue;
      }
      JsonNode value = e.getValue();
      if (value.isNull()) {
        target.remove(e.getKey());
      } else {
        target.set(e.getKey(), merge(target.get(e.getKey()), value));
      }
    }
  }
}
