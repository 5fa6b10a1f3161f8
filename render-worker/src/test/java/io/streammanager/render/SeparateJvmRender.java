package io.streammanager.render;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link DeterminismTest}: writes {@link GoldenFrames#renderAllInSequence}
 * to the file named by the first argument, and on the second line of stdout whether the Vector API
 * was on.
 */
public final class SeparateJvmRender {
  private SeparateJvmRender() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Files.write(Path.of(args[0]), GoldenFrames.renderAllInSequence());
    System.out.println("rendered");
    System.out.println("simd=" + Simd.AVAILABLE);
  }
}
