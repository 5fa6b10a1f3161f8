package io.streammanager.render;

import static io.streammanager.render.ReferenceScenes.PTS;
import static io.streammanager.render.ReferenceScenes.countdown;
import static io.streammanager.render.ReferenceScenes.state;
import static io.streammanager.render.ReferenceScenes.style;
import static io.streammanager.render.ReferenceScenes.text;
import static io.streammanager.render.RenderFixture.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.streammanager.proto.ClockFace;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockTextTest {
  private final ClockText clocks = new ClockText();

  private static ClockFace countdownTo(Instant to, String pattern) {
    return ClockFace.newBuilder()
        .setPattern(pattern)
        .setCountdownTo(
            Timestamp.newBuilder().setSeconds(to.getEpochSecond()).setNanos(to.getNano()))
        .build();
  }

  @Test
  void text_countdownFiveSecondsBefore_showsFiveSeconds() {
    assertThat(clocks.text(countdownTo(PTS.plusSeconds(5), ""), PTS)).isEqualTo("00:00:05");
  }

  @Test
  void text_countdownAtAndAfterTheTarget_staysAtZero() {
    assertThat(clocks.text(countdownTo(PTS, "HH:mm:ss"), PTS)).isEqualTo("00:00:00");
    assertThat(clocks.text(countdownTo(PTS.minusSeconds(3600), "HH:mm:ss.SSS"), PTS))
        .isEqualTo("00:00:00.000");
  }

  @Test
  void text_countdownWithAFractionLeft_truncatesLikeAClock() {
    assertThat(clocks.text(countdownTo(PTS.plusMillis(4_999), "HH:mm:ss"), PTS))
        .isEqualTo("00:00:04");
    assertThat(clocks.text(countdownTo(PTS.plusNanos(4_999_999_999L), "ss.SSS"), PTS))
        .isEqualTo("04.999");
  }

  @Test
  void countdown_largestUnitInThePattern_carriesTheWholeRemainder() {
    long ninetyMinutes = 90 * 60_000L;

    assertThat(clocks.countdown("mm:ss", ninetyMinutes)).isEqualTo("90:00");
    assertThat(clocks.countdown("HH:mm:ss", 100 * 3_600_000L + 61_000)).isEqualTo("100:01:01");
    assertThat(clocks.countdown("d'd' HH:mm", 2 * 86_400_000L + 3 * 3_600_000L + 4 * 60_000L))
        .isEqualTo("2d 03:04");
  }

  @Test
  void countdown_patternLetters_padAndTakeFractions() {
    long t = 3 * 3_600_000L + 4 * 60_000L + 5_000 + 678;

    assertThat(clocks.countdown("H:m:s", t)).isEqualTo("3:4:5");
    assertThat(clocks.countdown("HH:mm:ss.SSS", t)).isEqualTo("03:04:05.678");
    assertThat(clocks.countdown("mm:ss.SS|s.S", 5_678)).isEqualTo("00:05.67|5.6");
    assertThat(clocks.countdown("'It''s' mm 'min'", t)).isEqualTo("It's 184 min");
  }

  @Test
  void text_clockPatternInAZone_formatsThePresentationTime() {
    ClockFace paris =
        ClockFace.newBuilder().setPattern("HH:mm:ss.SSS").setTimeZone("Europe/Paris").build();

    assertThat(clocks.text(paris, PTS)).isEqualTo("13:34:56.250");
  }

  @Test
  void text_unknownZoneOrBadPattern_fallsBackToUtcAndTheDefaultPattern() {
    assertThat(
            clocks.text(
                ClockFace.newBuilder().setPattern("HH:mm").setTimeZone("Mars/Olympus").build(),
                PTS))
        .isEqualTo("12:34");
    assertThat(
            clocks.text(
                ClockFace.newBuilder().setPattern("HH:mm {").setTimeZone("UTC").build(), PTS))
        .isEqualTo("12:34:56");
    assertThat(clocks.text(ClockFace.getDefaultInstance(), PTS)).isEqualTo("12:34:56");
  }

  @Test
  void render_countdownLayer_drawsLikeTheSameText() {
    int[] countdown =
        render(state(countdown("c", 20, 100, PTS.plusSeconds(5), style(32, 0xFFFFFFFF)).build()));
    int[] text = render(state(text("t", 20, 100, "00:00:05", style(32, 0xFFFFFFFF)).build()));

    assertThat(countdown).isEqualTo(text);
  }
}
