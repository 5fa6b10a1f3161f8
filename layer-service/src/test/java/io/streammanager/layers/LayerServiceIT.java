package io.streammanager.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streammanager.kit.config.EnvSource;
import io.streammanager.kit.config.PlatformConfig;
import io.streammanager.kit.kafka.KafkaSettingsFactory;
import io.streammanager.kit.kafka.Publisher;
import io.streammanager.kit.redis.RedisConnector;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.localstack.KafkaBroker;
import io.streammanager.localstack.RedisServer;
import io.streammanager.proto.ColorFill;
import io.streammanager.proto.Command;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerUpsert;
import io.streammanager.proto.StreamStart;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.StreamStop;
import io.streammanager.proto.Tick;
import io.streammanager.proto.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * layer-service on a real broker and redis-server: snapshots, ticks, and a restart that resumes at
 * the live frame.
 */
class LayerServiceIT {
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
                    "640x360",
                    "TARGET_FPS",
                    "30")));
  }

  @AfterAll
  static void stopStack() {
    kafka.close();
    redis.close();
  }

  @Test
  void commands_becomeVersionedSnapshotsAndTicks_andARestartResumesAtTheLiveFrame()
      throws Exception {
    // Ticks are spread over partitions and arrive in any order: keep them sorted by frame (end of
    // stream last).
    ConcurrentSkipListMap<Long, Tick> byFrame = new ConcurrentSkipListMap<>();
    Supplier<List<Tick>> inFrameOrder = () -> List.copyOf(byFrame.values());
    RedissonClient client = RedisConnector.connect(config.redis());
    Thread reader = Thread.ofPlatform().daemon().start(() -> readTicks(byFrame));
    try (Publisher publisher = new Publisher(kafka.bootstrapServers(), "it", 0)) {
      StateStore store = new StateStore(client);
      LayerService first =
          new LayerService(
              config, LayerServiceConfig.defaults(), new SimpleMeterRegistry(), Clock.systemUTC());
      first.start(Duration.ofSeconds(60));

      // Given a background layer and a start on the default stream
      publisher
          .send(
              Topics.COMMANDS,
              "default",
              command("c1")
                  .setLayerUpsert(
                      LayerUpsert.newBuilder()
                          .setLayer(
                              Layer.newBuilder()
                                  .setId("bg")
                                  .setColor(ColorFill.newBuilder().setRgba(0x0000FFFF))))
                  .build())
          .get();
      publisher
          .send(
              Topics.COMMANDS,
              "default",
              command("c2").setStreamStart(StreamStart.getDefaultInstance()).build())
          .get();

      // Then version 2 is stored, live, and every tick after it draws version 2
      Await.until(
          () -> store.head("default").map(s -> s.getVersion() == 2).orElse(false),
          "version 2 in Redis");
      StreamState head = store.head("default").orElseThrow();
      assertThat(head.getLayersList()).extracting(Layer::getId).containsExactly("bg");
      assertThat(head.getRun().getRunning()).isTrue();
      assertThat(store.version("default", 1))
          .map(s -> s.getLayersCount())
          .isEqualTo(Optional.of(1));
      Await.until(() -> byFrame.headMap(30L).size() == 30, "the first 30 ticks");
      List<Tick> ticks = inFrameOrder.get();
      assertThat(ticks.subList(0, 30))
          .extracting(Tick::getFrame)
          .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 30).boxed().toList());
      assertThat(ticks).extracting(Tick::getStateVersion).containsOnly(2L);

      // When layer-service stops and a new instance starts two seconds later (its clock says so)
      first.close();
      Clock later = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(2));
      Instant restartedAt = later.instant();
      LayerService second =
          new LayerService(config, LayerServiceConfig.defaults(), new SimpleMeterRegistry(), later);
      second.start(Duration.ofSeconds(60));
      Await.until(
          () ->
              inFrameOrder.get().stream().filter(t -> emitted(t).isAfter(restartedAt)).count() > 5,
          "ticks after the restart");
      ticks = inFrameOrder.get();

      // Then it resumes at the frame the clock says, not at 0
      Tick resumed =
          ticks.stream().filter(t -> emitted(t).isAfter(restartedAt)).findFirst().orElseThrow();
      Tick lastBefore =
          ticks.stream()
              .filter(t -> !emitted(t).isAfter(restartedAt))
              .reduce((a, b) -> b)
              .orElseThrow();
      Instant started =
          Instant.ofEpochSecond(
              head.getRun().getStartedAt().getSeconds(), head.getRun().getStartedAt().getNanos());
      long expected =
          Duration.between(
                      started,
                      Instant.ofEpochSecond(
                          resumed.getEmittedAt().getSeconds(), resumed.getEmittedAt().getNanos()))
                  .toMillis()
              * 30
              / 1000;
      assertThat(resumed.getFrame()).isBetween(expected - 2, expected);
      assertThat(resumed.getRunId()).isEqualTo(head.getRun().getRunId());
      assertThat(resumed.getFrame()).isGreaterThan(lastBefore.getFrame() + 20);

      // And a stop ends the run with an end-of-stream tick
      publisher
          .send(
              Topics.COMMANDS,
              "default",
              command("c3").setStreamStop(StreamStop.getDefaultInstance()).build())
          .get();
      Await.until(() -> byFrame.containsKey(Long.MAX_VALUE), "the end-of-stream tick");
      Tick end = byFrame.get(Long.MAX_VALUE);
      assertThat(end.getFrame())
          .isEqualTo(store.head("default").orElseThrow().getRun().getStopFrame());
      second.close();
    } finally {
      reader.interrupt();
      client.shutdown();
    }
  }

  private static Instant emitted(Tick t) {
    return Instant.ofEpochSecond(t.getEmittedAt().getSeconds(), t.getEmittedAt().getNanos());
  }

  private static Command.Builder command(String id) {
    return Command.newBuilder().setCommandId(id).setStreamId("default").setIssuedBy("it");
  }

  private static void readTicks(ConcurrentSkipListMap<Long, Tick> out) {
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(
            KafkaSettingsFactory.consumer(
                kafka.bootstrapServers(), "tick-reader", "tick-reader"))) {
      c.subscribe(List.of(Topics.TICKS.name()));
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
          Tick t = Topics.TICKS.parseValue(r.value());
          out.put(t.getEndOfStream() ? Long.MAX_VALUE : t.getFrame(), t);
        }
      }
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      Thread.currentThread().interrupt();
    }
  }
}
