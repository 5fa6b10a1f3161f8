package io.streammanager.layers;

import io.micrometer.core.instrument.MeterRegistry;
import io.streammanager.kit.config.Limits;
import io.streammanager.kit.config.PlatformConfig;
import io.streammanager.kit.config.StreamConfigs;
import io.streammanager.kit.kafka.ConsumerLoop;
import io.streammanager.kit.kafka.DeadLetters;
import io.streammanager.kit.kafka.KafkaSettingsFactory;
import io.streammanager.kit.kafka.Publisher;
import io.streammanager.kit.kafka.TopicAdmin;
import io.streammanager.kit.lifecycle.Service;
import io.streammanager.kit.redis.RedisConnector;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.Command;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamUpdate;
import io.streammanager.proto.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires layer-service: commands in, snapshots to Redis, ticks and events out. */
public final class LayerService implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(LayerService.class);
  static final String NAME = "layer-service";

  private final PlatformConfig config;
  private final LayerServiceConfig own;
  private final MeterRegistry registry;
  private final Clock clock;
  private RedissonClient redis;
  private Publisher publisher;
  private ScheduledExecutorService ticker;
  private ScheduledExecutorService housekeeping;
  private TickScheduler ticks;
  private CommandProcessor processor;
  private ConsumerLoop<Command> consumer;
  private StateStore store;

  public LayerService(
      PlatformConfig config, LayerServiceConfig own, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.own = own;
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public void start(Duration timeout) throws Exception {
    String bootstrap = config.kafka().bootstrapServers();
    TopicAdmin.ensure(config.kafka(), Topics.ALL, timeout);
    redis = RedisConnector.connect(config.redis());
    store = new StateStore(redis);
    publisher = new Publisher(bootstrap, NAME + "-" + UUID.randomUUID(), 0);
    ticker =
        Executors.newScheduledThreadPool(1, Thread.ofPlatform().name("ticker").daemon().factory());
    housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("housekeeping").daemon().factory());
    java.util.concurrent.locks.ReentrantLock stateLock =
        new java.util.concurrent.locks.ReentrantLock();
    ticks =
        new TickScheduler(
            ticker,
            clock,
            tick ->
                publisher.send(
                    Topics.TICKS, Topics.tickKey(tick.getStreamId(), tick.getFrame()), tick),
            stateLock);
    StreamConfig defaults =
        StreamConfigs.fromDefaults(CommandApplier.DEFAULT_STREAM, config.stream());
    String commandLogId = TopicAdmin.topicId(bootstrap, Topics.COMMANDS, timeout);
    processor =
        new CommandProcessor(
            new CommandApplier(defaults, Limits.of(config)),
            StreamStore.redis(store),
            publisher::send,
            ticks,
            clock,
            commandLogId,
            stateLock,
            config.assets(),
            registry);
    DeadLetters deadLetters = new DeadLetters(publisher, NAME, clock, registry);
    processor.deadLetters(deadLetters);
    consumer =
        ConsumerLoop.builder(
                Topics.COMMANDS,
                // Another instance takes a dead one's streams (and their clocks) over one session
                // later: a standby, or a peer that owns other streams.
                KafkaSettingsFactory.failoverConsumer(
                    bootstrap, NAME, NAME, own.sessionTimeoutMs()))
            .handler(processor::handle)
            .deadLetters(deadLetters)
            .metrics(registry)
            .rebalanceListener(new Rebalance())
            // The command log is the source of truth: while Redis or Kafka are away a command waits
            // for them; a command that fails by itself (a bug, a state Redis refuses) is refused
            // after a few attempts, with the reason, so it never stalls every other stream.
            .passingAttempts(ConsumerLoop.RETRY_FOREVER)
            .maxAttempts(3)
            .onGivenUp(processor::refuse)
            .build()
            .start();
    if (!consumer.awaitAssigned(timeout)) {
      throw new IllegalStateException(
          "no partitions of "
              + Topics.COMMANDS.name()
              + " assigned within "
              + timeout.toSeconds()
              + " s");
    }
    housekeeping.scheduleAtFixedRate(this::safePublishLifecycles, 1, 1, TimeUnit.SECONDS);
    alignDefaultStream(defaults);
  }

  /**
   * When the environment's defaults changed since the last start, the default stream follows them,
   * through the command log. A change made through the API since then is kept (the environment did
   * not change).
   */
  private void alignDefaultStream(StreamConfig defaults) {
    var seen =
        redis.<String>getBucket(
            "sm:stream:" + CommandApplier.DEFAULT_STREAM + ":environment",
            org.redisson.client.codec.StringCodec.INSTANCE);
    String fingerprint = io.streammanager.proto.Ids.asset(defaults.toByteArray());
    boolean environmentChanged = !fingerprint.equals(seen.get());
    seen.set(fingerprint);
    if (!environmentChanged) {
      return;
    }
    store
        .head(CommandApplier.DEFAULT_STREAM)
        .ifPresent(
            head -> {
              StreamConfig wanted =
                  defaults.toBuilder().setName(head.getConfig().getName()).build();
              if (!head.getConfig().equals(wanted)) {
                LOG.info(
                    "configuration of stream default changed in the environment: publishing an update");
                publisher.send(
                    Topics.COMMANDS,
                    CommandApplier.DEFAULT_STREAM,
                    Command.newBuilder()
                        .setCommandId(UUID.randomUUID().toString())
                        .setStreamId(CommandApplier.DEFAULT_STREAM)
                        .setIssuedAt(ProtoTime.of(clock.instant()))
                        .setIssuedBy(NAME + " (environment)")
                        .setStreamUpdate(StreamUpdate.newBuilder().setConfig(wanted))
                        .build());
              }
            });
  }

  private void safePublishLifecycles() {
    try {
      processor.publishAllLifecycles();
    } catch (RuntimeException e) {
      LOG.warn("status publish failed: {}", e.toString());
    }
  }

  @Override
  public boolean ready() {
    return consumer != null && consumer.isAssigned();
  }

  @Override
  public void close() {
    if (consumer != null) {
      consumer.close();
    }
    if (housekeeping != null) {
      housekeeping.shutdownNow();
    }
    if (ticks != null) {
      ticks.close();
    }
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (publisher != null) {
      publisher.close();
    }
    if (redis != null) {
      redis.shutdown();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      processor.adopt(streamsOf(partitions));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      processor.release(streamsOf(partitions));
    }

    private List<String> streamsOf(Collection<TopicPartition> partitions) {
      Set<Integer> ids =
          partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
      return store.streamIds().stream()
          .filter(s -> ids.contains(Topics.COMMANDS.partitionFor(s)))
          .toList();
    }
  }
}
