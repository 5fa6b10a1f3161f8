package io.streammanager.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Golden frames: every reference scene at the frames of {@link GoldenFrames}, as checked-in PNGs
 * (so a person can look at them) and SHA-256 checksums of the YUV420P bytes, under {@code
 * src/test/resources/golden/}.
 *
 * <p>After an intended change of the drawing, regenerate them and look at the PNGs in the diff:
 * {@code mvn -pl render-worker test -Dtest=GoldenTest -Dgolden.update=true}. A failing run writes
 * what it drew to {@code target/golden-actual/}.
 */
class GoldenTest {
  private static final String CHECKSUMS = "yuv-sha256.txt";
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private static Path moduleDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
  }

  @Test
  void render_everyReferenceScene_matchesTheCheckedInPngsAndYuvChecksums() throws IOException {
    Path golden = moduleDir().resolve("src/test/resources/golden");
    Path actual = moduleDir().resolve("target/golden-actual");
    Map<String, String> checksums = new LinkedHashMap<>();
    List<String> differing = new ArrayList<>();
    for (GoldenFrames.Golden g : GoldenFrames.all()) {
      BufferedImage canvas =
          new BufferedImage(RenderFixture.W, RenderFixture.H, BufferedImage.TYPE_INT_RGB);
      new SceneRenderer(ReferenceScenes.assets()).render(g.scene(), g.frame(), g.pts(), canvas);
      byte[] yuv = FrameRendererTest.fromScratch(g.scene(), g.frame(), g.pts());
      checksums.put(g.name() + ".yuv", sha256(yuv));
      Path png = golden.resolve(g.name() + ".png");
      if (UPDATE) {
        Files.createDirectories(golden);
        ImageIO.write(canvas, "png", png.toFile());
      } else if (!Files.exists(png) || !samePixels(ImageIO.read(png.toFile()), canvas)) {
        differing.add(g.name() + ".png");
        Files.createDirectories(actual);
        ImageIO.write(canvas, "png", actual.resolve(g.name() + ".png").toFile());
      }
    }
    String text = format(checksums);
    if (UPDATE) {
      Files.writeString(golden.resolve(CHECKSUMS), text);
      return;
    }
    Path sums = golden.resolve(CHECKSUMS);
    String expected = Files.exists(sums) ? Files.readString(sums) : "";
    if (!text.equals(expected)) {
      differing.add(CHECKSUMS);
      Files.createDirectories(actual);
      Files.writeString(actual.resolve(CHECKSUMS), text);
    }

    assertThat(differing)
        .as(
            "golden files that differ (drawn ones are in %s; after an intended change run "
                + "mvn -pl render-worker test -Dtest=GoldenTest -Dgolden.update=true and review the PNGs)",
            actual)
        .isEmpty();
    assertThat(text).isEqualTo(expected);
  }

  @Test
  void render_goldenFramesInSequenceWithOneRenderer_matchTheYuvChecksums() throws IOException {
    assumeFalse(UPDATE, "the goldens are being written");
    byte[] all = GoldenFrames.renderAllInSequence();
    int size = YuvConverter.frameSize(RenderFixture.W, RenderFixture.H);
    Map<String, String> checksums = new LinkedHashMap<>();
    List<GoldenFrames.Golden> goldens = GoldenFrames.all();
    for (int i = 0; i < goldens.size(); i++) {
      checksums.put(
          goldens.get(i).name() + ".yuv",
          sha256(java.util.Arrays.copyOfRange(all, i * size, (i + 1) * size)));
    }

    assertThat(format(checksums))
        .isEqualTo(
            Files.readString(moduleDir().resolve("src/test/resources/golden").resolve(CHECKSUMS)));
  }

  private static String format(Map<String, String> checksums) {
    StringBuilder out = new StringBuilder();
    checksums.forEach((name, sum) -> out.append(sum).append("  ").append(name).append('\n'));
    return out.toString();
  }

  private static boolean samePixels(BufferedImage png, BufferedImage canvas) {
    if (png == null
        || png.getWidth() != canvas.getWidth()
        || png.getHeight() != canvas.getHeight()) {
      return false;
    }
    for (int y = 0; y < png.getHeight(); y++) {
      for (int x = 0; x < png.getWidth(); x++) {
        if ((png.getRGB(x, y) & 0xFFFFFF) != (canvas.getRGB(x, y) & 0xFFFFFF)) {
          return false;
        }
      }
    }
    return true;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
