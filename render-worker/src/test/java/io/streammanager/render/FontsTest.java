package io.streammanager.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FontsTest {
  @Test
  void families_areTheThreeShippedOnes() {
    assertThat(Fonts.families()).containsExactly("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono");
  }

  @Test
  void isShipped_anyCase_isTrueOnlyForShippedFamilies() {
    assertThat(List.of("dejavu sans", "DEJAVU SERIF", "DejaVu Sans Mono"))
        .allMatch(Fonts::isShipped);
    assertThat(List.of("Arial", "DejaVu Sans Bold", "Dialog", "")).noneMatch(Fonts::isShipped);
    assertThat(Fonts.isShipped(null)).isFalse();
  }

  @Test
  void font_everyFamilyWeightAndSlant_isItsOwnShippedFace() {
    List<String> names = new ArrayList<>();
    for (String family : Fonts.families()) {
      for (int weight : new int[] {400, 700}) {
        for (boolean italic : new boolean[] {false, true}) {
          names.add(Fonts.font(family, weight, italic, 20).getFontName());
        }
      }
    }

    assertThat(names)
        .containsExactly(
            "DejaVu Sans",
            "DejaVu Sans Oblique",
            "DejaVu Sans Bold",
            "DejaVu Sans Bold Oblique",
            "DejaVu Serif",
            "DejaVu Serif Italic",
            "DejaVu Serif Bold",
            "DejaVu Serif Bold Italic",
            "DejaVu Sans Mono",
            "DejaVu Sans Mono Oblique",
            "DejaVu Sans Mono Bold",
            "DejaVu Sans Mono Bold Oblique");
  }

  @Test
  void font_weightThreshold_isSixHundred() {
    assertThat(Fonts.font("DejaVu Sans", 599, false, 12).getFontName()).isEqualTo("DejaVu Sans");
    assertThat(Fonts.font("DejaVu Sans", 600, false, 12).getFontName())
        .isEqualTo("DejaVu Sans Bold");
    assertThat(Fonts.font("DejaVu Sans", 0, false, 12).getFontName()).isEqualTo("DejaVu Sans");
  }

  @Test
  void font_unknownOrEmptyFamily_isTheDefaultFamilyAtTheRequestedSize() {
    Font unknown = Fonts.font("Comic Sans", 700, false, 18);

    assertThat(List.of(unknown.getFontName(), unknown.getSize2D()))
        .containsExactly("DejaVu Sans Bold", 18f);
    assertThat(Fonts.font("", 400, false, 18).getFontName()).isEqualTo("DejaVu Sans");
    assertThat(Fonts.font(null, 400, true, 18).getFontName()).isEqualTo("DejaVu Sans Oblique");
  }

  @Test
  void families_areExactlyTheOnesTheGatewayAccepts() {
    assertThat(Fonts.families())
        .containsExactlyInAnyOrderElementsOf(io.streammanager.proto.FontFamilies.NAMES);
  }
}
