package io.streammanager.encoder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streammanager.encoder.audio.AudioMixer;
import io.streammanager.encoder.media.AudioCodecKind;
import io.streammanager.encoder.media.LiveEncoder;
import io.streammanager.encoder.media.OutputPolicy;
import io.streammanager.kit.config.PlatformConfig;
import io.streammanager.kit.kafka.ConsumerLoop;
import io.streammanager.kit.kafka.DeadLetters;
import io.streammanager.kit.kafka.KafkaSettingsFactory;
import io.streammanager.kit.kafka.Publisher;
import io.streammanager.kit.kafka.TopicAdmin;
import io.streammanager.kit.lifecycle.Service;
import io.streammanager.kit.redis.AiredFrames;
import io.streammanager.kit.redis.RedisConnector;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.EncoderStatus;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RedrawRequest;
import io.streammanager.proto.RunIds;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamEvent;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Tick;
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
 * Wires the encoder: frame chunks in (one consumer group; a stream's frames share one partition, so
 * exactly one encoder owns a stream), encoded output out, status events to the gateway.
 */
public final class EncoderWorker implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(EncoderWorker.class);
  static final String NAME = "encoder-worker";
  static final Duration MAX_WAIT = Duration.ofMillis(500);

  /**
   * A run with no frame for this long has lost its renderers or its end marker: its output is
   * closed. Frames of it that come later (its only worker stalled and came back) open it again.
   */
  static final Duration IDLE_CLOSE = Duration.ofSeconds(10);

  private static final long STATUS_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

  private final PlatformConfig config;
  private final EncoderConfig encoderConfig;
  private final MeterRegistry registry;
  private final Clock clock;
  private final String workerId;
  // consumer thread only
  private static final Duration LIVE_POLL = Duration.ofMillis(50);
  private static final Duration IDLE_POLL = Duration.ofMillis(500);
  private final Map<String, RunOutput> outputs = new HashMap<>();
  private final FrameAssembler assembler = new FrameAssembler(64);

  /** The newest run that ended, per stream: its late frames and older runs' frames are ignored. */
  private final Map<String, String> endedRuns = new HashMap<>();

  /** The last ticks of the streams aired here, to ask for a frame that did not come again. */
  private final RecentTicks recentTicks = new RecentTicks(RECENT_TICKS);

  /** Ticks kept per stream: 17 s at 30 fps, far more than a frame is ever awaited. */
  static final int RECENT_TICKS = 512;

  /** The render workers heard from lately: who to ask (consumer thread). */
  private final LiveRenderers renderers =
      new LiveRenderers(Duration.ofMillis(500), System::nanoTime);

  private long lastStatus;
  private RedissonClient redis;
  private StateStore store;
  private AiredFrames aired;
  private Publisher publisher;
  private ConsumerLoop<FrameChunk> consumer;
  private ConsumerLoop<Tick> tickTail;
  private Counter redrawsAsked;
  private Counter redrawsWithoutTick;
  private Counter framesIn;
  private RunOutput.Meters meters;
  private Counter staleFrames;

  public EncoderWorker(
      PlatformConfig config, EncoderConfig encoderConfig, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.encoderConfig = encoderConfig;
    this.registry = registry;
    this.clock = clock;
    this.workerId = NAME + "-" + ManagementFactory.getRuntimeMXBean().getName().replace('@', '-');
  }

  @Override
  public void start(Duration timeout) throws Exception {
    String bootstrap = config.kafka().bootstrapServers();
    long warm = System.nanoTime();
    LiveEncoder.warmUp(
        config.stream().audio().codec() == PlatformConfig.AudioCodecName.OPUS
            ? AudioCodecKind.OPUS
            : AudioCodecKind.AAC);
    LOG.info(
        "FFmpeg ready (libx264, {}) in {} ms; reorder depth {} frames",
        config.stream().audio().codec(),
        (System.nanoTime() - warm) / 1_000_000,
        encoderConfig.reorderDepth());
    TopicAdmin.ensure(config.kafka(), Topics.ALL, timeout);
    redis = RedisConnector.connect(config.redis());
    store = new StateStore(redis);
    // A minute of 60 fps checksums may wait for Redis; the encoding threads never do.
    aired = new AiredFrames(redis, 3600);
    registry
        .more()
        .counter(
            "sm_encoder_aired_checksums_dropped_total",
            java.util.List.of(),
            aired,
            AiredFrames::dropped);
    publisher = new Publisher(bootstrap, workerId, 5);
    framesIn =
        Counter.builder("sm_encoder_frames_received_total")
            .description("whole frames reassembled")
            .register(registry);
    meters = RunOutput.Meters.of(registry);
    staleFrames =
        Counter.builder("sm_encoder_stale_run_frames_total")
            .description("frames of a run older than the one on air, ignored")
            .register(registry);
    redrawsAsked =
        Counter.builder("sm_encoder_redraws_requested_total")
            .description("missing frames asked for again from a live render worker")
            .register(registry);
    redrawsWithoutTick =
        Counter.builder("sm_encoder_redraws_unavailable_total")
            .description("missing frames that could not be asked for again (their tick not seen)")
            .register(registry);
    // Every tick, from every partition, whoever's group member draws it: a frame whose worker died
    // can be asked for again with its exact tick (LateFrames, RedrawRequest).
    tickTail =
        ConsumerLoop.builder(
                Topics.TICKS,
                KafkaSettingsFactory.everyRecordConsumer(bootstrap, workerId + "-ticks"))
            .handler((record, tick) -> recentTicks.accept(tick))
            .deadLetters(new DeadLetters(publisher, NAME, clock, registry))
            .metrics(registry)
            .build()
            .start();
    // Failover: a stream's frames share one partition, so its owner is whoever the group gives that
    // partition. When an encoder dies, the group hands its partitions to a live one after the
    // session timeout; that one starts at the partition's end (liveOnly): the frames the dead one
    // never aired are in the past by then.
    consumer =
        ConsumerLoop.builder(
                Topics.FRAMES,
                KafkaSettingsFactory.failoverConsumer(
                    bootstrap, NAME, workerId, encoderConfig.sessionTimeoutMs()))
            .handler(this::onChunk)
            .deadLetters(new DeadLetters(publisher, NAME, clock, registry))
            .metrics(registry)
            .afterPoll(this::afterPoll)
            .rebalanceListener(new Rebalance())
            .liveOnly()
            // The after-poll hook gives up missing frames (reorder deadline) and reports status: 50
            // ms is fine enough while a run is on air; with none it has nothing to do (a poll
            // returns
            // at the first frame anyway), so an idle encoder wakes twice a second, not 20 times.
            .pollTimeout(() -> outputs.isEmpty() ? IDLE_POLL : LIVE_POLL)
            .build()
            .start();
    if (!consumer.awaitAssigned(timeout)) {
      throw new IllegalStateException(
          "no partitions of "
              + Topics.FRAMES.name()
              + " within "
              + timeout.toSeconds()
              + " s (if the broker's log says the session timeout is invalid: its group.min.session.timeout.ms is above"
              + " ENCODER_SESSION_TIMEOUT_MS="
              + encoderConfig.sessionTimeoutMs()
              + ")");
    }
  }

  private void onChunk(ConsumerRecord<String, byte[]> record, FrameChunk chunk) {
    renderers.sawFrameFrom(chunk.getWorkerId());
    recentTicks.air(chunk.getStreamId());
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
    String ended = endedRuns.get(f.streamId());
    if (out != null && !out.runId.equals(f.runId()) && !RunIds.isNewer(f.runId(), out.runId)
        || ended != null && !RunIds.isNewer(f.runId(), ended)) {
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
    // The version's snapshot, or the head when it is that version (kept for good): a standby taking
    // over a run whose scene has not changed for hours still finds it. Neither: the frame can never
    // be encoded here (dead letter), rather than retried on the poll thread while the other streams
    // wait.
    StreamConfig streamConfig =
        store
            .version(f.streamId(), f.stateVersion())
            .orElseThrow(
                () ->
                    new io.streammanager.kit.kafka.RecordRejectedException(
                        "snapshot "
                            + f.streamId()
                            + "@"
                            + f.stateVersion()
                            + " not found (neither kept nor the head)"))
            .getConfig();
    return new RunOutput(
        f.streamId(),
        f.runId(),
        streamConfig,
        workerId,
        encoderConfig.reorderDepth(),
        MAX_WAIT,
        System::nanoTime,
        meters,
        OutputPolicy.standard(),
        OutputPlan.Destinations.of(config),
        audioInputs(f.streamId()),
        aired::record);
  }

  /** Snapshots and assets from Redis, read on the run's audio I/O thread. */
  private AudioMixer.Inputs audioInputs(String streamId) {
    return new AudioMixer.Inputs() {
      @Override
      public Optional<java.util.List<io.streammanager.proto.Layer>> layers(long version) {
        try {
          return store.version(streamId, version).map(StreamState::getLayersList);
        } catch (RuntimeException e) {
          LOG.warn(
              "stream {}: cannot read state version {} for its audio: {}",
              streamId,
              version,
              e.getMessage());
          return Optional.empty();
        }
      }

      @Override
      public Optional<byte[]> asset(String assetId) {
        return store.asset(assetId);
      }
    };
  }

  private void afterPoll() {
    for (RunOutput out : outputs.values().toArray(RunOutput[]::new)) {
      askAgain(out);
      if (out.idleFor(IDLE_CLOSE)) {
        // Not ended: when frames of the run come again (a stalled worker back), they open it
        // again, continuing beside the recording (OutputPlan.continuation), like a standby would.
        LOG.warn(
            "stream {} run {}: no frame for {} s, closing its output (a later frame of the run opens"
                + " it again)",
            out.streamId,
            out.runId,
            IDLE_CLOSE.toSeconds());
        out.close();
        outputs.remove(out.streamId, out);
        publishWhenClosed(out);
        continue;
      }
      retireIfDone(out);
    }
    long now = System.nanoTime();
    if (now - lastStatus >= STATUS_EVERY_NANOS) {
      lastStatus = now;
      outputs.values().forEach(this::publishStatus);
    }
  }

  /**
   * Asks a live render worker for the frames of {@code out} that are missing past their time (their
   * worker died or stalls), with their exact ticks, before the reorder buffer gives them up.
   */
  private void askAgain(RunOutput out) {
    for (LateFrames.Ask ask : out.redrawsDue()) {
      Optional<Tick> tick = recentTicks.tick(out.streamId, out.runId, ask.frame());
      Optional<String> worker = renderers.pick(ask.attempt() > 1 ? out.lastAskedWorker : "");
      if (tick.isEmpty() || worker.isEmpty()) {
        redrawsWithoutTick.increment();
        continue;
      }
      out.lastAskedWorker = worker.get();
      redrawsAsked.increment();
      publisher.send(
          Topics.REDRAWS,
          out.streamId,
          RedrawRequest.newBuilder()
              .setTick(tick.get())
              .setWorkerId(worker.get())
              .setRequestedAt(ProtoTime.of(clock.instant()))
              .setAttempt(ask.attempt())
              .build());
      out.askedAgain(ask.frame());
    }
  }

  private void retireIfDone(RunOutput out) {
    if (out.pump()) {
      outputs.remove(out.streamId, out);
      recentTicks.forget(out.streamId);
      endedRuns.merge(out.streamId, out.runId, (a, b) -> RunIds.isNewer(b, a) ? b : a);
      publishWhenClosed(out);
    }
  }

  /** Publishes the run's final status once its output has closed (off the consumer thread). */
  private void publishWhenClosed(RunOutput out) {
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                out.awaitClosed(Duration.ofSeconds(30));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              publishStatus(out);
            });
  }

  private void publishStatus(RunOutput out) {
    EncoderStatus status = out.status();
    publisher.send(
        Topics.EVENTS,
        out.streamId,
        StreamEvent.newBuilder()
            .setStreamId(out.streamId)
            .setSource(NAME)
            .setAt(ProtoTime.of(clock.instant()))
            .setEncoderStatus(status)
            .build());
  }

  /**
   * Outputs of streams whose partitions move to another encoder are closed here (the new owner
   * opens its own).
   */
  private final class Rebalance
      implements org.apache.kafka.clients.consumer.ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(
        java.util.Collection<org.apache.kafka.common.TopicPartition> partitions) {
      java.util.Set<Integer> lost = new java.util.HashSet<>();
      partitions.forEach(p -> lost.add(p.partition()));
      for (RunOutput out : outputs.values().toArray(RunOutput[]::new)) {
        if (lost.contains(Topics.FRAMES.partitionFor(out.streamId))) {
          LOG.info(
              "stream {}: its frames moved to another encoder; closing run {} here",
              out.streamId,
              out.runId);
          out.close();
          outputs.remove(out.streamId, out);
          recentTicks.forget(out.streamId);
          publishStatus(out);
        }
      }
    }

    @Override
    public void onPartitionsAssigned(
        java.util.Collection<org.apache.kafka.common.TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        LOG.info(
            "frames partitions {} are this encoder's now; their streams continue here at the live frame",
            partitions.stream().map(p -> p.partition()).sorted().toList());
      }
    }
  }

  @Override
  public boolean ready() {
    return consumer != null && consumer.isAssigned();
  }

  @Override
  public void close() {
    if (tickTail != null) {
      tickTail.close();
    }
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
    if (aired != null) {
      aired.close();
    }
    if (publisher != null) {
      publisher.close();
    }
    if (redis != null) {
      redis.shutdown();
    }
  }
}
