package io.streammanager.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * compose/docker-compose.yml as Docker Compose itself reads it (Debian's docker-compose 1.29, no
 * engine needed).
 */
class ComposeFileIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Map<String, String> ENV =
      Map.of(
          "ADMIN_TOKEN",
          "compose-test-admin-token",
          "PATH",
          System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));

  private static Command.Result compose(Map<String, String> env, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Tools.dockerCompose().toString(),
                "-f",
                Repo.path("compose/docker-compose.yml").toString()));
    command.addAll(List.of(args));
    return Command.run(TIMEOUT, command, env);
  }

  @Test
  void config_quiet_acceptsTheFile() {
    Command.Result result = compose(ENV, "config", "-q").requireSuccess();

    assertThat(result.out() + result.err()).isEmpty();
  }

  @Test
  void config_withoutAdminToken_refusesToRenderAndSaysWhatToSet() {
    Command.Result result = compose(Map.of("ADMIN_TOKEN", ""), "config", "-q");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("set ADMIN_TOKEN to 16+ characters (compose/README.md)");
  }

  @Test
  void config_services_areTheStackWithTheImagesJibBuilds() {
    JsonNode config = Yaml.one(compose(ENV, "config").requireSuccess().out());
    JsonNode services = config.path("services");

    List<String> names = new ArrayList<>();
    services.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactlyInAnyOrder(
            "kafka-1",
            "kafka-2",
            "kafka-3",
            "redis",
            "api-gateway",
            "layer-service",
            "render-worker",
            "encoder-worker",
            "nginx-rtmp",
            "prometheus",
            "grafana");
    for (String service : Repo.SERVICES) {
      JsonNode s = services.path(service);
      assertThat(s.path("image").asText())
          .isEqualTo("stream-manager/" + service + ":0.1.0-SNAPSHOT");
      assertThat(s.path("environment").path("KAFKA_BOOTSTRAP_SERVERS").asText())
          .isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
      assertThat(s.path("environment").path("KAFKA_REPLICATION_FACTOR").asText()).isEqualTo("3");
      assertThat(s.path("environment").path("KAFKA_MIN_INSYNC_REPLICAS").asText()).isEqualTo("2");
      assertThat(s.path("environment").path("REDIS_URL").asText()).isEqualTo("redis://redis:6379");
      assertThat(s.path("environment").path("ADMIN_TOKEN").asText())
          .isEqualTo("compose-test-admin-token");
      for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
        assertThat(s.path("depends_on").path(broker).path("condition").asText())
            .isEqualTo("service_healthy");
      }
      assertThat(s.path("depends_on").path("redis").path("condition").asText())
          .isEqualTo("service_healthy");
      assertThat(s.path("restart").asText()).isEqualTo("unless-stopped");
      // The gateway gives the default stream its output; the encoder checks outputs against it:
      // both must see it.
      assertThat(s.path("environment").path("STREAM_URL").asText())
          .as(service)
          .isEqualTo("rtmp://nginx-rtmp:1935/live/{stream}");
      assertThat(s.path("environment").path("AUDIO_CODEC").asText()).as(service).isEqualTo("aac");
    }
    for (int node = 1; node <= 3; node++) {
      JsonNode env = services.path("kafka-" + node).path("environment");
      assertThat(env.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
      assertThat(env.path("KAFKA_NODE_ID").asText()).isEqualTo(String.valueOf(node));
      assertThat(env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText())
          .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
      assertThat(env.path("KAFKA_MIN_INSYNC_REPLICAS").asText()).isEqualTo("2");
    }
  }

  @Test
  void everyVariableSetForAService_isOneItsConfigurationReads() {
    JsonNode services = Yaml.one(compose(ENV, "config").requireSuccess().out()).path("services");

    for (String service : Repo.SERVICES) {
      List<String> set = new ArrayList<>();
      services.path(service).path("environment").fieldNames().forEachRemaining(set::add);
      assertThat(set).as(service).isNotEmpty();
      assertThat(ServiceVariables.unread(service, set))
          .as("set for %s but never read by it", service)
          .isEmpty();
    }
  }

  @Test
  void renderWorker_hasNoNameOrHostPort_soScaleCanRunMany() {
    JsonNode render =
        Yaml.one(compose(ENV, "config").requireSuccess().out())
            .path("services")
            .path("render-worker");

    assertThat(render.has("container_name")).isFalse();
    assertThat(render.has("ports")).isFalse();
    assertThat(render.path("deploy").path("replicas").asInt()).isEqualTo(2);
  }

  @Test
  void config_withScaledRenderWorkers_takesTheReplicaCount() {
    Map<String, String> env = new java.util.HashMap<>(ENV);
    env.put("RENDER_WORKERS", "6");

    JsonNode render =
        Yaml.one(compose(env, "config").requireSuccess().out())
            .path("services")
            .path("render-worker");

    assertThat(render.path("deploy").path("replicas").asInt()).isEqualTo(6);
  }

  @Test
  void monitoringFiles_mountedByCompose_existAndParse() throws Exception {
    JsonNode prometheus =
        Yaml.one(Files.readString(Repo.path("compose/prometheus/prometheus.yml")));
    JsonNode alerts = Yaml.one(Files.readString(Repo.path("compose/prometheus/alerts.yml")));
    JsonNode dashboard =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(Repo.path("compose/grafana/dashboards/stream-manager.json").toFile());

    assertThat(
            prometheus.path("scrape_configs").path(0).path("dns_sd_configs").path(0).path("names"))
        .extracting(JsonNode::asText)
        .containsExactly("api-gateway", "layer-service", "render-worker", "encoder-worker");
    List<String> alertNames = new ArrayList<>();
    alerts
        .path("groups")
        .path(0)
        .path("rules")
        .forEach(r -> alertNames.add(r.path("alert").asText()));
    assertThat(alertNames)
        .containsExactly(
            "StreamManagerServiceDown",
            "StreamManagerFramesDropped",
            "StreamManagerEncoderOverflow",
            "StreamManagerRenderTooSlow",
            "StreamManagerRenderTicksSkipped",
            "StreamManagerDeadLetters",
            "StreamManagerLiveButNoFrames",
            "StreamManagerHeapNearlyFull");
    assertThat(dashboard.path("uid").asText()).isEqualTo("stream-manager");
    for (Path mounted :
        List.of(
            Path.of("compose/nginx-rtmp/nginx.conf"),
            Path.of("compose/grafana/provisioning/datasources/prometheus.yml"),
            Path.of("compose/grafana/provisioning/dashboards/stream-manager.yml"))) {
      assertThat(Repo.root().resolve(mounted)).isRegularFile();
    }
  }
}
