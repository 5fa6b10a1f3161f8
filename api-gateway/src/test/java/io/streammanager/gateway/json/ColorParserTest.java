package io.streammanager.gateway.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ColorParserTest {
  @ParameterizedTest
  @CsvSource({
    "#FF0000, FF0000FF",
    "#0000ff, 0000FFFF",
    "#FFFFFF, FFFFFFFF",
    "#000000, 000000FF",
    "#12345678, 12345678",
    "#ff000080, FF000080",
    "#f00, FF0000FF",
    "#F00A, FF0000AA",
    "#FF00, FFFF0000",
    "#abc, AABBCCFF",
    "red, FF0000FF",
    "BLUE, 0000FFFF",
    "' white ', FFFFFFFF",
    "black, 000000FF",
    "green, 008000FF",
    "lime, 00FF00FF",
    "gray, 808080FF",
    "grey, 808080FF",
    "orange, FFA500FF",
    "transparent, 00000000",
    "yellow, FFFF00FF",
    "cyan, 00FFFFFF",
    "magenta, FF00FFFF"
  })
  void parse_supportedForm_givesRgba(String text, String rgbaHex) {
    assertThat(ColorParser.parse(text)).contains(Integer.parseUnsignedInt(rgbaHex, 16));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "#",
        "FF0000",
        "#FF00000",
        "#FF0000FF00",
        "#GGG",
        "#12 345",
        "#-12345",
        "#+12345",
        "purple",
        "rgb(255,0,0)",
        "0xFF0000"
      })
  void parse_otherText_isEmpty(String text) {
    assertThat(ColorParser.parse(text)).isEmpty();
  }

  @Test
  void parse_null_isEmpty() {
    assertThat(ColorParser.parse(null)).isEqualTo(Optional.empty());
  }
}
