package io.streammanager.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.StreamState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeterminismTest {
  @Test
  void render_everyFeatureSceneTwiceWithFreshRenderers_givesIdenticalPixels() {
    for (Map.Entry<String, StreamState> scene : ReferenceScenes.all().entrySet()) {
      for (long frame : new long[] {0, 12, 45}) {
        int[] first =
            RenderFixture.render(
                scene.getValue(), frame, ReferenceScenes.PTS.plusMillis(frame * 33));
        int[] second =
            RenderFixture.render(
                scene.getValue(), frame, ReferenceScenes.PTS.plusMillis(frame * 33));

        assertThat(second).as("%s frame %d", scene.getKey(), frame).isEqualTo(first);
      }
    }
  }

  @Test
  void render_everyFeatureScene_changesWhileTweensRunAndNotAfter() {
    StreamState scene = ReferenceScenes.all().get("every-feature-medium");
    int[] start = RenderFixture.render(scene, 0, ReferenceScenes.PTS);
    int[] middle = RenderFixture.render(scene, 12, ReferenceScenes.PTS);
    int[] end = RenderFixture.render(scene, 30, ReferenceScenes.PTS);
    int[] later = RenderFixture.render(scene, 300, ReferenceScenes.PTS);

    assertThat(middle).isNotEqualTo(start).isNotEqualTo(end);
    assertThat(later).isEqualTo(end);
  }

  @Test
  void render_sameRendererReusedAcrossScenes_givesTheSamePixelsAsAFreshOne() {
    StreamState scene = ReferenceScenes.all().get("every-feature-high");
    var canvas =
        new java.awt.image.BufferedImage(
            RenderFixture.W, RenderFixture.H, java.awt.image.BufferedImage.TYPE_INT_RGB);
    SceneRenderer reused = new SceneRenderer(ReferenceScenes.assets());
    reused.render(ReferenceScenes.all().get("every-feature-low"), 7, ReferenceScenes.PTS, canvas);
    reused.render(scene, 12, ReferenceScenes.PTS, canvas);
    int[] pixels =
        ((java.awt.image.DataBufferInt) canvas.getRaster().getDataBuffer()).getData().clone();
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] &= 0xFFFFFF;
    }

    assertThat(pixels).isEqualTo(RenderFixture.render(scene, 12, ReferenceScenes.PTS));
  }

  /**
   * Given the golden frames rendered here, when another JVM (with the Vector API, or without it and
   * so on the plain Java paths) renders the same frames, then every byte is the same.
   */
  @ParameterizedTest(name = "vector API in the other JVM: {0}")
  @ValueSource(booleans = {true, false})
  void render_goldenFramesInASeparateJvm_giveIdenticalBytes(boolean vectorApi, @TempDir Path dir)
      throws Exception {
    byte[] here = GoldenFrames.renderAllInSequence();
    Path file = dir.resolve("frames.yuv");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true",
                "-XX:+UseSerialGC",
                "-Xmx256m"));
    if (vectorApi) {
      cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            SeparateJvmRender.class.getName(),
            file.toString()));
    // Its output goes to a file, so the timeout below holds even when the other JVM hangs without a
    // word.
    Path log = dir.resolve("other-jvm.log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = p.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("the other JVM finished within 120 s; output:%n%s", output).isTrue();

    assertThat(p.exitValue()).as("exit status; output:%n%s", output).isZero();
    assertThat(output).as("the other JVM's vector API state").contains("simd=" + vectorApi);
    assertThat(Files.readAllBytes(file)).as("frames from the other JVM").isEqualTo(here);
  }
}
