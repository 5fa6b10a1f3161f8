package io.streammanager.encoder.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Decoded clips are bounded per run and, across every run of the encoder, by one shared budget. */
class ClipStoreTest {
  private final Counter failures = new SimpleMeterRegistry().counter("failures");

  /** A "decoder" giving 1000 samples (2000 bytes) for any file. */
  private ClipStore store(ClipStore.Budget process, String name) {
    return new ClipStore(
        bytes -> new short[1000],
        1 << 20,
        process,
        id -> Optional.of(new byte[] {1}),
        name,
        failures);
  }

  @Test
  void twoRuns_overTheSharedBudget_theClipThatDoesNotFitIsSilentAndCounted() {
    ClipStore.Budget budget = ClipStore.Budget.of(3000);
    ClipStore first = store(budget, "run 1");
    ClipStore second = store(budget, "run 2");

    first.request("bed", Runnable::run);
    second.request("bed", Runnable::run);

    assertThat(first.ready("bed")).isPresent();
    assertThat(second.ready("bed")).as("2000 + 2000 bytes over a 3000-byte budget").isEmpty();
    assertThat(failures.count()).isEqualTo(1);
    assertThat(budget.used().get()).isEqualTo(2000);
  }

  @Test
  void aClipNoLayerPlays_givesItsBytesBackToTheSharedBudget() {
    ClipStore.Budget budget = ClipStore.Budget.of(3000);
    ClipStore first = store(budget, "run 1");
    first.request("bed", Runnable::run);

    first.keepOnly(List.of());
    ClipStore second = store(budget, "run 2");
    second.request("bed", Runnable::run);

    assertThat(second.ready("bed")).isPresent();
    assertThat(budget.used().get()).isEqualTo(2000);
  }
}
