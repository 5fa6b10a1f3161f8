package io.streammanager.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * helm/stream-manager through a real helm: lint, then the rendered manifests of default and
 * production values.
 */
class HelmChartIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String CHART = "helm/stream-manager";
  private static final String PRODUCTION = "helm/stream-manager/ci/production-values.yaml";

  private static Command.Result helm(String... args) {
    List<String> command = new ArrayList<>(List.of(Tools.helm().toString()));
    command.addAll(List.of(args));
    return Command.run(TIMEOUT, command);
  }

  /** `helm template sm <chart> [args]`, every document parsed. */
  private static List<JsonNode> template(String... args) {
    List<String> command = new ArrayList<>(List.of("template", "sm", Repo.path(CHART).toString()));
    command.addAll(List.of(args));
    return Yaml.all(helm(command.toArray(String[]::new)).requireSuccess().out());
  }

  private static Map<String, Long> kinds(List<JsonNode> docs) {
    return docs.stream()
        .collect(
            Collectors.groupingBy(
                d -> d.path("kind").asText(), TreeMap::new, Collectors.counting()));
  }

  private static JsonNode find(List<JsonNode> docs, String kind, String name) {
    return docs.stream()
        .filter(
            d ->
                d.path("kind").asText().equals(kind)
                    && d.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + kinds(docs)));
  }

  private static JsonNode container(List<JsonNode> docs, String service) {
    return find(docs, "Deployment", "sm-stream-manager-" + service)
        .path("spec")
        .path("template")
        .path("spec")
        .path("containers")
        .path(0);
  }

  @Test
  void everyVariableTheChartGivesAService_isOneItsConfigurationReads() {
    for (List<JsonNode> docs :
        List.of(template(), template("-f", Repo.path(PRODUCTION).toString()))) {
      List<String> shared = new ArrayList<>();
      find(docs, "ConfigMap", "sm-stream-manager-config")
          .path("data")
          .fieldNames()
          .forEachRemaining(shared::add);
      docs.stream()
          .filter(d -> d.path("kind").asText().equals("Secret"))
          .forEach(secret -> secret.path("data").fieldNames().forEachRemaining(shared::add));
      for (String service : Repo.SERVICES) {
        List<String> set = new ArrayList<>(shared);
        container(docs, service).path("env").forEach(e -> set.add(e.path("name").asText()));
        assertThat(ServiceVariables.unread(service, set))
            .as("given to %s but never read by it", service)
            .isEmpty();
      }
    }
  }

  @Test
  void lint_defaultAndProductionValues_passWithoutFailures() {
    Command.Result defaults = helm("lint", Repo.path(CHART).toString()).requireSuccess();
    Command.Result production =
        helm("lint", Repo.path(CHART).toString(), "-f", Repo.path(PRODUCTION).toString())
            .requireSuccess();

    assertThat(defaults.out())
        .contains("1 chart(s) linted, 0 chart(s) failed")
        .doesNotContain("[ERROR]");
    assertThat(production.out())
        .contains("1 chart(s) linted, 0 chart(s) failed")
        .doesNotContain("[ERROR]");
  }

  @Test
  void template_defaultValues_rendersTheServicesWithAnHpaOnCpuForRenderWorkers() {
    List<JsonNode> docs = template();

    assertThat(kinds(docs))
        .isEqualTo(
            new TreeMap<>(
                Map.of(
                    "ConfigMap",
                    1L,
                    "Secret",
                    1L,
                    "Deployment",
                    4L,
                    "Service",
                    4L,
                    "PodDisruptionBudget",
                    4L,
                    "HorizontalPodAutoscaler",
                    1L)));
    JsonNode hpa =
        find(docs, "HorizontalPodAutoscaler", "sm-stream-manager-render-worker").path("spec");
    assertThat(hpa.path("scaleTargetRef").path("name").asText())
        .isEqualTo("sm-stream-manager-render-worker");
    assertThat(hpa.path("minReplicas").asInt()).isEqualTo(2);
    assertThat(hpa.path("maxReplicas").asInt()).isEqualTo(12);
    assertThat(hpa.path("metrics").path(0).path("resource").path("name").asText()).isEqualTo("cpu");
    assertThat(
            hpa.path("metrics")
                .path(0)
                .path("resource")
                .path("target")
                .path("averageUtilization")
                .asInt())
        .isEqualTo(70);
  }

  @Test
  void template_defaultValues_setsReplicasWithOneEncoderStandbyAndNoneForTheAutoscaledWorkers() {
    List<JsonNode> docs = template();

    Map<String, String> replicas = new TreeMap<>();
    for (String service : Repo.SERVICES) {
      replicas.put(
          service,
          find(docs, "Deployment", "sm-stream-manager-" + service)
              .path("spec")
              .path("replicas")
              .asText("<none>"));
    }
    assertThat(replicas)
        .isEqualTo(
            new TreeMap<>(
                Map.of(
                    "api-gateway",
                    "2",
                    "layer-service",
                    "2",
                    "render-worker",
                    "<none>",
                    "encoder-worker",
                    "2")));
    assertThat(
            find(docs, "PodDisruptionBudget", "sm-stream-manager-encoder-worker")
                .path("spec")
                .path("maxUnavailable")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void template_everyDeployment_probesHealthAndReadsConfigMapAndSecret() {
    List<JsonNode> docs = template();

    for (String service : Repo.SERVICES) {
      JsonNode c = container(docs, service);
      assertThat(c.path("image").asText())
          .isEqualTo("stream-manager/" + service + ":0.1.0-SNAPSHOT");
      assertThat(c.path("startupProbe").path("httpGet").toString())
          .isEqualTo("{\"path\":\"/health\",\"port\":\"health\"}");
      assertThat(c.path("readinessProbe").path("httpGet").toString())
          .isEqualTo("{\"path\":\"/health\",\"port\":\"health\"}");
      assertThat(c.path("livenessProbe").path("tcpSocket").toString())
          .isEqualTo("{\"port\":\"health\"}");
      assertThat(c.path("envFrom").toString())
          .isEqualTo(
              "[{\"configMapRef\":{\"name\":\"sm-stream-manager-config\"}},"
                  + "{\"secretRef\":{\"name\":\"sm-stream-manager-secrets\"}}]");
      assertThat(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(c.path("resources").path("requests").path("cpu").isMissingNode()).isFalse();
      List<String> mounts = new ArrayList<>();
      c.path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText()));
      assertThat(mounts).containsExactly("/tmp", "/var/lib/stream-manager");
      JsonNode pod =
          find(docs, "Deployment", "sm-stream-manager-" + service)
              .path("spec")
              .path("template")
              .path("spec");
      assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
      assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
    }
    List<String> gatewayPorts = new ArrayList<>();
    container(docs, "api-gateway")
        .path("ports")
        .forEach(
            p -> gatewayPorts.add(p.path("name").asText() + ":" + p.path("containerPort").asInt()));
    assertThat(gatewayPorts)
        .containsExactly("http:3000", "websocket:3001", "metrics:9464", "health:8080");
  }

  @Test
  void template_tokens_goToTheSecretAndNeverToTheConfigMap() {
    List<JsonNode> docs =
        template(
            "--set",
            "auth.adminToken=admin-token-from-values",
            "--set",
            "auth.apiKeys=ci:ci-token-0123456789:read");

    JsonNode config = find(docs, "ConfigMap", "sm-stream-manager-config").path("data");
    JsonNode secret = find(docs, "Secret", "sm-stream-manager-secrets").path("data");
    List<String> secretKeys = new ArrayList<>();
    secret.fieldNames().forEachRemaining(secretKeys::add);
    assertThat(secretKeys).containsExactly("ADMIN_TOKEN", "API_KEYS", "REDIS_PASSWORD");
    assertThat(decode(secret.path("ADMIN_TOKEN"))).isEqualTo("admin-token-from-values");
    assertThat(decode(secret.path("API_KEYS"))).isEqualTo("ci:ci-token-0123456789:read");
    assertThat(config.has("ADMIN_TOKEN") || config.has("API_KEYS") || config.has("REDIS_PASSWORD"))
        .isFalse();
    assertThat(config.path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
    assertThat(config.path("KAFKA_REPLICATION_FACTOR").asText()).isEqualTo("3");
    assertThat(config.path("KAFKA_MIN_INSYNC_REPLICAS").asText()).isEqualTo("2");
    assertThat(config.path("HEALTH_PORT").asText()).isEqualTo("8080");
  }

  @Test
  void template_withoutAnAdminToken_generatesOne() {
    JsonNode secret = find(template(), "Secret", "sm-stream-manager-secrets").path("data");

    assertThat(decode(secret.path("ADMIN_TOKEN"))).matches("sm_[A-Za-z0-9]{40}");
  }

  @Test
  void template_productionValues_scalesRenderWorkersWithKedaOnConsumerLag() {
    List<JsonNode> docs = template("-f", Repo.path(PRODUCTION).toString());

    assertThat(kinds(docs))
        .isEqualTo(
            new TreeMap<>(
                Map.of(
                    "ConfigMap",
                    2L,
                    "Deployment",
                    4L,
                    "Service",
                    4L,
                    "PodDisruptionBudget",
                    4L,
                    "ScaledObject",
                    1L,
                    "ServiceMonitor",
                    1L,
                    "PrometheusRule",
                    1L)));
    JsonNode scaled = find(docs, "ScaledObject", "sm-stream-manager-render-worker").path("spec");
    assertThat(scaled.path("scaleTargetRef").path("name").asText())
        .isEqualTo("sm-stream-manager-render-worker");
    assertThat(scaled.path("minReplicaCount").asInt()).isEqualTo(4);
    assertThat(scaled.path("maxReplicaCount").asInt()).isEqualTo(48);
    JsonNode trigger = scaled.path("triggers").path(0);
    assertThat(trigger.path("type").asText()).isEqualTo("kafka");
    assertThat(trigger.path("metadata").toString())
        .isEqualTo(
            "{\"bootstrapServers\":"
                + "\"kafka-0.kafka:9092,kafka-1.kafka:9092,kafka-2.kafka:9092\",\"consumerGroup\":\"render-worker\","
                + "\"topic\":\"sm.ticks\",\"lagThreshold\":\"30\",\"offsetResetPolicy\":\"latest\","
                + "\"allowIdleConsumers\":\"false\"}");
    assertThat(trigger.path("authenticationRef").path("name").asText()).isEqualTo("kafka-sasl");
  }

  @Test
  void template_productionValues_usesTheExistingSecretRegistryAndEncoderStandbys() {
    List<JsonNode> docs = template("-f", Repo.path(PRODUCTION).toString());

    for (String service : Repo.SERVICES) {
      JsonNode c = container(docs, service);
      assertThat(c.path("image").asText())
          .isEqualTo("registry.example.com/media/stream-manager/" + service + ":0.1.0");
      assertThat(c.path("envFrom").path(1).path("secretRef").path("name").asText())
          .isEqualTo("stream-manager-tokens");
    }
    assertThat(
            find(docs, "Deployment", "sm-stream-manager-encoder-worker")
                .path("spec")
                .path("replicas")
                .asInt())
        .isEqualTo(8);
    assertThat(
            find(docs, "PodDisruptionBudget", "sm-stream-manager-encoder-worker")
                .path("spec")
                .path("maxUnavailable")
                .asInt())
        .isEqualTo(2);
    assertThat(
            find(docs, "ConfigMap", "sm-stream-manager-config")
                .path("data")
                .path("REDIS_URL")
                .asText())
        .isEqualTo("rediss://redis.example.internal:6380");
    assertThat(
            find(docs, "Service", "sm-stream-manager-api-gateway")
                .path("spec")
                .path("type")
                .asText())
        .isEqualTo("LoadBalancer");
    assertThat(
            find(docs, "ServiceMonitor", "sm-stream-manager")
                .path("spec")
                .path("endpoints")
                .path(0)
                .path("port")
                .asText())
        .isEqualTo("metrics");
  }

  @Test
  void template_autoscalingOff_keepsAFixedRenderWorkerCount() {
    List<JsonNode> docs =
        template(
            "--set", "renderWorker.autoscaling.enabled=false", "--set", "renderWorker.replicas=5");

    assertThat(kinds(docs)).doesNotContainKeys("HorizontalPodAutoscaler", "ScaledObject");
    assertThat(
            find(docs, "Deployment", "sm-stream-manager-render-worker")
                .path("spec")
                .path("replicas")
                .asInt())
        .isEqualTo(5);
  }

  @Test
  void template_invalidValues_areRefusedNamingTheValue() {
    Command.Result quality =
        helm("template", "sm", Repo.path(CHART).toString(), "--set", "stream.renderQuality=ultra");
    Command.Result redis =
        helm("template", "sm", Repo.path(CHART).toString(), "--set", "redis.url=http://redis:6379");
    Command.Result scaling =
        helm(
            "template",
            "sm",
            Repo.path(CHART).toString(),
            "--set",
            "renderWorker.autoscaling.minReplicas=20");

    assertThat(quality.exitCode()).isEqualTo(1);
    assertThat(quality.err()).contains("/stream/renderQuality");
    assertThat(redis.exitCode()).isEqualTo(1);
    assertThat(redis.err()).contains("/redis/url");
    assertThat(scaling.exitCode()).isEqualTo(1);
    assertThat(scaling.err())
        .contains("renderWorker.autoscaling: minReplicas (20) is above maxReplicas (12)");
  }

  @Test
  void chartMonitoringFiles_areTheComposeOnes() throws Exception {
    assertThat(Files.readString(Repo.path(CHART + "/files/alerts.yml"), StandardCharsets.UTF_8))
        .isEqualTo(
            Files.readString(Repo.path("compose/prometheus/alerts.yml"), StandardCharsets.UTF_8));
    assertThat(
            Files.readString(
                Repo.path(CHART + "/files/stream-manager-dashboard.json"), StandardCharsets.UTF_8))
        .isEqualTo(
            Files.readString(
                Repo.path("compose/grafana/dashboards/stream-manager.json"),
                StandardCharsets.UTF_8));
  }

  private static String decode(JsonNode base64) {
    return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
  }
}
