package io.streammanager.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streammanager.gateway.json.LayerCodec;
import io.streammanager.kit.config.EnvSource;
import io.streammanager.kit.config.Limits;
import io.streammanager.kit.config.PlatformConfig;
import io.streammanager.kit.config.StreamConfigs;
import io.streammanager.proto.Command;
import io.streammanager.proto.CommandApplied;
import io.streammanager.proto.CommandRejected;
import io.streammanager.proto.RejectionCode;
import io.streammanager.proto.StreamEvent;
import io.streammanager.proto.StreamState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The gateway's HTTP API as it is served ({@link HttpApi}), over what lies behind it in memory: the
 * snapshots layer-service wrote (a map), the command log (a list) and layer-service's decision on
 * each command sent (a function, answered through the same {@link CommandTracker} the events topic
 * feeds). No broker, no Redis, no socket.
 */
final class InProcessGateway {
  /** How long {@code ?wait=true} waits here for a decision that never comes. */
  static final Duration WAIT_LIMIT = Duration.ofMillis(300);

  private final Map<String, StreamState> snapshots = new ConcurrentHashMap<>();
  private final List<Command> log = new CopyOnWriteArrayList<>();
  private final Map<String, io.streammanager.proto.CommandRecord> decisions =
      new ConcurrentHashMap<>();
  private final CommandTracker tracker = new CommandTracker();
  private final PlatformConfig config;
  private final Authorizer authorizer;
  private volatile Function<Command, Optional<StreamEvent>> layerService =
      InProcessGateway::applied;
  private volatile boolean logAway;

  InProcessGateway(Map<String, String> env) {
    this.config = PlatformConfig.from(EnvSource.of(env));
    boolean authOn = config.auth().hasTokens() && !config.auth().disabled();
    this.authorizer =
        new Authorizer(
            new KeyRing(config.auth(), MintedKeys.memory()), authOn, LoopbackTrust.OFF, 0, null);
  }

  /**
   * The routes with the authorizer this deployment's configuration asks for (keys minted in
   * memory).
   */
  void routing(HttpRouting.Builder r) {
    ReadModel readModel = new ReadModel(snapshots());
    CommandSender sender =
        new CommandSender(
            this::append, Clock.systemUTC(), Duration.ofSeconds(5), new SimpleMeterRegistry());
    Mutations mutations = new Mutations(sender, tracker, readModel, WAIT_LIMIT);
    StatusView status =
        new StatusView(
            new StatusBoard(),
            PlatformConfig.DEFAULT_RECORDING,
            id -> readModel.stream(id).map(StreamState::getConfig));
    StreamsApi streams =
        new StreamsApi(
            readModel,
            mutations,
            status,
            tracker,
            StreamConfigs.fromDefaults("", config.stream()),
            Limits.of(config),
            config.assets());
    HttpApi.routing(
        r,
        authorizer,
        List.of(
            new SeedApi(streams, status)::routing,
            streams::routing,
            new KeysApi(authorizer.keys())::routing));
  }

  /**
   * The WebSocket endpoint, identifying clients as the gateway does and handing their requests to
   * the HTTP API on {@code httpPort}.
   */
  EventHub hub(java.util.function.IntSupplier httpPort) {
    return new EventHub(new WsRequests(httpPort), authorizer::identify, config.web());
  }

  /** Puts a stream's newest snapshot, with these layers (as JSON the API reads) at this version. */
  void stream(String id, long version, JsonNode... layers) {
    StreamState.Builder s =
        StreamState.newBuilder()
            .setStreamId(id)
            .setVersion(version)
            .setConfig(StreamConfigs.fromDefaults(id, config.stream()));
    for (JsonNode layer : layers) {
      LayerCodec.Parsed parsed = LayerCodec.parse(layer, Set.of());
      if (!parsed.problems().isEmpty()) {
        throw new IllegalArgumentException(parsed.problems().toString());
      }
      s.addLayers(parsed.upsert().getLayer());
    }
    snapshots.put(id, s.build());
  }

  /** What layer-service decides of each command from now on (empty: no decision ever comes). */
  void decides(Function<Command, Optional<StreamEvent>> decision) {
    this.layerService = decision;
  }

  /** Kafka takes no command from now on (false: it takes them again). */
  void logAway(boolean away) {
    this.logAway = away;
  }

  /** The commands the log holds, in order. */
  List<Command> commands() {
    return List.copyOf(log);
  }

  /**
   * layer-service decided an idempotent command before, as another gateway (or this one before a
   * restart) sent it: its decision is kept by id, as in Redis.
   */
  void decided(io.streammanager.proto.CommandRecord record) {
    decisions.put(record.getCommandId(), record);
  }

  void reset() {
    snapshots.clear();
    log.clear();
    decisions.clear();
    layerService = InProcessGateway::applied;
    logAway = false;
  }

  static Optional<StreamEvent> applied(Command c) {
    return Optional.of(
        StreamEvent.newBuilder()
            .setStreamId(c.getStreamId())
            .setCommandApplied(
                CommandApplied.newBuilder()
                    .setCommandId(c.getCommandId())
                    .setStateVersion(c.getExpectedVersion() + 1))
            .build());
  }

  static Function<Command, Optional<StreamEvent>> rejects(
      RejectionCode code, String field, String reason) {
    return c ->
        Optional.of(
            StreamEvent.newBuilder()
                .setStreamId(c.getStreamId())
                .setCommandRejected(
                    CommandRejected.newBuilder()
                        .setCommandId(c.getCommandId())
                        .setCode(code)
                        .setField(field)
                        .setReason(reason))
                .build());
  }

  private CompletableFuture<?> append(String streamId, Command c) {
    if (logAway) {
      return CompletableFuture.failedFuture(
          new org.apache.kafka.common.errors.TimeoutException("broker away"));
    }
    log.add(c);
    layerService.apply(c).ifPresent(tracker::accept);
    return CompletableFuture.completedFuture(null);
  }

  private Snapshots snapshots() {
    return new Snapshots() {
      @Override
      public Optional<StreamState> head(String streamId) {
        return Optional.ofNullable(snapshots.get(streamId));
      }

      @Override
      public boolean exists(String streamId) {
        return snapshots.containsKey(streamId);
      }

      @Override
      public Set<String> streamIds() {
        return Set.copyOf(snapshots.keySet());
      }

      @Override
      public Optional<io.streammanager.proto.CommandRecord> decision(String commandId) {
        return Optional.ofNullable(decisions.get(commandId));
      }
    };
  }
}
