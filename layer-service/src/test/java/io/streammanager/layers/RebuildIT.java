package io.streammanager.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streammanager.kit.config.EnvSource;
import io.streammanager.kit.config.PlatformConfig;
import io.streammanager.kit.config.StreamConfigs;
import io.streammanager.kit.kafka.Publisher;
import io.streammanager.kit.kafka.TopicAdmin;
import io.streammanager.kit.redis.RedisConnector;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.localstack.KafkaBroker;
import io.streammanager.localstack.RedisServer;
import io.streammanager.proto.At;
import io.streammanager.proto.ColorFill;
import io.streammanager.proto.Command;
import io.streammanager.proto.Easing;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerPatch;
import io.streammanager.proto.LayerUpsert;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RectShape;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamCreate;
import io.streammanager.proto.StreamStart;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Topics;
import io.streammanager.proto.Transition;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Redis is only a cache of the command log: wiped while a stream is live (FLUSHALL), the rebuild
 * from sm.commands and sm.decisions restores the identical state, byte for byte, and the stream
 * goes on.
 */
class RebuildIT {
  static KafkaBroker kafka;
  static RedisServer redis;
  static PlatformConfig config;

  @BeforeAll
  static void startStack() {
    redis = RedisServer.start();
    kafka = KafkaBroker.start();
    config =
        PlatformConfig.from(
            EnvSource.of(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS",
                    kafka.bootstrapServers(),
                    "REDIS_URL",
                    redis.url(),
                    "STREAM_RESOLUTION",
                    "320x180",
                    "TARGET_FPS",
                    "30")));
  }

  @AfterAll
  static void stopStack() {
    kafka.close();
    redis.close();
  }

  @Test
  void flushAllWhileLive_rebuildRestoresTheIdenticalState_andTheStreamGoesOn() throws Exception {
    RedissonClient client = RedisConnector.connect(config.redis());
    LayerService service =
        new LayerService(
            config, LayerServiceConfig.defaults(), new SimpleMeterRegistry(), Clock.systemUTC());
    service.start(Duration.ofSeconds(60));
    try (Publisher publisher = new Publisher(kafka.bootstrapServers(), "it", 0)) {
      StateStore store = new StateStore(client);
      StreamConfig cfg = StreamConfigs.fromDefaults("Rebuilt", config.stream());
      List<Command> commands =
          new ArrayList<>(
              List.of(
                  command("c1").setStreamCreate(StreamCreate.newBuilder().setConfig(cfg)).build(),
                  command("c2")
                      .setLayerUpsert(
                          LayerUpsert.newBuilder()
                              .setLayer(
                                  Layer.newBuilder()
                                      .setId("bg")
                                      .setColor(ColorFill.newBuilder().setRgba(0x102030FF))))
                      .build(),
                  command("c3").setLayerUpsert(LayerUpsert.newBuilder().setLayer(rect(10))).build(),
                  command("c4").setStreamStart(StreamStart.getDefaultInstance()).build(),
                  // A tween while live, and a change scheduled for frame 20
                  command("c5")
                      .setLayerPatch(LayerPatch.newBuilder().setLayer(rect(200)).addFields("x"))
                      .setTransition(
                          Transition.newBuilder()
                              .setDurationMs(500)
                              .setEasing(Easing.EASING_IN_OUT_CUBIC))
                      .build(),
                  command("c6")
                      .setLayerPatch(LayerPatch.newBuilder().setLayer(rect(60)).addFields("x"))
                      .setAt(At.newBuilder().setFrame(20))
                      .build(),
                  // Rejected: nothing to patch
                  command("c7")
                      .setLayerPatch(
                          LayerPatch.newBuilder()
                              .setLayer(rect(1).toBuilder().setId("ghost"))
                              .addFields("x"))
                      .build()));
      for (Command c : commands) {
        publisher.send(Topics.COMMANDS, "r1", c).get();
      }
      // Given the scheduled change applied at its frame (version 7: 6 from the commands that
      // changed something, +1)
      Await.until(
          () ->
              store
                  .head("r1")
                  .map(s -> s.getScheduleCount() == 0 && s.getVersion() == 7)
                  .orElse(false),
          "the scheduled change applied");
      StreamState before = store.head("r1").orElseThrow();
      assertThat(before.getRun().getRunning()).isTrue();

      // When Redis loses everything while the stream is live
      client.getKeys().flushall();
      assertThat(store.head("r1")).isEmpty();

      // Then the rebuild from Kafka gives the identical state
      Rebuild rebuild =
          new Rebuild(
              kafka.bootstrapServers(),
              store,
              StreamConfigs.fromDefaults(CommandApplier.DEFAULT_STREAM, config.stream()),
              config.assets(),
              TopicAdmin.topicId(
                  kafka.bootstrapServers(), Topics.COMMANDS, Duration.ofSeconds(30)));
      List<String> progress = new ArrayList<>();
      List<Rebuild.Result> results = rebuild.run(List.of("r1"), progress::add);
      assertThat(results)
          .containsExactly(
              new Rebuild.Result("r1", 8, 7, false, Rebuild.sha256(before.toByteArray())));
      assertThat(store.head("r1")).contains(before);
      assertThat(store.version("r1", 3).map(StreamState::getLayersCount)).contains(2);
      assertThat(store.history("r1", 0, false, Long.MAX_VALUE / 2, 100)).hasSize(8);

      // And the stream goes on: the next change is version 8
      publisher
          .send(
              Topics.COMMANDS,
              "r1",
              command("c8")
                  .setLayerPatch(LayerPatch.newBuilder().setLayer(rect(90)).addFields("x"))
                  .build())
          .get();
      Await.until(() -> store.head("r1").map(s -> s.getVersion() == 8).orElse(false), "version 8");
      assertThat(store.head("r1").orElseThrow().getRun().getRunId())
          .isEqualTo(before.getRun().getRunId());
    } finally {
      service.close();
      client.shutdown();
    }
  }

  private static Layer rect(double x) {
    return Layer.newBuilder()
        .setId("box")
        .setX(x)
        .setY(20)
        .setWidth(40)
        .setHeight(30)
        .setRect(RectShape.newBuilder().setRgba(0xFF0000FF))
        .build();
  }

  private static Command.Builder command(String id) {
    return Command.newBuilder()
        .setCommandId(id)
        .setStreamId("r1")
        .setIssuedBy("it")
        .setIssuedAt(ProtoTime.of(java.time.Instant.now()));
  }

  @Test
  void mintedKeysLostWithRedis_areRestoredFromTheKeyLog_revokedOnesStayGone() throws Exception {
    RedissonClient client = RedisConnector.connect(config.redis());
    try (Publisher publisher = new Publisher(kafka.bootstrapServers(), "keys-it", 0)) {
      // Given keys minted and one revoked, as the gateway logs them, and then Redis lost
      TopicAdmin.ensure(
          config.kafka(),
          List.<io.streammanager.proto.Topic<?>>of(Topics.KEYS),
          Duration.ofSeconds(30));
      for (io.streammanager.proto.MintedKey k :
          List.of(
              key("ops", "aa11|admin", false),
              key("cam", "bb22|stream:cam:write", false),
              key("old", "cc33|read", false),
              key("old", "cc33|read", true))) {
        publisher.send(Topics.KEYS, k.getName(), k).get();
      }
      client.getKeys().flushall();

      // When the rebuild folds the key log
      int[] counts =
          new Rebuild(
                  kafka.bootstrapServers(),
                  new StateStore(client),
                  StreamConfigs.fromDefaults(CommandApplier.DEFAULT_STREAM, config.stream()),
                  config.assets(),
                  "unused")
              .restoreKeys();

      // Then the minted ones are back, hashed as they were, and the revoked one is not
      assertThat(counts).containsExactly(2, 1);
      assertThat(
              client
                  .<String, String>getMap(
                      io.streammanager.proto.StateKeys.apiKeys(),
                      org.redisson.client.codec.StringCodec.INSTANCE)
                  .readAllMap())
          .isEqualTo(Map.of("ops", "aa11|admin", "cam", "bb22|stream:cam:write"));
    } finally {
      client.shutdown();
    }
  }

  private static io.streammanager.proto.MintedKey key(String name, String value, boolean revoked) {
    return io.streammanager.proto.MintedKey.newBuilder()
        .setName(name)
        .setValue(value)
        .setRevoked(revoked)
        .build();
  }
}
