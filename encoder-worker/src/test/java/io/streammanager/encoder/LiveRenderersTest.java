package io.streammanager.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LiveRenderersTest {
  private long nanos = 1_000_000_000L;
  private final LiveRenderers renderers = new LiveRenderers(Duration.ofMillis(500), () -> nanos);

  private void advanceMillis(long ms) {
    nanos += ms * 1_000_000L;
  }

  @Test
  void picksTheWorkerHeardFromLast_neverOneGoneQuiet() {
    renderers.sawFrameFrom("w1");
    advanceMillis(10);
    renderers.sawFrameFrom("w2");

    assertThat(renderers.pick("")).contains("w2");
    assertThat(renderers.pick("w2")).as("another one when asked").contains("w1");

    advanceMillis(495);
    assertThat(renderers.pick("w2")).as("w1 quiet for 505 ms").contains("w2");
    advanceMillis(10);
    assertThat(renderers.pick("")).as("nobody heard from within 500 ms").isEmpty();
  }
}
