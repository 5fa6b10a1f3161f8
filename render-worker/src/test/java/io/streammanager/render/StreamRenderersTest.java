package io.streammanager.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamRenderersTest {
  private final StreamRenderers renderers =
      new StreamRenderers(new SceneRenderer(ReferenceScenes.assets()), new FrameStats(), 2);

  @Test
  void of_sameRunTwice_givesTheSamePipeline() {
    assertThat(renderers.of("a", "r1")).isSameAs(renderers.of("a", "r1"));
  }

  @Test
  void of_newRunOfTheSameStream_givesANewPipeline() {
    assertThat(renderers.of("a", "r2")).isNotSameAs(renderers.of("a", "r1"));
  }

  @Test
  void of_moreRunsThanCapacity_dropsTheLeastRecentlyUsed() {
    StreamRenderers.Pipeline a = renderers.of("a", "r1");
    StreamRenderers.Pipeline b = renderers.of("b", "r1");
    renderers.of("a", "r1");
    renderers.of("c", "r1");

    assertThat(renderers.size()).isEqualTo(2);
    assertThat(renderers.of("a", "r1")).isSameAs(a);
    assertThat(renderers.of("b", "r1")).isNotSameAs(b);
  }

  @Test
  void new_capacityZero_isRejected() {
    assertThatThrownBy(
            () ->
                new StreamRenderers(
                    new SceneRenderer(ReferenceScenes.assets()), new FrameStats(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be at least 1, not 0");
  }
}
