package io.streammanager.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository this build runs in (failsafe passes {@code sm.root}). */
final class Repo {
  static final String[] SERVICES = {
    "api-gateway", "layer-service", "render-worker", "encoder-worker"
  };

  private Repo() {}

  static Path root() {
    String root = System.getProperty("sm.root");
    if (root == null) {
      throw new IllegalStateException(
          "system property sm.root is not set: run through Maven (failsafe sets it)");
    }
    return Path.of(root).toAbsolutePath().normalize();
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  /** The OCI tarball Jib built for {@code service}, or a failure that says how to build it. */
  static Path imageTarball(String service) {
    Path tar = path(service + "/target/jib-image.tar");
    if (!Files.isRegularFile(tar)) {
      throw new AssertionError(
          "no image tarball "
              + tar
              + ": the `images` profile builds it in every full build "
              + "(mvn verify without -Dquick, ./stream-manager test); or: mvn package -Pimages -DskipTests -pl "
              + service
              + " -am");
    }
    return tar;
  }
}
