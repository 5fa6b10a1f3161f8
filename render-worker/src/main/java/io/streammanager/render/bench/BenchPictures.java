package io.streammanager.render.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the bench scene's pictures as PNG files ({@code <asset>.png}) into a directory, for the
 * benchmarks that build the scene through the HTTP API ({@code ./stream-manager bench e2e|soak}).
 */
public final class BenchPictures {
  private BenchPictures() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: BenchPictures <directory>");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    for (Map.Entry<String, byte[]> p : BenchScene.pictures().entrySet()) {
      Files.write(dir.resolve(p.getKey() + ".png"), p.getValue());
    }
  }
}
