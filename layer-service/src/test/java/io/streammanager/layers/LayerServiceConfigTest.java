package io.streammanager.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streammanager.kit.config.EnvSource;
import io.streammanager.kit.config.InvalidConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerServiceConfigTest {
  @Test
  void from_emptyEnvironment_isEveryDefault() {
    assertThat(LayerServiceConfig.from(EnvSource.of(Map.of())))
        .isEqualTo(new LayerServiceConfig(1000))
        .isEqualTo(LayerServiceConfig.defaults());
  }

  @Test
  void from_sessionTimeout_isRead() {
    assertThat(
            LayerServiceConfig.from(EnvSource.of(Map.of("LAYER_SESSION_TIMEOUT_MS", "6000")))
                .sessionTimeoutMs())
        .isEqualTo(6000);
  }

  @Test
  void from_sessionTimeoutOutOfRange_saysWhatIsAllowed() {
    assertThatThrownBy(
            () -> LayerServiceConfig.from(EnvSource.of(Map.of("LAYER_SESSION_TIMEOUT_MS", "500"))))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(
            "LAYER_SESSION_TIMEOUT_MS='500' is not allowed: expected an integer from 1000 to 60000");
  }
}
