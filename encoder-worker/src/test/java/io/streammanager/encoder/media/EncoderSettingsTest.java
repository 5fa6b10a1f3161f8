package io.streammanager.encoder.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EncoderSettingsTest {

  @Test
  void of_fillsEveryDefault() {
    EncoderSettings settings = EncoderSettings.of(1280, 720, 30, 4500, "rtmp://ingest/live/key");

    assertThat(settings.x264Preset()).isEqualTo("veryfast");
    assertThat(settings.h264Profile()).isEqualTo("main");
    assertThat(settings.keyframeIntervalFrames()).isEqualTo(60);
    assertThat(settings.audioEnabled()).isTrue();
    assertThat(settings.audioCodec()).isEqualTo(AudioCodecKind.AAC);
    assertThat(settings.audioBitrateKbps()).isEqualTo(128);
  }

  @Test
  void constructor_zeroWidthAndNegativeBitrate_reportsBothFieldsAtOnce() {
    assertThatThrownBy(() -> EncoderSettings.of(0, 720, 30, -1, "out.flv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("width must be an even number 2..7680")
        .hasMessageContaining("got 0")
        .hasMessageContaining("videoBitrateKbps must be 1..1000000, got -1")
        .hasMessageNotContaining("height");
  }

  @Test
  void constructor_oddSize_isRejectedBecauseH264420CannotCodeIt() {
    assertThatThrownBy(() -> EncoderSettings.of(321, 181, 30, 800, "out.flv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "width must be an even number 2..7680 (H.264 4:2:0 cannot code odd sizes), got 321")
        .hasMessageContaining(
            "height must be an even number 2..4320 (H.264 4:2:0 cannot code odd sizes), got 181");
  }

  @Test
  void constructor_everyFieldWrong_listsEveryProblem() {
    assertThatThrownBy(
            () ->
                new EncoderSettings(
                    -2, 9000, 0, 0, "turbo", "extreme", -1, true, null, 1, "out.avi"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(
            "width",
            "height",
            "fps",
            "videoBitrateKbps",
            "x264Preset must be one of",
            "h264Profile must be one of",
            "keyframeIntervalFrames",
            "audioCodec must be set",
            "audioBitrateKbps must be 8..512",
            "outputUrl must be");
  }

  @Test
  void constructor_audioDisabled_needsNoCodecOrBitrate() {
    EncoderSettings settings =
        new EncoderSettings(640, 360, 25, 1000, null, null, 0, false, null, 0, "out.mkv");

    assertThat(settings.audioCodec()).isEqualTo(AudioCodecKind.AAC);
    assertThat(settings.keyframeIntervalFrames()).isEqualTo(50);
  }

  @Test
  void constructor_unsupportedOutputs_areRejected() {
    for (String url : new String[] {"out.avi", "http://host/live", "rtmp:///nohost", "", "   "}) {
      assertThatThrownBy(() -> EncoderSettings.of(640, 360, 30, 800, url))
          .as(url)
          .hasMessageContaining("outputUrl must be an rtmp://, rtmps:// or srt:// URL");
    }
  }

  @Test
  void toString_hidesTheStreamKey() {
    EncoderSettings settings =
        EncoderSettings.of(1280, 720, 30, 4500, "rtmps://user:pw@ingest:443/app/sk-123?x=1");

    assertThat(settings.toString())
        .contains("rtmps://***@ingest:443/app/***?***")
        .doesNotContain("sk-123", "pw", "x=1");
  }

  @Test
  void frameBytes_isTheI420Size() {
    assertThat(EncoderSettings.of(322, 182, 30, 800, "out.mp4").frameBytes())
        .isEqualTo(322 * 182 + 2 * 161 * 91);
  }
}
