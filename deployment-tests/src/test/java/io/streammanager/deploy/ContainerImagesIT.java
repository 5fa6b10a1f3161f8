package io.streammanager.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammanager.localstack.KafkaBroker;
import io.streammanager.localstack.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four Jib image tarballs: what their configuration says (user, entrypoint, flags, ports), how
 * they share the base layer, and that each one really starts from its own root file system and
 * becomes healthy.
 */
class ContainerImagesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> MAIN_CLASSES =
      Map.of(
          "api-gateway", "io.streammanager.gateway.ApiGatewayMain",
          "layer-service", "io.streammanager.layers.LayerServiceMain",
          "render-worker", "io.streammanager.render.RenderWorkerMain",
          "encoder-worker", "io.streammanager.encoder.EncoderWorkerMain");
  private static final List<String> JVM_FLAGS =
      List.of(
          "-XX:MaxRAMPercentage=75",
          "-XX:+ExitOnOutOfMemoryError",
          "-XX:+UseSerialGC",
          "-Xss1m",
          "--enable-native-access=ALL-UNNAMED",
          "--sun-misc-unsafe-memory-access=allow",
          "--add-modules=jdk.incubator.vector",
          "-Djava.awt.headless=true");
  private static final List<String> ENCODER_FLAGS =
      List.of(
          "-Djava.library.path=/opt/ffmpeg/lib",
          "-Dorg.bytedeco.javacpp.pathsFirst=true",
          "-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp");
  private static final String VERSION = "0.1.0-SNAPSHOT";
  private static final Map<String, OciImage> IMAGES = new LinkedHashMap<>();

  @BeforeAll
  static void readTarballs() {
    for (String service : Repo.SERVICES) {
      IMAGES.put(service, OciImage.of(service));
    }
    IMAGES
        .values()
        .forEach(
            image ->
                System.out.printf(
                    "image %-45s %4d MB compressed, %d layers%n",
                    image.refName(),
                    image.compressedBytes() / 1_000_000,
                    image.layerDigests().size()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"api-gateway", "layer-service", "render-worker", "encoder-worker"})
  void imageConfig_eachService_runsJavaAsNonRootWithContainerAwareFlags(String service) {
    OciImage image = IMAGES.get(service);
    List<String> entrypoint = new ArrayList<>(List.of("java"));
    entrypoint.addAll(JVM_FLAGS);
    if (service.equals("encoder-worker")) {
      entrypoint.addAll(ENCODER_FLAGS);
    }
    entrypoint.addAll(List.of("-cp", "@/app/jib-classpath-file", MAIN_CLASSES.get(service)));
    List<String> ports =
        service.equals("api-gateway")
            ? List.of("3000/tcp", "3001/tcp", "8080/tcp", "9464/tcp")
            : List.of("8080/tcp", "9464/tcp");
    ObjectNode expected = JSON.createObjectNode();
    expected.set(
        "Env",
        JSON.valueToTree(
            List.of("JAVA_HOME=/opt/java", "PATH=/opt/java/bin:/usr/bin:/bin", "LANG=C.UTF-8")));
    expected.set("Entrypoint", JSON.valueToTree(entrypoint));
    ObjectNode exposed = expected.putObject("ExposedPorts");
    ports.forEach(p -> exposed.putObject(p));
    expected.put("WorkingDir", "/var/lib/stream-manager");
    expected.put("User", "10001:10001");
    expected.putObject("Volumes");

    ObjectNode actual = image.containerConfig().deepCopy();
    JsonNode labels = actual.remove("Labels");
    assertThat(actual).isEqualTo(expected);
    assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo(service);
    assertThat(labels.path("org.opencontainers.image.version").asText()).isEqualTo(VERSION);
    assertThat(image.refName()).isEqualTo("stream-manager/" + service + ":" + VERSION);
    assertThat(image.manifestMediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(
            image.imageConfig().path("architecture").asText()
                + "/"
                + image.imageConfig().path("os").asText())
        .isEqualTo("amd64/linux");
  }

  @Test
  void layers_ofTheFourImages_shareOneBaseRuntimeLayer() {
    Set<String> bases = new HashSet<>();
    IMAGES.values().forEach(image -> bases.add(image.layerFor("extra files")));

    // The base (jlink'ed runtime, glibc, fonts: the first extra-files layer) is byte-identical in
    // all four, so a registry or a node stores it once.
    assertThat(bases).hasSize(1);
    assertThat(IMAGES.values())
        .allSatisfy(image -> assertThat(image.layerDigests()).containsAll(bases));
  }

  @Test
  void compressedSize_ofEachImage_staysWithinItsBudget() {
    // Budgets well above today's sizes (docs/deploy.md): a sudden jump means something big slipped
    // in.
    Map<String, Long> megabytes = new LinkedHashMap<>();
    IMAGES.forEach((service, image) -> megabytes.put(service, image.compressedBytes() / 1_000_000));

    assertThat(megabytes)
        .allSatisfy(
            (service, mb) ->
                assertThat(mb)
                    .as(service)
                    .isLessThan(service.equals("encoder-worker") ? 220 : 160));
  }

  @Test
  void images_startedFromTheirOwnRootFileSystems_becomeHealthyOnARealBrokerAndRedis()
      throws Exception {
    ImageContainer.requireRoot();
    Map<String, Path> rootfs = new LinkedHashMap<>();
    IMAGES.forEach((service, image) -> rootfs.put(service, image.rootfs()));
    // What is copied in comes with its licence: the JDK's notices and Debian's copyright files.
    assertThat(rootfs.get("api-gateway").resolve("opt/java/legal/java.base/LICENSE"))
        .isRegularFile();
    assertThat(rootfs.get("api-gateway").resolve("usr/share/doc/libc6/copyright")).isRegularFile();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    try (KafkaBroker kafka = KafkaBroker.start();
        RedisServer redis = RedisServer.start()) {
      List<ImageContainer> containers = new ArrayList<>();
      Map<String, Integer> healthPorts = new LinkedHashMap<>();
      try {
        int[] all = freePorts(4 * Repo.SERVICES.length);
        for (int s = 0; s < Repo.SERVICES.length; s++) {
          String service = Repo.SERVICES[s];
          int[] ports = java.util.Arrays.copyOfRange(all, 4 * s, 4 * s + 4);
          healthPorts.put(service, ports[1]);
          Map<String, String> env = new LinkedHashMap<>();
          env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
          env.put("REDIS_URL", redis.url());
          env.put("METRICS_PORT", String.valueOf(ports[0]));
          env.put("HEALTH_PORT", String.valueOf(ports[1]));
          env.put("PORT", String.valueOf(ports[2]));
          env.put("WS_PORT", String.valueOf(ports[3]));
          env.put("ADMIN_TOKEN", "deployment-test-admin-token");
          env.put("STREAM_RESOLUTION", "640x360");
          // What a 1 GiB memory limit gives the JVM in a container (heap = 75 % of it).
          env.put("JAVA_TOOL_OPTIONS", "-XX:MaxRAM=1g");
          containers.add(ImageContainer.start(IMAGES.get(service), rootfs.get(service), env));
        }

        for (int i = 0; i < Repo.SERVICES.length; i++) {
          ImageContainer container = containers.get(i);
          int port = healthPorts.get(Repo.SERVICES[i]);
          Await.until(
              Duration.ofSeconds(150),
              container::logTail,
              () -> healthStatus(http, port) == 200 || !container.isAlive());
          assertThat(healthStatus(http, port)).as(container.logTail()).isEqualTo(200);
        }

        // They ran as the image's user, and the encoder loaded FFmpeg from /opt/ffmpeg/lib: nothing
        // unpacked.
        for (String service : Repo.SERVICES) {
          Path perf = rootfs.get(service).resolve("tmp/hsperfdata_streammanager");
          assertThat(Files.getAttribute(perf, "unix:uid")).as(service).isEqualTo(10001);
        }
        Path javacppCache = rootfs.get("encoder-worker").resolve("tmp/javacpp");
        if (Files.exists(javacppCache)) {
          try (Stream<Path> unpacked = Files.walk(javacppCache)) {
            assertThat(unpacked.filter(Files::isRegularFile).toList()).isEmpty();
          }
        }
      } finally {
        containers.forEach(ImageContainer::close);
      }
    }
  }

  private static int healthStatus(HttpClient http, int port) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static int[] freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0);
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // only probed
        }
      }
    }
  }
}
