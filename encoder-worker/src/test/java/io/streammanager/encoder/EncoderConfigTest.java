package io.streammanager.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streammanager.kit.config.EnvSource;
import io.streammanager.kit.config.InvalidConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncoderConfigTest {
  @Test
  void from_emptyEnvironment_isEveryDefault() {
    assertThat(EncoderConfig.from(EnvSource.of(Map.of()))).isEqualTo(new EncoderConfig(8, 2000));
  }

  @Test
  void from_reorderDepth_isRead() {
    assertThat(
            EncoderConfig.from(EnvSource.of(Map.of("ENCODER_REORDER_DEPTH", "24"))).reorderDepth())
        .isEqualTo(24);
  }

  @Test
  void from_sessionTimeout_isRead() {
    assertThat(
            EncoderConfig.from(EnvSource.of(Map.of("ENCODER_SESSION_TIMEOUT_MS", "6000")))
                .sessionTimeoutMs())
        .isEqualTo(6000);
  }

  @Test
  void from_everyBadValue_isReportedAtOnce() {
    assertThatThrownBy(
            () ->
                EncoderConfig.from(
                    EnvSource.of(
                        Map.of("ENCODER_REORDER_DEPTH", "0", "ENCODER_SESSION_TIMEOUT_MS", "500"))))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("ENCODER_REORDER_DEPTH='0' is not allowed")
        .hasMessageContaining(
            "ENCODER_SESSION_TIMEOUT_MS='500' is not allowed: expected an integer from 1000 to 60000");
  }

  @Test
  void from_reorderDepthOutOfRange_saysWhatIsAllowed() {
    assertThatThrownBy(() -> EncoderConfig.from(EnvSource.of(Map.of("ENCODER_REORDER_DEPTH", "0"))))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(
            "ENCODER_REORDER_DEPTH='0' is not allowed: expected an integer from 1 to 300");
  }
}
