package io.streammanager.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.streammanager.gateway.json.CommandOptions;
import io.streammanager.gateway.json.FieldProblem;
import io.streammanager.gateway.json.LayerCodec;
import io.streammanager.gateway.json.StreamCodec;
import io.streammanager.kit.config.Limits;
import io.streammanager.proto.Command;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.ScheduleCancel;
import io.streammanager.proto.ScheduledCommand;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamCreate;
import io.streammanager.proto.StreamDelete;
import io.streammanager.proto.StreamStart;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.StreamStop;
import io.streammanager.proto.StreamUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Streams and everything under them: {@code
 * /api/streams[/{id}[/control|/status|/layers[/{layerId}]|/batch| /schedule[/{commandId}]]]}, and
 * {@code /api/commands/{id}}.
 */
final class StreamsApi {
  private final ReadModel state;
  private final Mutations mutations;
  private final LayersApi layers;
  private final StatusView status;
  private final CommandTracker tracker;
  private final StreamConfig defaults;
  private final Limits limits;

  StreamsApi(
      ReadModel state,
      Mutations mutations,
      StatusView status,
      CommandTracker tracker,
      StreamConfig defaults,
      Limits limits,
      io.streammanager.kit.config.PlatformConfig.AssetLimits assets) {
    this.state = state;
    this.mutations = mutations;
    this.layers = new LayersApi(state, tracker, mutations, limits, assets);
    this.status = status;
    this.tracker = tracker;
    this.defaults = defaults;
    this.limits = limits;
  }

  LayersApi layers() {
    return layers;
  }

  void routing(Routes r) {
    r.get("/api/streams", (req, res) -> list(Access.of(req), res))
        .post("/api/streams", this::create)
        .get(
            "/api/streams/{id}",
            (req, res) -> existing(req, res, id -> get(id, Access.of(req), res)))
        .patch("/api/streams/{id}", (req, res) -> existing(req, res, id -> update(req, res, id)))
        .delete(
            "/api/streams/{id}",
            (req, res) ->
                commandFor(
                    req,
                    res,
                    id ->
                        mutations.send(
                            req,
                            res,
                            id,
                            Auth.caller(req),
                            Command.newBuilder()
                                .setStreamDelete(StreamDelete.getDefaultInstance()))))
        .post(
            "/api/streams/{id}/control",
            (req, res) -> commandFor(req, res, id -> control(req, res, id)))
        .get(
            "/api/streams/{id}/status",
            (req, res) -> existing(req, res, id -> status.send(id, req, res)))
        .get(
            "/api/streams/{id}/layers",
            (req, res) -> existing(req, res, id -> layers.list(id, res)))
        .post(
            "/api/streams/{id}/layers",
            (req, res) -> commandFor(req, res, id -> layers.upsert(req, res, id, null)))
        .get(
            "/api/streams/{id}/layers/{layerId}",
            (req, res) -> existing(req, res, id -> layers.get(id, param(req, "layerId"), res)))
        .put(
            "/api/streams/{id}/layers/{layerId}",
            (req, res) ->
                commandFor(req, res, id -> layers.upsert(req, res, id, param(req, "layerId"))))
        .patch(
            "/api/streams/{id}/layers/{layerId}",
            (req, res) ->
                existing(req, res, id -> layers.patch(req, res, id, param(req, "layerId"))))
        .delete(
            "/api/streams/{id}/layers/{layerId}",
            (req, res) ->
                commandFor(req, res, id -> layers.remove(req, res, id, param(req, "layerId"))))
        .post(
            "/api/streams/{id}/batch",
            (req, res) -> commandFor(req, res, id -> layers.batch(req, res, id)))
        .get(
            "/api/streams/{id}/schedule", (req, res) -> existing(req, res, id -> schedule(id, res)))
        .delete(
            "/api/streams/{id}/schedule/{commandId}",
            (req, res) ->
                commandFor(
                    req,
                    res,
                    id ->
                        mutations.send(
                            req,
                            res,
                            id,
                            Auth.caller(req),
                            Command.newBuilder()
                                .setScheduleCancel(
                                    ScheduleCancel.newBuilder()
                                        .setCommandId(param(req, "commandId"))))))
        .get("/api/commands/{commandId}", this::command);
  }

  static String param(ServerRequest req, String name) {
    return req.path().pathParameters().get(name);
  }

  private void existing(
      ServerRequest req, ServerResponse res, java.util.function.Consumer<String> then) {
    String id = param(req, "id");
    if (!LayerCodec.ID.matcher(id).matches() || !state.exists(id)) {
      Http.notFound(res, "no stream '" + id + "'");
      return;
    }
    then.accept(id);
  }

  /**
   * A command for a stream that exists or that this gateway is creating: a create answered 202 is
   * followed at once by layers and a start, which reach layer-service after the create (same key,
   * same partition). Reads and stream PATCH (which merges into the stored configuration) keep to
   * {@link #existing}.
   */
  private void commandFor(
      ServerRequest req, ServerResponse res, java.util.function.Consumer<String> then) {
    String id = param(req, "id");
    if (LayerCodec.ID.matcher(id).matches() && !state.exists(id) && tracker.beingCreated(id)) {
      then.accept(id);
      return;
    }
    existing(req, res, then);
  }

  /** Every stream the caller may read; stream keys only of those it may change. */
  private void list(Access access, ServerResponse res) {
    ArrayNode out = Http.JSON.createArrayNode();
    for (String id : state.streamIds()) {
      if (access.canRead(id)) {
        state.stream(id).ifPresent(s -> out.add(summary(s, access)));
      }
    }
    Http.json(res, Status.OK_200, out);
  }

  private ObjectNode summary(StreamState s, Access access) {
    ObjectNode n =
        StreamCodec.toJson(s.getStreamId(), s.getConfig(), access.canWrite(s.getStreamId()));
    n.put("stateVersion", s.getVersion())
        .put("layers", s.getLayersCount())
        .put("state", status.status(s.getStreamId()).state());
    return n;
  }

  private void get(String id, Access access, ServerResponse res) {
    Optional<StreamState> s = state.stream(id);
    if (s.isEmpty()) {
      ObjectNode n = StreamCodec.toJson(id, defaults, access.canWrite(id));
      n.put("stateVersion", 0).put("layers", 0).put("state", "stopped");
      Http.json(res, Status.OK_200, n);
      return;
    }
    Http.json(res, Status.OK_200, summary(s.get(), access));
  }

  private void create(ServerRequest req, ServerResponse res) {
    Optional<JsonNode> body = Http.readJson(req, res);
    if (body.isEmpty()) {
      return;
    }
    List<FieldProblem> problems = new ArrayList<>();
    String id = body.get().path("id").asText("");
    if (!LayerCodec.ID.matcher(id).matches()) {
      problems.add(
          new FieldProblem("/id", "id is required: " + io.streammanager.proto.Ids.NAME_RULE));
    }
    StreamConfig config =
        StreamCodec.read(
            body.get(),
            defaults.toBuilder().setName(id).build(),
            LayerCodec.ID.matcher(id).matches() ? id : "stream",
            limits,
            problems);
    if (!problems.isEmpty()) {
      Problems.invalid(res, "Invalid stream", problems);
      return;
    }
    if (state.stream(id).isPresent() || tracker.beingCreated(id)) {
      Problems.send(
          res,
          Status.CONFLICT_409,
          "conflict",
          "Stream exists",
          "stream '" + id + "' already exists",
          List.of(new FieldProblem("/id", "stream '" + id + "' already exists")));
      return;
    }
    Optional<Limits.Problem> full = limits.streams(state.streamIds().size());
    if (full.isPresent()) {
      Problems.send(
          res,
          Status.UNPROCESSABLE_CONTENT_422,
          "quota",
          "Quota reached",
          full.get().message(),
          List.of(new FieldProblem(full.get().field(), full.get().message())));
      return;
    }
    mutations.send(
        req,
        res,
        id,
        Auth.caller(req),
        Command.newBuilder().setStreamCreate(StreamCreate.newBuilder().setConfig(config)));
  }

  private void update(ServerRequest req, ServerResponse res, String id) {
    Optional<JsonNode> body = Http.readJson(req, res);
    if (body.isEmpty()) {
      return;
    }
    List<FieldProblem> problems = new ArrayList<>();
    if (body.get().has("id") && !id.equals(body.get().path("id").asText())) {
      problems.add(new FieldProblem("/id", "the id cannot change"));
    }
    StreamConfig base = state.stream(id).map(StreamState::getConfig).orElse(defaults);
    StreamConfig config = StreamCodec.read(body.get(), base, id, limits, problems);
    if (!problems.isEmpty()) {
      Problems.invalid(res, "Invalid stream", problems);
      return;
    }
    // Only the fields the body sets travel as changes: a concurrent update of other fields is kept.
    mutations.send(
        req,
        res,
        id,
        Auth.caller(req),
        Command.newBuilder()
            .setStreamUpdate(
                StreamUpdate.newBuilder()
                    .setConfig(config)
                    .setMasked(true)
                    .addAllFields(StreamCodec.touched(body.get()))));
  }

  void control(ServerRequest req, ServerResponse res, String id) {
    Optional<JsonNode> body = Http.readJson(req, res);
    if (body.isEmpty()) {
      return;
    }
    JsonNode action = body.get().get("action");
    String a = action != null && action.isTextual() ? action.textValue() : null;
    Command.Builder cmd = Command.newBuilder();
    List<FieldProblem> problems = new ArrayList<>();
    if ("start".equals(a)) {
      cmd.setStreamStart(StreamStart.getDefaultInstance());
    } else if ("stop".equals(a)) {
      cmd.setStreamStop(StreamStop.getDefaultInstance());
    } else {
      problems.add(
          new FieldProblem(
              "/action",
              "action must be \"start\" or \"stop\"" + (action == null ? "" : ", was " + action)));
    }
    CommandOptions.read(body.get(), cmd, problems);
    if (!problems.isEmpty()) {
      Problems.invalid(res, "Invalid control action", problems);
      return;
    }
    mutations.send(req, res, id, Auth.caller(req), cmd);
  }

  private void schedule(String id, ServerResponse res) {
    ArrayNode out = Http.JSON.createArrayNode();
    state.stream(id)
        .ifPresent(
            s -> {
              for (ScheduledCommand sc : s.getScheduleList()) {
                Command c = sc.getCommand();
                ObjectNode n =
                    out.addObject()
                        .put("commandId", c.getCommandId())
                        .put("action", c.getActionCase().name().toLowerCase(java.util.Locale.ROOT))
                        .put("issuedBy", c.getIssuedBy());
                if (c.getAt().hasTime()) {
                  n.putObject("at")
                      .put("time", ProtoTime.toInstant(c.getAt().getTime()).toString());
                } else {
                  n.putObject("at").put("frame", c.getAt().getFrame());
                }
              }
            });
    Http.json(res, Status.OK_200, out);
  }

  private void command(ServerRequest req, ServerResponse res) {
    String id = param(req, "commandId");
    Optional<CommandTracker.Decision> d = tracker.decision(id);
    Optional<String> of = d.map(CommandTracker.Decision::streamId).or(() -> tracker.pending(id));
    if (of.isPresent() && !Access.of(req).canRead(of.get())) {
      Http.notFound(res, "no command '" + id + "' is known to this gateway");
      return;
    }
    ObjectNode n = Http.JSON.createObjectNode().put("commandId", id);
    if (d.isPresent()) {
      n.put("streamId", d.get().streamId())
          .put("status", d.get().applied() ? "applied" : "rejected");
      if (d.get().applied()) {
        n.put("stateVersion", d.get().stateVersion());
      } else {
        n.put("code", Rejections.name(d.get().code()))
            .put("field", d.get().field())
            .put("reason", d.get().reason());
      }
      Http.json(res, Status.OK_200, n);
    } else if (tracker.pending(id).isPresent()) {
      Http.json(
          res,
          Status.OK_200,
          n.put("streamId", tracker.pending(id).get()).put("status", "pending"));
    } else {
      Http.notFound(res, "no command '" + id + "' is known to this gateway");
    }
  }
}
