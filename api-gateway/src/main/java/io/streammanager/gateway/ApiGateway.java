package io.streammanager.gateway;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.websocket.WsRouting;
import io.micrometer.core.instrument.MeterRegistry;
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
import io.streammanager.proto.StreamEvent;
import io.streammanager.proto.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Wires the gateway: HTTP on PORT, WebSocket events on WS_PORT, commands to Kafka, status from the
 * events topic.
 */
public final class ApiGateway implements Service {
  static final String NAME = "api-gateway";

  /**
   * How long GET .../frame.png waits for a render worker to draw the frame before answering 503.
   */
  static final Duration FRAME_TIMEOUT = Duration.ofSeconds(10);

  private final PlatformConfig config;
  private final MeterRegistry registry;
  private final Clock clock;
  private final StatusBoard status = new StatusBoard();
  private final EventHub hub;
  private final java.util.concurrent.ScheduledExecutorService statusTimer =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("ws-status").daemon().factory());
  private ReadModel readModel;
  private Authorizer authorizer;
  private final CommandTracker tracker = new CommandTracker();
  private org.redisson.api.RedissonClient redis;
  private Publisher publisher;
  private ConsumerLoop<StreamEvent> events;
  private ConsumerLoop<io.streammanager.proto.FrameChunk> jobFrames;
  private WebServer http;
  private WebServer ws;

  public ApiGateway(PlatformConfig config, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.registry = registry;
    this.clock = clock;
    this.hub = new EventHub(new WsRequests(this::httpPort), this::identify, config.web());
  }

  @Override
  public void start(Duration timeout) throws Exception {
    String bootstrap = config.kafka().bootstrapServers();
    TopicAdmin.ensure(config.kafka(), Topics.ALL, timeout);
    String instance = NAME + "-" + UUID.randomUUID();
    // linger 1 ms: under load many commands share one produce request (the broker's CPU is the
    // limit). A command is given up 9 s after it was sent, before the 10 s the client is answered
    // 503 at: by then it is no longer being sent (a retry with its Idempotency-Key is safe anyway).
    Map<String, Object> producer = KafkaSettingsFactory.producer(bootstrap, instance, 1);
    producer.put(
        org.apache.kafka.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 9_000);
    producer.put(org.apache.kafka.clients.producer.ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
    publisher = new Publisher(producer);
    // Every gateway instance folds every event: no consumer group, all partitions, from the newest
    // events on.
    Map<String, Object> consumer = KafkaSettingsFactory.everyRecordConsumer(bootstrap, instance);
    events =
        ConsumerLoop.builder(Topics.EVENTS, consumer)
            .handler(
                (rec, event) -> {
                  String before =
                      status.known(event.getStreamId())
                          ? status.status(event.getStreamId()).state()
                          : null;
                  status.accept(event);
                  tracker.accept(event);
                  EventJson.of(event, before, status.status(event.getStreamId()))
                      .forEach(o -> hub.publish(o.streamId(), o.kind(), o.json()));
                })
            .deadLetters(new DeadLetters(publisher, NAME, clock, registry))
            .metrics(registry)
            .build()
            .start();
    // Render jobs: every gateway reads every job frame from the end and keeps those of its own jobs
    // (FrameJobs).
    FrameJobs frameJobs = new FrameJobs(publisher);
    Map<String, Object> jobConsumer =
        KafkaSettingsFactory.everyRecordConsumer(bootstrap, instance + "-jobs");
    jobFrames =
        ConsumerLoop.builder(Topics.JOB_FRAMES, jobConsumer)
            .handler((rec, chunk) -> frameJobs.accept(chunk))
            .deadLetters(new DeadLetters(publisher, NAME, clock, registry))
            .metrics(registry)
            .build()
            .start();
    registry.gauge("sm_gateway_render_jobs_pending", frameJobs, FrameJobs::pending);
    CommandSender sender =
        new CommandSender(
            (stream, c) -> publisher.send(Topics.COMMANDS, stream, c),
            clock,
            Duration.ofSeconds(10),
            registry);
    String output =
        config.stream().url().isEmpty() ? PlatformConfig.DEFAULT_RECORDING : config.stream().url();
    redis = RedisConnector.connect(config.redis());
    readModel = new ReadModel(Snapshots.redis(new StateStore(redis)));
    StatusView statusView =
        new StatusView(
            status,
            output,
            id -> readModel.stream(id).map(io.streammanager.proto.StreamState::getConfig));
    Mutations mutations = new Mutations(sender, tracker, readModel, Duration.ofSeconds(10));
    StreamsApi streams =
        new StreamsApi(
            readModel,
            mutations,
            statusView,
            tracker,
            StreamConfigs.fromDefaults("", config.stream()),
            io.streammanager.kit.config.Limits.of(config),
            config.assets());
    SeedApi seed = new SeedApi(streams, statusView);
    AssetsApi assets = new AssetsApi(new StateStore(redis), config.assets());
    HistoryApi history = new HistoryApi(new StateStore(redis));
    FrameApi frames =
        new FrameApi(
            new StateStore(redis),
            io.streammanager.kit.redis.AiredFrames.reader(redis),
            frameJobs,
            clock,
            FRAME_TIMEOUT);
    KeyRing keyRing =
        new KeyRing(
            config.auth(),
            MintedKeys.logged(
                MintedKeys.redis(
                    redis.getMap(
                        io.streammanager.proto.StateKeys.apiKeys(),
                        org.redisson.client.codec.StringCodec.INSTANCE)),
                key -> publisher.send(Topics.KEYS, key.getName(), key),
                clock));
    boolean authOn = config.auth().hasTokens() && !config.auth().disabled();
    authorizer =
        new Authorizer(
            keyRing,
            authOn,
            new LoopbackTrust(config.auth().trustLoopback(), config.web().allowedHosts()),
            config.auth().rateLimitPerSecond(),
            redis);
    KeysApi keysApi = new KeysApi(keyRing);
    if (!authOn) {
      org.slf4j.LoggerFactory.getLogger(ApiGateway.class)
          .warn(
              "AUTHENTICATION IS OFF: {}: every /api call is "
                  + "allowed. Set ADMIN_TOKEN or API_KEYS before exposing this gateway.",
              config.auth().disabled() ? "AUTH_DISABLED=true" : "no ADMIN_TOKEN or API_KEYS");
    } else if (config.auth().trustLoopback()) {
      org.slf4j.LoggerFactory.getLogger(ApiGateway.class)
          .warn(
              "AUTH_TRUST_LOOPBACK=true: HTTP calls from this machine "
                  + "to a loopback Host (or ALLOWED_HOSTS) without an Authorization header, and not sent by a browser from "
                  + "another site, act as admin; other machines and WebSocket clients need a token");
    }
    http =
        WebServer.builder()
            .host("0.0.0.0")
            .port(config.ports().http())
            .maxPayloadSize(Math.max(Http.MAX_BODY_BYTES, config.assets().maxBytes() + 64 * 1024))
            .routing(
                r ->
                    HttpApi.routing(
                        r,
                        authorizer,
                        java.util.List.of(
                            seed::routing,
                            streams::routing,
                            history::routing,
                            frames::routing,
                            assets::routing,
                            keysApi::routing,
                            OpenApi::routing)))
            .build()
            .start();
    io.streammanager.kit.ops.OpsServer.listening(http, config.ports().http(), "PORT");
    ws =
        io.streammanager.kit.ops.OpsServer.listening(
            WebServer.builder()
                .host("0.0.0.0")
                .port(config.ports().ws())
                .addProtocol(
                    io.helidon.webserver.websocket.WsConfig.builder()
                        .origins(EventHub.origins(http.port(), config.web().allowedOrigins()))
                        .maxFrameLength(EventHub.MAX_MESSAGE_CHARS * 4)
                        .build())
                .addRouting(WsRouting.builder().endpoint("/ws", hub))
                .build()
                .start(),
            config.ports().ws(),
            "WS_PORT");
    registry.gauge("sm_gateway_websocket_clients", hub, EventHub::clientCount);
    registry
        .more()
        .counter(
            "sm_gateway_websocket_dropped_total",
            java.util.List.of(),
            hub,
            EventHub::droppedForSlowClients);
    registry
        .more()
        .counter(
            "sm_gateway_websocket_refused_total",
            java.util.List.of(),
            hub,
            EventHub::refusedConnections);
    statusTimer.scheduleAtFixedRate(
        this::publishStatuses, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    if (!events.awaitAssigned(timeout) || !jobFrames.awaitAssigned(timeout)) {
      throw new IllegalStateException(
          "the events and job frames topics were not assigned within "
              + timeout.toSeconds()
              + " s");
    }
  }

  private void publishStatuses() {
    try {
      for (String id : status.streams()) {
        var cfg = readModel.stream(id).map(io.streammanager.proto.StreamState::getConfig);
        EventJson.Out o =
            EventJson.status(
                status.status(id),
                cfg.map(c -> (int) c.getFps()).orElse(0),
                cfg.map(c -> (int) c.getVideoBitrateKbps()).orElse(0));
        hub.publish(o.streamId(), o.kind(), o.json());
      }
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(ApiGateway.class)
          .debug("status push failed: {}", e.toString());
    }
  }

  /**
   * WebSocket identify: the key a token belongs to, as what it may do (everything for any token
   * when auth is off).
   */
  private java.util.Optional<Access> identify(String token) {
    return authorizer == null
        ? java.util.Optional.of(Access.ANONYMOUS)
        : authorizer.identify(token);
  }

  /** The port HTTP listens on (PORT, or the one picked when PORT is 0 in tests). */
  public int httpPort() {
    return http.port();
  }

  @Override
  public boolean ready() {
    return http != null && http.isRunning() && events.isAssigned() && jobFrames.isAssigned();
  }

  @Override
  public void close() {
    if (http != null) {
      http.stop();
    }
    statusTimer.shutdownNow();
    if (ws != null) {
      ws.stop();
    }
    if (events != null) {
      events.close();
    }
    if (jobFrames != null) {
      jobFrames.close();
    }
    if (publisher != null) {
      publisher.close();
    }
    if (redis != null) {
      redis.shutdown();
    }
  }
}
