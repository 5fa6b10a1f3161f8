package io.streammanager.encoder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streammanager.kit.config.PlatformConfig;
import io.streammanager.kit.kafka.ConsumerLoop;
import io.streammanager.kit.kafka.DeadLetters;
import io.streammanager.kit.kafka.KafkaSettingsFactory;
import io.streammanager.kit.kafka.Publisher;
import io.streammanager.kit.kafka.TopicAdmin;
import io.streammanager.kit.lifecycle.Service;
import io.streammanager.kit.redis.RedisConnector;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.EncoderStatus;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RunIds;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamEvent;
import io.streammanager.proto.Topics;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the encoder: frame chunks in (one consumer group; a stream's frames share one partition, so exactly one
 * encoder owns a stream), encoded output out, status events to the gateway.
 */
public final class EncoderWorker implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(EncoderWorker.class);
  static final String NAME = "encoder-worker";
  static final int REORDER_DEPTH = 8;
  static final Duration MAX_WAIT = Duration.ofMillis(500);
  private static final long STATUS_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

  private final PlatformConfig config;
  private final MeterRegistry registry;
  private final Clock clock;
  private final String workerId;
  // consumer thread only
  private final Map<String, RunOutput> outputs = new HashMap<>();
  private final FrameAssembler assembler = new FrameAssembler(64);
  private long lastStatus;
  private RedissonClient redis;
  private StateStore store;
  private Publisher publisher;
  private ConsumerLoop<FrameChunk> consumer;
  private Counter framesIn;
  private Counter staleFrames;

  public EncoderWorker(PlatformConfig config, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.registry = registry;
    this.clock = clock;
    this.workerId = NAME + "-" + ManagementFactory.getRuntimeMXBean().getName().replace('@', '-');
  }

  @Override
  public void start(Duration timeout) throws Exception {
    String bootstrap = config.kafka().bootstrapServers();
    TopicAdmin.ensure(bootstrap, Topics.ALL, timeout);
    redis = RedisConnector.connect(config.redis());
    store = new StateStore(redis);
    publisher = new Publisher(bootstrap, workerId, 5);
    framesIn = Counter.builder("sm_encoder_frames_received_total").description("whole frames reassembled")
        .register(registry);
    staleFrames = Counter.builder("sm_encoder_stale_run_frames_total")
        .description("frames of a run older than the one on air, ignored").register(registry);
    consumer = ConsumerLoop.builder(Topics.FRAMES, KafkaSettingsFactory.consumer(bootstrap, NAME, workerId))
        .handler(this::onChunk).deadLetters(new DeadLetters(publisher, NAME, clock, registry))
        .afterPoll(this::afterPoll).pollTimeout(Duration.ofMillis(10)).build().start();
    if (!consumer.awaitAssigned(timeout)) {
      throw new IllegalStateException("no partitions of " + Topics.FRAMES.name() + " within " + timeout.toSeconds()
          + " s");
    }
  }

  private void onChunk(ConsumerRecord<String, byte[]> record, FrameChunk chunk) {
    if (chunk.getEndOfStream()) {
      RunOutput out = outputs.get(chunk.getStreamId());
      if (out != null && out.runId.equals(chunk.getRunId())) {
        out.end(chunk.getFrame());
        retireIfDone(out);
      }
      return;
    }
    Optional<RawFrame> frame = assembler.accept(chunk);
    if (frame.isEmpty()) {
      return;
    }
    framesIn.increment();
    RawFrame f = frame.get();
    RunOutput out = outputs.get(f.streamId());
    if (out != null && !out.runId.equals(f.runId()) && !RunIds.isNewer(f.runId(), out.runId)) {
      staleFrames.increment();
      return;
    }
    if (out == null || !out.runId.equals(f.runId())) {
      if (out != null) {
        LOG.info("stream {}: run {} replaces run {}", f.streamId(), f.runId(), out.runId);
        out.close();
        publishStatus(out);
      }
      out = open(f);
      outputs.put(f.streamId(), out);
    }
    out.offer(f);
  }

  private RunOutput open(RawFrame f) {
    StreamConfig streamConfig = store.version(f.streamId(), f.stateVersion()).orElseThrow(() ->
        new IllegalStateException("snapshot " + f.streamId() + "@" + f.stateVersion() + " not found")).getConfig();
    return new RunOutput(f.streamId(), f.runId(), streamConfig, workerId, REORDER_DEPTH, MAX_WAIT, System::nanoTime);
  }

  private void afterPoll() {
    for (RunOutput out : outputs.values().toArray(RunOutput[]::new)) {
      out.pump();
      retireIfDone(out);
    }
    long now = System.nanoTime();
    if (now - lastStatus >= STATUS_EVERY_NANOS) {
      lastStatus = now;
      outputs.values().forEach(this::publishStatus);
    }
  }

  private void retireIfDone(RunOutput out) {
    if (out.pump()) {
      outputs.remove(out.streamId, out);
      Thread.ofVirtual().start(() -> {
        try {
          out.awaitClosed(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        publishStatus(out);
      });
    }
  }

  private void publishStatus(RunOutput out) {
    EncoderStatus status = out.status();
    publisher.send(Topics.EVENTS, out.streamId, StreamEvent.newBuilder().setStreamId(out.streamId).setSource(NAME)
        .setAt(ProtoTime.of(clock.instant())).setEncoderStatus(status).build());
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
    for (RunOutput out : outputs.values()) {
      out.close();
    }
    for (RunOutput out : outputs.values()) {
      try {
        out.awaitClosed(Duration.ofSeconds(10));
        publishStatus(out);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    outputs.clear();
    if (publisher != null) {
      publisher.close();
    }
    if (redis != null) {
      redis.shutdown();
    }
  }
}
