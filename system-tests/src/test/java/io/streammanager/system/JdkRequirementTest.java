package io.streammanager.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One JDK truth: {@code maven.compiler.release} in pom.xml is the version the enforcer requires,
 * the README names and the launcher looks for, and a launcher that finds no such JDK says which
 * version it needs and where it looked.
 */
class JdkRequirementTest {
  private static final Path ROOT = LauncherCopy.ROOT;
  private static final Pattern RELEASE =
      Pattern.compile("<maven\\.compiler\\.release>(\\d+)</maven\\.compiler\\.release>");

  @Test
  void theEnforcerAndTheReadme_needTheCompilerRelease() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    int release = release(pom);

    assertThat(pom).contains("<version>[${maven.compiler.release},)</version>");
    assertThat(Files.readString(ROOT.resolve("README.md")))
        .contains("Needs: a JDK " + release + " or newer");
  }

  @Test
  void theLauncher_refusesAJdkOlderThanTheRelease_namingTheVersionAndWhereItLooked(
      @TempDir Path dir) throws Exception {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    LauncherCopy launcher =
        new LauncherCopy(
            dir,
            RELEASE
                .matcher(pom)
                .replaceFirst("<maven.compiler.release>99</maven.compiler.release>"));

    LauncherCopy.Run run = launcher.run("build");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output())
        .contains("no JDK 99 or newer found. Looked at $JAVA_HOME and /usr/lib/jvm/*")
        .contains("Install one (e.g. Temurin 99) or set JAVA_HOME to it.");
  }

  private static int release(String pom) {
    Matcher m = RELEASE.matcher(pom);
    assertThat(m.find()).as("maven.compiler.release in pom.xml").isTrue();
    return Integer.parseInt(m.group(1));
  }
}
