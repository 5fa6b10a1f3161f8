package io.streammanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streammanager.proto.MintedKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Minted keys go to the key log too, so {@code replay rebuild} restores them: a mint is stored and
 * logged, a revocation logged and done, and when the log does not take a record nothing changes.
 */
class MintedKeysTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
  private final List<MintedKey> log = new ArrayList<>();
  private boolean logAway;
  private final MintedKeys store = MintedKeys.memory();
  private final MintedKeys keys =
      MintedKeys.logged(
          store,
          k -> {
            if (logAway) {
              return CompletableFuture.failedFuture(
                  new org.apache.kafka.common.errors.TimeoutException("away"));
            }
            log.add(k);
            return CompletableFuture.completedFuture(null);
          },
          CLOCK);

  @Test
  void aMintAndARevocation_areStoredAndLogged() {
    assertThat(keys.putIfAbsent("cam", "aa11|read")).isTrue();
    assertThat(keys.putIfAbsent("cam", "bb22|read")).as("taken").isFalse();
    assertThat(keys.remove("cam")).isTrue();
    assertThat(keys.remove("cam")).as("gone").isFalse();

    assertThat(log)
        .extracting(MintedKey::getName, MintedKey::getValue, MintedKey::getRevoked)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cam", "aa11|read", false),
            org.assertj.core.groups.Tuple.tuple("cam", "aa11|read", true));
    assertThat(store.all()).isEmpty();
  }

  @Test
  void whenTheLogIsAway_aMintIsTakenBack_andARevocationIsNotDone() {
    keys.putIfAbsent("ops", "cc33|admin");
    logAway = true;

    assertThatThrownBy(() -> keys.putIfAbsent("cam", "aa11|read"))
        .isInstanceOf(MintedKeys.NotLoggedException.class)
        .hasMessageContaining("nothing was changed");
    assertThatThrownBy(() -> keys.remove("ops")).isInstanceOf(MintedKeys.NotLoggedException.class);

    assertThat(store.all()).isEqualTo(Map.of("ops", "cc33|admin"));
  }
}
