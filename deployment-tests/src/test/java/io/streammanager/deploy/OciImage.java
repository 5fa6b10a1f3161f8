package io.streammanager.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One image tarball as Jib wrote it (an OCI image layout in a tar): the index, the manifest and the
 * image configuration, and, on demand, the root file system its layers make.
 */
final class OciImage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TAR_TIMEOUT = Duration.ofMinutes(2);

  private final String service;
  private final Path dir;
  private final JsonNode index;
  private final JsonNode manifest;
  private final JsonNode config;

  private OciImage(String service, Path dir, JsonNode index, JsonNode manifest, JsonNode config) {
    this.service = service;
    this.dir = dir;
    this.index = index;
    this.manifest = manifest;
    this.config = config;
  }

  /**
   * Unpacks the layout of {@code service}'s tarball below target/oci/{service} (fresh each time)
   * and reads it.
   */
  static OciImage of(String service) {
    Path tarball = Repo.imageTarball(service);
    Path dir = Repo.path("deployment-tests/target/oci/" + service);
    Path layout = dir.resolve("layout");
    deleteTree(dir);
    mkdirs(layout);
    Command.run(
            TAR_TIMEOUT,
            List.of(
                Tools.required("tar", "tar").toString(),
                "-xf",
                tarball.toString(),
                "-C",
                layout.toString()))
        .requireSuccess();
    JsonNode index = read(layout.resolve("index.json"));
    JsonNode manifest = read(blob(layout, index.path("manifests").path(0).path("digest").asText()));
    JsonNode config = read(blob(layout, manifest.path("config").path("digest").asText()));
    return new OciImage(service, dir, index, manifest, config);
  }

  String service() {
    return service;
  }

  /** The name Jib gave the image (index annotation org.opencontainers.image.ref.name). */
  String refName() {
    return index
        .path("manifests")
        .path(0)
        .path("annotations")
        .path("org.opencontainers.image.ref.name")
        .asText();
  }

  String manifestMediaType() {
    return manifest.path("mediaType").asText();
  }

  /**
   * The image configuration's "config": Entrypoint, Env, User, WorkingDir, ExposedPorts, Labels.
   */
  JsonNode containerConfig() {
    return config.path("config");
  }

  JsonNode imageConfig() {
    return config;
  }

  List<String> layerDigests() {
    List<String> digests = new ArrayList<>();
    manifest.path("layers").forEach(layer -> digests.add(layer.path("digest").asText()));
    return digests;
  }

  /**
   * The digest of the first layer whose history entry says one of {@code comments} (Jib:
   * "dependencies", "extra files", "project dependencies" or "snapshot dependencies" for our own
   * modules, depending on where Maven found them).
   */
  String layerFor(String... comments) {
    List<String> wanted = List.of(comments);
    List<String> digests = layerDigests();
    int layer = 0;
    for (JsonNode entry : config.path("history")) {
      if (entry.path("empty_layer").asBoolean(false)) {
        continue;
      }
      if (wanted.contains(entry.path("comment").asText())) {
        return digests.get(layer);
      }
      layer++;
    }
    throw new AssertionError(refName() + " has no layer " + wanted);
  }

  /** What the image weighs as pulled: the compressed layers plus the configuration. */
  long compressedBytes() {
    long total = manifest.path("config").path("size").asLong();
    for (JsonNode layer : manifest.path("layers")) {
      total += layer.path("size").asLong();
    }
    return total;
  }

  /**
   * Extracts every layer in order into target/oci/{service}/rootfs, as a container runtime would.
   */
  Path rootfs() {
    Path rootfs = dir.resolve("rootfs");
    deleteTree(rootfs);
    mkdirs(rootfs);
    String tar = Tools.required("tar", "tar").toString();
    for (String digest : layerDigests()) {
      Command.run(
              TAR_TIMEOUT,
              List.of(
                  tar,
                  "--warning=no-unknown-keyword",
                  "--same-owner",
                  "-xzpf",
                  blob(dir.resolve("layout"), digest).toString(),
                  "-C",
                  rootfs.toString()))
          .requireSuccess();
    }
    return rootfs;
  }

  Path dir() {
    return dir;
  }

  private static Path blob(Path layout, String digest) {
    if (!digest.startsWith("sha256:")) {
      throw new AssertionError("not a sha256 digest: '" + digest + "'");
    }
    return layout.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
