package io.streammanager.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** JSON merge patch (RFC 7396): objects merge recursively, null removes, anything else replaces. */
final class MergePatch {
  private MergePatch() {}

  static void apply(ObjectNode target, JsonNode patch, Set<String> skip) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (skip.contains(e.getKey())) {
        continue;
      }
      JsonNode value = e.getValue();
      if (value.isNull()) {
        target.remove(e.getKey());
      } else if (value.isObject() && target.get(e.getKey()) instanceof ObjectNode child) {
        apply(child, value, Set.of());
      } else {
        target.set(e.getKey(), value.deepCopy());
      }
    }
  }
}
