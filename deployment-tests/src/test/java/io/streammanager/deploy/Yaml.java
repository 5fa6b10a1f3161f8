package io.streammanager.deploy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * YAML documents as JSON trees; a key given twice in one mapping is an error (kubectl refuses those
 * too).
 */
final class Yaml {
  private static final YAMLMapper MAPPER =
      new YAMLMapper(
          YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  private Yaml() {}

  static JsonNode one(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not YAML:\n" + text, e);
    }
  }

  /** Every non-empty document of a multi-document stream (what `helm template` prints). */
  static List<JsonNode> all(String text) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && !doc.isNull() && !doc.isMissingNode() && !doc.isEmpty()) {
          documents.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("not YAML documents", e);
    }
    return documents;
  }
}
