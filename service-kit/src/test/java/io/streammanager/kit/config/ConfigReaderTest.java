package io.streammanager.kit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigReaderTest {
  private enum Mode {
    FAST,
    SAFE_MODE
  }

  private static ConfigReader reader(Map<String, String> env) {
    return new ConfigReader(EnvSource.of(env));
  }

  @Test
  void string_set_isTrimmed() {
    ConfigReader r = reader(Map.of("NAME", "  value  "));

    assertThat(r.string("NAME", "fallback")).isEqualTo("value");
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void string_unset_givesDefault() {
    assertThat(reader(Map.of()).string("NAME", "fallback")).isEqualTo("fallback");
  }

  @Test
  void integer_inRange_isRead() {
    ConfigReader r = reader(Map.of("N", "7"));

    assertThat(r.integer("N", 3, 1, 10)).isEqualTo(7);
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void integer_atBothLimits_isRead() {
    ConfigReader r = reader(Map.of("LOW", "1", "HIGH", "10"));

    assertThat(r.integer("LOW", 3, 1, 10)).isEqualTo(1);
    assertThat(r.integer("HIGH", 3, 1, 10)).isEqualTo(10);
    assertThat(r.problems()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "11", "-5", "seven", "7.5", "99999999999"})
  void integer_outOfRangeOrNotAnInteger_givesDefaultAndOneProblem(String raw) {
    ConfigReader r = reader(Map.of("N", raw));

    assertThat(r.integer("N", 3, 1, 10)).isEqualTo(3);
    assertThat(r.problems())
        .containsExactly("N='" + raw + "' is not allowed: expected an integer from 1 to 10");
  }

  @Test
  void port_zero_isAProblemNamingTheRange() {
    ConfigReader r = reader(Map.of("PORT", "65536"));

    assertThat(r.port("PORT", 80)).isEqualTo(80);
    assertThat(r.problems())
        .containsExactly("PORT='65536' is not allowed: expected an integer from 1 to 65535");
  }

  @ParameterizedTest
  @CsvSource({
    "true,true",
    "TRUE,true",
    "1,true",
    "yes,true",
    "On,true",
    "false,false",
    "0,false",
    "no,false",
    "OFF,false"
  })
  void bool_acceptedSpellings_areRead(String raw, boolean expected) {
    ConfigReader r = reader(Map.of("B", raw));

    assertThat(r.bool("B", !expected)).isEqualTo(expected);
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void bool_otherWord_givesDefaultAndProblem() {
    ConfigReader r = reader(Map.of("B", "enabled"));

    assertThat(r.bool("B", true)).isTrue();
    assertThat(r.problems()).containsExactly("B='enabled' is not allowed: expected true or false");
  }

  @Test
  void enumeration_anyCase_isRead() {
    ConfigReader r = reader(Map.of("MODE", "safe_mode"));

    assertThat(r.enumeration("MODE", Mode.FAST)).isEqualTo(Mode.SAFE_MODE);
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void enumeration_unknownName_listsTheLowerCaseNames() {
    ConfigReader r = reader(Map.of("MODE", "turbo"));

    assertThat(r.enumeration("MODE", Mode.FAST)).isEqualTo(Mode.FAST);
    assertThat(r.problems())
        .containsExactly("MODE='turbo' is not allowed: expected one of fast|safe_mode");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis://cache:6379",
        "REDIS://cache:6379",
        "rediss://user:pw@cache.example.com:6380/0"
      })
  void uri_allowedSchemeWithHost_isKeptAsWritten(String raw) {
    ConfigReader r = reader(Map.of("URL", raw));

    assertThat(r.uri("URL", "redis://default:1", "redis", "rediss")).isEqualTo(raw);
    assertThat(r.problems()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://cache:6379",
        "cache:6379",
        "redis://",
        "redis:///0",
        "redis://ca che:6379"
      })
  void uri_otherSchemeNoHostOrUnparsable_givesDefaultAndProblemNamingFirstScheme(String raw) {
    ConfigReader r = reader(Map.of("URL", raw));

    assertThat(r.uri("URL", "redis://default:1", "redis", "rediss")).isEqualTo("redis://default:1");
    assertThat(r.problems())
        .containsExactly("URL='" + raw + "' is not allowed: expected a URL like redis://host:port");
  }

  @Test
  void problems_severalBadValues_areAllKeptInOrder() {
    ConfigReader r = reader(Map.of("A", "x", "B", "maybe"));
    r.integer("A", 1, 1, 2);
    r.bool("B", false);
    r.problem("C", "c", "something else");

    assertThat(r.problems())
        .containsExactly(
            "A='x' is not allowed: expected an integer from 1 to 2",
            "B='maybe' is not allowed: expected true or false",
            "C='c' is not allowed: expected something else");
  }

  @Test
  void throwIfInvalid_noProblems_doesNotThrow() {
    ConfigReader r = reader(Map.of("A", "1"));
    r.integer("A", 1, 1, 2);

    assertThatCode(r::throwIfInvalid).doesNotThrowAnyException();
  }

  @Test
  void throwIfInvalid_problems_throwsWithEveryProblem() {
    ConfigReader r = reader(Map.of("A", "x", "B", "maybe"));
    r.integer("A", 1, 1, 2);
    r.bool("B", false);

    InvalidConfigurationException e =
        catchThrowableOfType(InvalidConfigurationException.class, r::throwIfInvalid);

    assertThat(e.problems())
        .containsExactly(
            "A='x' is not allowed: expected an integer from 1 to 2",
            "B='maybe' is not allowed: expected true or false");
  }
}
