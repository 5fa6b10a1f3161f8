package io.streammanager.render;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streammanager.kit.config.PlatformConfig;
import io.streammanager.kit.kafka.ConsumerLoop;
import io.streammanager.kit.kafka.DeadLetters;
import io.streammanager.kit.kafka.KafkaSettingsFactory;
import io.streammanager.kit.kafka.Publisher;
import io.streammanager.kit.kafka.TopicAdmin;
import io.streammanager.kit.lifecycle.Service;
import io.streammanager.kit.redis.RedisConnector;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RedrawRequest;
import io.streammanager.proto.Region;
import io.streammanager.proto.RenderStats;
import io.streammanager.proto.StreamEvent;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Tick;
import io.streammanager.proto.Topics;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires a render worker: ticks in (one consumer group for all workers), frame chunks and render
 * stats out.
 */
public final class RenderWorker implements Service {
  private static final Logger LOG = LoggerFactory.getLogger(RenderWorker.class);
  static final String NAME = "render-worker";
  static final String GROUP = "render-worker";

  /** The group that shares render jobs ({@link Topics#JOB_TICKS}) among the workers. */
  static final String JOBS_GROUP = "render-worker-jobs";

  /**
   * A tick older than this is not drawn: the encoder has filled its slot already (it gives a
   * missing frame up after at most 500 ms, and asks for it again before that, see {@link Redraws}).
   * Partitions taken over from a dead worker start with such ticks: they are skipped rather than
   * drawn in a burst that would hold up the live ones.
   */
  static final Duration STALE_AFTER = Duration.ofSeconds(2);

  private final PlatformConfig config;
  private final MeterRegistry registry;
  private final Clock clock;
  private final String workerId;

  /**
   * Frames drawn per "stream\nrun", and when the last one was drawn (ms); idle runs are reported
   * once more, then dropped.
   */
  private final Map<String, RunCount> renderedByRun = new ConcurrentHashMap<>();

  static final long FORGET_RUN_AFTER_MS = 10_000;

  private static final class RunCount {
    final AtomicLong frames = new AtomicLong();
    volatile long lastMillis;
  }

  private RedissonClient redis;
  private Publisher publisher;
  private ConsumerLoop<Tick> consumer;
  private ConsumerLoop<Tick> jobs;
  private ConsumerLoop<RedrawRequest> redraws;
  private ScheduledExecutorService housekeeping;
  private SnapshotCache snapshots;
  private AssetCache assets;
  private SceneRenderer scene;
  private FrameDamage damage;
  private Counter framesPatched;
  private Counter framesWhole;
  private StreamRenderers renderers;
  private final FrameStats frameStats = new FrameStats();

  /** Runs whose renderer (static base, last frame) a worker keeps. */
  static final int KEPT_RUNS = 4;

  private Timer renderTime;
  private Counter framesRendered;
  private Counter framesSkipped;
  private DistributionSummary bytesOut;

  public RenderWorker(PlatformConfig config, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.registry = registry;
    this.clock = clock;
    this.workerId = NAME + "-" + ManagementFactory.getRuntimeMXBean().getName().replace('@', '-');
  }

  /**
   * The static group member id: the same for this host and health port across restarts (a pod's
   * name in Kubernetes), so a restarted worker takes its partitions back without a rebalance.
   */
  private String memberId() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    return NAME + "-" + host + "-" + config.ports().health();
  }

  @Override
  public void start(Duration timeout) throws Exception {
    String bootstrap = config.kafka().bootstrapServers();
    TopicAdmin.ensure(config.kafka(), Topics.ALL, timeout);
    redis = RedisConnector.connect(config.redis());
    StateStore store = new StateStore(redis);
    snapshots = new SnapshotCache(64, store::version);
    assets = new AssetCache(256L * 1024 * 1024, store::asset, config.assets());
    scene = new SceneRenderer(assets);
    damage = new FrameDamage(scene);
    renderers = new StreamRenderers(scene, frameStats, KEPT_RUNS);
    warmUp();
    publisher = new Publisher(bootstrap, workerId, 0);
    renderTime =
        Timer.builder("sm_render_frame_seconds")
            .description("time to draw, convert and compress a frame")
            .publishPercentileHistogram()
            .register(registry);
    framesRendered =
        Counter.builder("sm_frames_rendered_total").description("frames drawn").register(registry);
    framesPatched =
        Counter.builder("sm_frames_sent_total")
            .tag("as", "patch")
            .description("frames sent to the encoder, as a patch of their base frame or whole")
            .register(registry);
    framesWhole =
        Counter.builder("sm_frames_sent_total")
            .tag("as", "whole")
            .description("frames sent to the encoder, as a patch of their base frame or whole")
            .register(registry);
    framesSkipped =
        Counter.builder("sm_frames_skipped_total")
            .description("ticks not drawn (stale)")
            .register(registry);
    bytesOut =
        DistributionSummary.builder("sm_frame_compressed_bytes")
            .baseUnit("bytes")
            .description("compressed size of a frame")
            .register(registry);
    registry.gauge("sm_snapshot_cache_hit_ratio", this, w -> w.snapshots.hitRatio());
    RenderMetrics.register(registry, frameStats, scene, assets);
    consumer =
        ConsumerLoop.builder(
                Topics.TICKS,
                KafkaSettingsFactory.scalingConsumer(bootstrap, GROUP, workerId, memberId()))
            .handler(this::onTick)
            .deadLetters(new DeadLetters(publisher, NAME, clock, registry))
            .metrics(registry)
            .batchOrder(
                java.util.Comparator.comparing(Tick::getStreamId).thenComparingLong(Tick::getFrame))
            .build()
            .start();
    // Render jobs (past frames on demand) on their own consumer and thread, so live ticks never
    // wait behind them. Their own snapshot and picture caches: a job reading old versions or
    // decoding old pictures never takes a live cache's lock or evicts what live frames need.
    RenderJobs jobRenderer =
        new RenderJobs(
            new SnapshotCache(16, store::version),
            new AssetCache(64L * 1024 * 1024, store::asset, config.assets()),
            publisher,
            clock,
            workerId,
            registry);
    jobs =
        ConsumerLoop.builder(
                Topics.JOB_TICKS,
                KafkaSettingsFactory.scalingConsumer(
                    bootstrap, JOBS_GROUP, workerId + "-jobs", memberId() + "-jobs"))
            .handler((record, tick) -> jobRenderer.onTick(tick))
            .deadLetters(new DeadLetters(publisher, NAME, clock, registry))
            .metrics(registry)
            .build()
            .start();
    // Redraws: every worker reads every request (no group) and draws those that name it, on their
    // own thread and drawer (the live caches are shared: the versions asked for are live ones).
    Redraws redrawer =
        new Redraws(
            new ScratchFrames(snapshots, assets, clock, workerId),
            publisher,
            clock,
            workerId,
            registry);
    redraws =
        ConsumerLoop.builder(
                Topics.REDRAWS,
                KafkaSettingsFactory.everyRecordConsumer(bootstrap, workerId + "-redraws"))
            .handler((record, request) -> redrawer.onRequest(request))
            .deadLetters(new DeadLetters(publisher, NAME, clock, registry))
            .metrics(registry)
            .build()
            .start();
    housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("render-stats").daemon().factory());
    housekeeping.scheduleAtFixedRate(this::publishStats, 1, 1, TimeUnit.SECONDS);
    if (!consumer.awaitAssigned(timeout)) {
      throw new IllegalStateException(
          "no partitions of " + Topics.TICKS.name() + " within " + timeout.toSeconds() + " s");
    }
    LOG.info("worker {} rendering", workerId);
  }

  /**
   * Loads Java2D, the shipped fonts and the converter once, so the first live frames are not late.
   */
  private void warmUp() {
    long start = System.nanoTime();
    VectorWarmUp.run();
    StreamState scene =
        StreamState.newBuilder()
            .setStreamId("warm-up")
            .setConfig(
                io.streammanager.proto.StreamConfig.newBuilder()
                    .setWidth(320)
                    .setHeight(180)
                    .setFps(30))
            .addLayers(
                io.streammanager.proto.Layer.newBuilder()
                    .setId("t")
                    .setText(
                        io.streammanager.proto.TextBlock.newBuilder()
                            .setText("warm-up 0123")
                            .setStyle(
                                io.streammanager.proto.TextStyle.newBuilder()
                                    .setSize(24)
                                    .setRgba(-1))))
            .build();
    Tick tick =
        Tick.newBuilder()
            .setStreamId("warm-up")
            .setPresentationTime(ProtoTime.of(clock.instant()))
            .build();
    for (int i = 0; i < 3; i++) {
      new FrameRenderer(new SceneRenderer(new AssetCache(1, id -> java.util.Optional.empty())))
          .render(scene, tick);
    }
    LOG.info("renderer ready in {} ms", (System.nanoTime() - start) / 1_000_000);
  }

  private void onTick(ConsumerRecord<String, byte[]> record, Tick tick) throws Exception {
    if (tick.getEndOfStream()) {
      // The end marker closes the recording: it must be stored before this tick's offset is
      // committed.
      publisher
          .send(
              Topics.FRAMES,
              tick.getStreamId(),
              FrameChunker.endOfStream(tick, workerId, clock.instant()))
          .get(30, TimeUnit.SECONDS);
      return;
    }
    if (Duration.between(ProtoTime.toInstant(tick.getEmittedAt()), clock.instant())
            .compareTo(STALE_AFTER)
        > 0) {
      framesSkipped.increment();
      return;
    }
    StreamState state =
        snapshots
            .get(tick.getStreamId(), tick.getRunId(), tick.getStateVersion())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "snapshot "
                            + tick.getStreamId()
                            + "@"
                            + tick.getStateVersion()
                            + " is not in Redis yet"));
    long start = System.nanoTime();
    StreamRenderers.Pipeline pipeline = renderers.of(tick.getStreamId(), tick.getRunId());
    FrameRenderer renderer = pipeline.frames();
    byte[] yuv = renderer.render(state, tick);
    Optional<List<Region>> patch =
        tick.hasBaseFrame()
            ? snapshots
                .get(tick.getStreamId(), tick.getRunId(), tick.getBaseStateVersion())
                .flatMap(
                    base ->
                        damage.between(
                            base,
                            tick.getBaseFrame(),
                            state,
                            tick.getFrame(),
                            ProtoTime.toInstant(tick.getPresentationTime())))
            : Optional.empty();
    var chunks =
        patch.isPresent()
            ? pipeline
                .chunker()
                .patchChunks(
                    tick,
                    renderer.width(),
                    renderer.height(),
                    yuv,
                    tick.getBaseFrame(),
                    patch.get(),
                    workerId,
                    clock.instant(),
                    renderer.unchanged())
            : pipeline
                .chunker()
                .chunks(
                    tick,
                    renderer.width(),
                    renderer.height(),
                    yuv,
                    renderer.yuvLength(),
                    workerId,
                    clock.instant(),
                    renderer.unchanged());
    (patch.isPresent() ? framesPatched : framesWhole).increment();
    renderTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    for (FrameChunk c : chunks) {
      bytesOut.record(c.getPayload().size());
      publisher.send(Topics.FRAMES, tick.getStreamId(), c);
    }
    framesRendered.increment();
    RunCount count =
        renderedByRun.computeIfAbsent(
            tick.getStreamId() + "\n" + tick.getRunId(), k -> new RunCount());
    count.frames.incrementAndGet();
    count.lastMillis = clock.millis();
  }

  private void publishStats() {
    try {
      long now = clock.millis();
      for (var e : renderedByRun.entrySet()) {
        String[] parts = e.getKey().split("\n", 2);
        publisher.send(
            Topics.EVENTS,
            parts[0],
            StreamEvent.newBuilder()
                .setStreamId(parts[0])
                .setSource(NAME)
                .setAt(ProtoTime.of(clock.instant()))
                .setRenderStats(
                    RenderStats.newBuilder()
                        .setWorkerId(workerId)
                        .setRunId(parts[1])
                        .setFramesRendered(e.getValue().frames.get()))
                .build());
        if (now - e.getValue().lastMillis > FORGET_RUN_AFTER_MS) {
          renderedByRun.remove(e.getKey(), e.getValue());
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("render stats publish failed: {}", e.toString());
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
    if (jobs != null) {
      jobs.close();
    }
    if (redraws != null) {
      redraws.close();
    }
    if (housekeeping != null) {
      housekeeping.shutdownNow();
    }
    if (publisher != null) {
      publisher.close();
    }
    if (redis != null) {
      redis.shutdown();
    }
  }
}
