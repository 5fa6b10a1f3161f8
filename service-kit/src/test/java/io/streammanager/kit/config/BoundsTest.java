package io.streammanager.kit.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoundsTest {
  @ParameterizedTest(name = "{0}x{1}: {2}")
  @CsvSource({
    "128, 72, true",
    "7680, 4320, true",
    "1920, 1080, true",
    "126, 72, false",
    "128, 70, false",
    "7682, 4320, false",
    "7680, 4322, false",
    "1921, 1080, false",
    "1920, 1081, false"
  })
  void aResolution_isEvenAndWithinItsRanges(int width, int height, boolean allowed) {
    assertThat(Bounds.resolution(width, height)).isEqualTo(allowed);
  }

  @org.junit.jupiter.api.Test
  void aRange_saysItselfAsTheMessagesShowIt() {
    assertThat(Bounds.RESOLUTION_RULE).isEqualTo("even numbers, width 128..7680, height 72..4320");
    assertThat(Bounds.TEXT_SIZE.words()).isEqualTo("from 1 to 1000");
    assertThat(Bounds.FPS.contains(120.5)).isFalse();
  }
}
