package io.streammanager.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.streammanager.gateway.json.FieldProblem;
import io.streammanager.gateway.json.LayerCodec;
import io.streammanager.gateway.json.StreamCodec;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.kit.redis.Timeline;
import io.streammanager.proto.CommandRecord;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerOrder;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.StreamState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a stream looked like and why: its command history (every decision, who sent it, when), its
 * state at a time, a version or a frame, and the difference between two versions, per layer and
 * property. Reads what layer-service keeps in Redis: the history (kept, also after a delete) and
 * the snapshots (kept {@link StateStore#SNAPSHOT_TTL}).
 */
final class HistoryApi {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final Pattern VERSION = Pattern.compile("version:(\\d{1,18})");
  private static final Pattern FRAME = Pattern.compile("frame:(\\d{1,18})");

  private final StateStore store;
  private final Timeline timeline;

  HistoryApi(StateStore store) {
    this.store = store;
    this.timeline = new Timeline(store);
  }

  void routing(Routes r) {
    r.get("/api/streams/{id}/history", this::history)
        .get("/api/streams/{id}/state", this::state)
        .get("/api/streams/{id}/diff", this::diff);
  }

  private static Optional<String> id(ServerRequest req, ServerResponse res) {
    String id = StreamsApi.param(req, "id");
    if (!LayerCodec.ID.matcher(id).matches()) {
      Http.notFound(res, "no stream '" + id + "'");
      return Optional.empty();
    }
    return Optional.of(id);
  }

  /**
   * {@code ?from=&to=&limit=}: decisions in [from, to], oldest first, with a {@code next} page
   * link.
   */
  void history(ServerRequest req, ServerResponse res) {
    Optional<String> id = id(req, res);
    if (id.isEmpty()) {
      return;
    }
    List<FieldProblem> problems = new ArrayList<>();
    Optional<String> after = req.query().first("after").asOptional();
    long from =
        after.isPresent()
            ? micros(after.get(), "/after", problems, 0)
            : micros(req.query().first("from").asOptional().orElse(null), "/from", problems, 0);
    long to =
        micros(
            req.query().first("to").asOptional().orElse(null), "/to", problems, Long.MAX_VALUE / 2);
    int limit = limit(req, problems);
    if (!problems.isEmpty()) {
      Problems.invalid(res, "Invalid history query", problems);
      return;
    }
    List<CommandRecord> page = store.history(id.get(), from, after.isPresent(), to, limit);
    ObjectNode out = Http.JSON.createObjectNode();
    ArrayNode items = out.putArray("items");
    page.forEach(r -> items.add(toJson(r)));
    if (page.size() == limit) {
      String last = ProtoTime.toInstant(page.getLast().getDecidedAt()).toString();
      out.put(
          "next",
          "/api/streams/"
              + id.get()
              + "/history?after="
              + last
              + (req.query().contains("to") ? "&to=" + req.query().get("to") : "")
              + "&limit="
              + limit);
    } else {
      out.putNull("next");
    }
    Http.json(res, Status.OK_200, out);
  }

  /** {@code ?at=<ISO-8601 time> | version:N | frame:N}: the whole state on air then. */
  void state(ServerRequest req, ServerResponse res) {
    Optional<String> id = id(req, res);
    if (id.isEmpty()) {
      return;
    }
    String at = req.query().first("at").asOptional().orElse("");
    List<FieldProblem> problems = new ArrayList<>();
    Optional<Long> version = versionAt(id.get(), at, problems);
    if (!problems.isEmpty()) {
      Problems.invalid(res, "Invalid state query", problems);
      return;
    }
    if (version.isEmpty()) {
      Http.notFound(res, "stream '" + id.get() + "' has no state at " + at);
      return;
    }
    Optional<StreamState> s = snapshot(id.get(), version.get(), res);
    boolean secrets = Access.of(req).canWrite(id.get());
    s.ifPresent(state -> Http.json(res, Status.OK_200, stateJson(state, secrets)));
  }

  /** {@code ?from=<version>&to=<version>}: what changed, per layer and property. */
  void diff(ServerRequest req, ServerResponse res) {
    Optional<String> id = id(req, res);
    if (id.isEmpty()) {
      return;
    }
    List<FieldProblem> problems = new ArrayList<>();
    long from = versionParam(req, "from", problems);
    long to = versionParam(req, "to", problems);
    if (!problems.isEmpty()) {
      Problems.invalid(res, "Invalid diff query", problems);
      return;
    }
    Optional<StreamState> a = snapshot(id.get(), from, res);
    if (a.isEmpty()) {
      return;
    }
    Optional<StreamState> b = snapshot(id.get(), to, res);
    if (b.isEmpty()) {
      return;
    }
    Http.json(res, Status.OK_200, diff(a.get(), b.get(), Access.of(req).canWrite(id.get())));
  }

  /**
   * @param secrets show output URLs whole (a caller that may change the stream), else with stream
   *     keys hidden
   */
  static ObjectNode diff(StreamState a, StreamState b, boolean secrets) {
    ObjectNode out = Http.JSON.createObjectNode();
    out.put("streamId", b.getStreamId()).put("from", a.getVersion()).put("to", b.getVersion());
    out.set(
        "stream",
        changes(
            StreamCodec.toJson(a.getStreamId(), a.getConfig(), secrets),
            StreamCodec.toJson(b.getStreamId(), b.getConfig(), secrets)));
    Map<String, ObjectNode> before = layers(a);
    Map<String, ObjectNode> after = layers(b);
    ArrayNode added = out.putArray("added");
    ArrayNode removed = out.putArray("removed");
    ArrayNode changed = out.putArray("changed");
    after.forEach(
        (id, layer) -> {
          if (!before.containsKey(id)) {
            added.add(layer);
          } else {
            ObjectNode c = changes(before.get(id), layer);
            if (!c.isEmpty()) {
              changed.addObject().put("id", id).set("changes", c);
            }
          }
        });
    before.forEach(
        (id, layer) -> {
          if (!after.containsKey(id)) {
            removed.add(id);
          }
        });
    return out;
  }

  private static Map<String, ObjectNode> layers(StreamState s) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    for (Layer l : LayerOrder.bottomToTop(s.getLayersList())) {
      out.put(l.getId(), LayerCodec.toJson(l));
    }
    return out;
  }

  /**
   * Property by property: {"x": {"from": 40, "to": 60}}; a property absent on one side is null
   * there.
   */
  private static ObjectNode changes(ObjectNode a, ObjectNode b) {
    ObjectNode out = Http.JSON.createObjectNode();
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    a.fieldNames().forEachRemaining(names::add);
    b.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode x = a.get(name);
      JsonNode y = b.get(name);
      if (x == null ? y != null : !x.equals(y)) {
        ObjectNode c = out.putObject(name);
        c.set("from", x == null ? Http.JSON.nullNode() : x);
        c.set("to", y == null ? Http.JSON.nullNode() : y);
      }
    }
    return out;
  }

  private Optional<StreamState> snapshot(String id, long version, ServerResponse res) {
    Optional<StreamState> s = store.version(id, version);
    if (s.isEmpty()) {
      Optional<StreamState> head = store.head(id);
      if (head.isPresent() && head.get().getVersion() == version) {
        return head;
      }
      Http.notFound(
          res,
          "stream '"
              + id
              + "' version "
              + version
              + " is not kept (snapshots are kept "
              + StateStore.SNAPSHOT_TTL.toHours()
              + " h; the head is version "
              + head.map(h -> String.valueOf(h.getVersion())).orElse("none")
              + ")");
    }
    return s;
  }

  private Optional<Long> versionAt(String id, String at, List<FieldProblem> problems) {
    Matcher v = VERSION.matcher(at);
    if (v.matches()) {
      return Optional.of(Long.parseLong(v.group(1)));
    }
    Matcher f = FRAME.matcher(at);
    if (f.matches()) {
      return versionAtFrame(id, Long.parseLong(f.group(1)));
    }
    try {
      return timeline.versionAt(id, Instant.parse(at));
    } catch (DateTimeParseException e) {
      problems.add(
          new FieldProblem(
              "/at",
              "at must be an ISO-8601 time (2026-11-26T14:03:22.500Z), version:N or "
                  + "frame:N, was '"
                  + at
                  + "'"));
      return Optional.empty();
    }
  }

  /** The version drawn in frame n of the stream's current (or last) run. */
  private Optional<Long> versionAtFrame(String id, long frame) {
    return timeline.currentRun(id).flatMap(run -> timeline.versionAtFrame(id, run.runId(), frame));
  }

  static ObjectNode stateJson(StreamState s, boolean secrets) {
    ObjectNode out = Http.JSON.createObjectNode();
    out.put("streamId", s.getStreamId()).put("version", s.getVersion());
    if (s.hasUpdatedAt()) {
      out.put("updatedAt", ProtoTime.toInstant(s.getUpdatedAt()).toString());
    }
    out.put("lastCommandId", s.getLastCommandId())
        .put("running", s.getRun().getRunning())
        .put("runId", s.getRun().getRunId());
    out.set("config", StreamCodec.toJson(s.getStreamId(), s.getConfig(), secrets));
    ArrayNode layers = out.putArray("layers");
    LayerOrder.bottomToTop(s.getLayersList()).forEach(l -> layers.add(LayerCodec.toJson(l)));
    ArrayNode schedule = out.putArray("schedule");
    s.getScheduleList().forEach(sc -> schedule.add(sc.getCommand().getCommandId()));
    return out;
  }

  static ObjectNode toJson(CommandRecord r) {
    ObjectNode n = Http.JSON.createObjectNode();
    n.put("commandId", r.getCommandId())
        .put("action", r.getAction())
        .put("issuedBy", r.getIssuedBy());
    if (r.hasIssuedAt()) {
      n.put("issuedAt", ProtoTime.toInstant(r.getIssuedAt()).toString());
    }
    n.put("decidedAt", ProtoTime.toInstant(r.getDecidedAt()).toString())
        .put("result", r.getResult().name().toLowerCase(java.util.Locale.ROOT));
    if (r.getResult() == CommandRecord.Result.REJECTED) {
      n.put("code", Rejections.name(r.getRejectionCode()))
          .put("field", r.getField())
          .put("reason", r.getReason());
    } else {
      n.put("stateVersion", r.getStateVersion());
    }
    if (r.getOffset() >= 0) {
      n.put("offset", r.getOffset());
    }
    ArrayNode ids = n.putArray("layerIds");
    r.getLayerIdsList().forEach(ids::add);
    if (!r.getRunId().isEmpty()) {
      n.put("runId", r.getRunId()).put("firstFrame", r.getFirstFrame());
    }
    return n;
  }

  private static long micros(String raw, String field, List<FieldProblem> problems, long absent) {
    if (raw == null || raw.isBlank()) {
      return absent;
    }
    try {
      Instant t = Instant.parse(raw);
      return ProtoTime.toMicros(t);
    } catch (DateTimeParseException e) {
      problems.add(
          new FieldProblem(
              field,
              field.substring(1)
                  + " must be an ISO-8601 time like "
                  + "2026-11-26T14:03:22.500Z, was '"
                  + raw
                  + "'"));
      return absent;
    }
  }

  private static int limit(ServerRequest req, List<FieldProblem> problems) {
    String raw = req.query().first("limit").asOptional().orElse(String.valueOf(DEFAULT_LIMIT));
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        new FieldProblem("/limit", "limit must be 1.." + MAX_LIMIT + ", was '" + raw + "'"));
    return DEFAULT_LIMIT;
  }

  private static long versionParam(ServerRequest req, String name, List<FieldProblem> problems) {
    String raw = req.query().first(name).asOptional().orElse("");
    try {
      long v = Long.parseLong(raw);
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        new FieldProblem(
            "/" + name, name + " must be a state version (1 or more), was '" + raw + "'"));
    return 0;
  }
}
