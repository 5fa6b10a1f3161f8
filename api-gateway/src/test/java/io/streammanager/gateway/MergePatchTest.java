package io.streammanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MergePatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** RFC 7396, Appendix A: every example, original | patch | result. */
  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      {"a":"b"}                    | {"a":"c"}                  | {"a":"c"}
      {"a":"b"}                    | {"b":"c"}                  | {"a":"b","b":"c"}
      {"a":"b"}                    | {"a":null}                 | {}
      {"a":"b","b":"c"}            | {"a":null}                 | {"b":"c"}
      {"a":["b"]}                  | {"a":"c"}                  | {"a":"c"}
      {"a":"c"}                    | {"a":["b"]}                | {"a":["b"]}
      {"a":{"b":"c"}}              | {"a":{"b":"d","c":null}}   | {"a":{"b":"d"}}
      {"a":[{"b":"c"}]}            | {"a":[1]}                  | {"a":[1]}
      ["a","b"]                    | ["c","d"]                  | ["c","d"]
      {"a":"b"}                    | ["c"]                      | ["c"]
      {"a":"foo"}                  | null                       | null
      {"a":"foo"}                  | "bar"                      | "bar"
      {"e":null}                   | {"a":1}                    | {"e":null,"a":1}
      [1,2]                        | {"a":"b","c":null}         | {"a":"b"}
      {}                           | {"a":{"bb":{"ccc":null}}}  | {"a":{"bb":{}}}
      """)
  void merge_theRfcAppendixExamples(String original, String patch, String result) throws Exception {
    JsonNode target = JSON.readTree(original);

    assertThat(MergePatch.merge(target, JSON.readTree(patch))).isEqualTo(JSON.readTree(result));
    assertThat(target).as("the original is not changed").isEqualTo(JSON.readTree(original));
  }

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      {"x":1,"at":{"frame":3}}     | {"x":2,"at":{"frame":9},"transition":{}}  | {"x":2,"at":{"frame":3}}
      {"text":{"size":10}}         | {"text":{"font":null,"size":12}}          | {"text":{"size":12}}
      """)
  void apply_leavesOutTheSkippedMembers_andMergesInPlace(
      String original, String patch, String result) throws Exception {
    ObjectNode target = (ObjectNode) JSON.readTree(original);

    MergePatch.apply(target, JSON.readTree(patch), Set.of("at", "transition"));

    assertThat(target).isEqualTo(JSON.readTree(result));
  }
}
