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
import io.streammanager.kit.config.Limits;
import io.streammanager.kit.config.PlatformConfig.AssetLimits;
import io.streammanager.kit.pictures.Pictures;
import io.streammanager.proto.BatchOperation;
import io.streammanager.proto.Command;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerBatch;
import io.streammanager.proto.LayerOrder;
import io.streammanager.proto.LayerPatch;
import io.streammanager.proto.LayerRemove;
import io.streammanager.proto.LayerUpsert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Layers of a stream: list, read, create/replace, JSON merge patch, remove, and atomic batches. */
final class LayersApi {
  private final ReadModel state;
  private final CommandTracker tracker;
  private final Mutations mutations;
  private final Limits limits;
  private final AssetLimits assets;

  LayersApi(
      ReadModel state,
      CommandTracker tracker,
      Mutations mutations,
      Limits limits,
      AssetLimits assets) {
    this.state = state;
    this.tracker = tracker;
    this.mutations = mutations;
    this.limits = limits;
    this.assets = assets;
  }

  /**
   * What the deployment's limits say of a parsed layer, found early (layer-service decides again):
   * text and clock pattern length, and an inline picture, decoded here within the decode budget so
   * a bad one is a 400 now.
   */
  private void checkLimits(LayerUpsert upsert, String prefix, List<FieldProblem> problems) {
    limits
        .layer(upsert.getLayer())
        .forEach(p -> problems.add(new FieldProblem(prefix + p.field(), p.message())));
    if (!upsert.getImageData().isEmpty()) {
      try {
        Pictures.decode(upsert.getImageData().toByteArray(), assets);
      } catch (Pictures.RefusedPicture e) {
        if (e.busy()) {
          throw new DecodeBusy(e.getMessage());
        }
        problems.add(new FieldProblem(prefix + "/src", e.getMessage()));
      }
    }
  }

  /**
   * The decode budget stayed taken: answered 503 with Retry-After (the picture itself may be fine).
   */
  static final class DecodeBusy extends RuntimeException {
    DecodeBusy(String message) {
      super(message);
    }
  }

  void list(String streamId, ServerResponse res) {
    ArrayNode out = Http.JSON.createArrayNode();
    state.stream(streamId)
        .ifPresent(
            s ->
                LayerOrder.bottomToTop(s.getLayersList())
                    .forEach(l -> out.add(LayerCodec.toJson(l))));
    Http.json(res, Status.OK_200, out);
  }

  /**
   * The layer as the next command will find it: this gateway's undecided upsert or patch of it,
   * else the stored snapshot's. Empty means the gateway already knows the answer (404, or 422 in a
   * batch), for PATCH, DELETE and batch operations alike; layer-service decides the rest.
   */
  private Optional<Layer> known(String streamId, String layerId) {
    return tracker.layerBeingWritten(streamId, layerId).or(() -> state.layer(streamId, layerId));
  }

  private static void noLayer(ServerResponse res, String streamId, String layerId) {
    Http.notFound(res, "stream '" + streamId + "' has no layer '" + layerId + "'");
  }

  void get(String streamId, String layerId, ServerResponse res) {
    state
        .layer(streamId, layerId)
        .ifPresentOrElse(
            l -> Http.json(res, Status.OK_200, LayerCodec.toJson(l)),
            () -> noLayer(res, streamId, layerId));
  }

  /** POST (create or replace by id) and PUT (replace; the id comes from the path). */
  void upsert(ServerRequest req, ServerResponse res, String streamId, String pathLayerId) {
    Optional<JsonNode> body = Http.readJson(req, res);
    if (body.isEmpty()) {
      return;
    }
    JsonNode json = body.get();
    if (pathLayerId != null && json.isObject()) {
      JsonNode id = json.get("id");
      if (id != null && !id.isNull() && !pathLayerId.equals(id.asText())) {
        Problems.invalid(
            res,
            "Invalid layer",
            List.of(
                new FieldProblem(
                    "/id",
                    "id in the body ('"
                        + id.asText()
                        + "') differs from the path ('"
                        + pathLayerId
                        + "')")));
        return;
      }
      ((ObjectNode) json).put("id", pathLayerId);
    }
    List<FieldProblem> problems = new ArrayList<>();
    LayerCodec.Parsed parsed = LayerCodec.parse(json, CommandOptions.NAMES);
    problems.addAll(parsed.problems());
    if (parsed.problems().isEmpty()) {
      checkLimits(parsed.upsert(), "", problems);
    }
    Command.Builder cmd = Command.newBuilder();
    CommandOptions.read(json, cmd, problems);
    if (!problems.isEmpty()) {
      Problems.invalid(res, "Invalid layer", problems);
      return;
    }
    String layerId = parsed.upsert().getLayer().getId();
    Optional<Limits.Problem> full =
        state.stream(streamId)
            .filter(s -> s.getLayersList().stream().noneMatch(l -> l.getId().equals(layerId)))
            .flatMap(s -> limits.layerCount(s.getLayersCount() + 1));
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
    mutations.send(req, res, streamId, Auth.caller(req), cmd.setLayerUpsert(parsed.upsert()));
  }

  /** PATCH: a JSON merge patch (RFC 7396) of the layer's properties. */
  void patch(ServerRequest req, ServerResponse res, String streamId, String layerId) {
    Optional<Layer> current = known(streamId, layerId);
    if (current.isEmpty()) {
      noLayer(res, streamId, layerId);
      return;
    }
    Optional<JsonNode> body = Http.readJson(req, res);
    if (body.isEmpty()) {
      return;
    }
    Optional<Command.Builder> cmd = patchCommand(body.get(), current.get(), "", res);
    cmd.ifPresent(c -> mutations.send(req, res, streamId, Auth.caller(req), c));
  }

  private Optional<Command.Builder> patchCommand(
      JsonNode patch, Layer current, String prefix, ServerResponse res) {
    List<FieldProblem> problems = new ArrayList<>();
    Optional<LayerPatch> p = layerPatch(patch, current, prefix, problems);
    Command.Builder cmd = Command.newBuilder();
    if (prefix.isEmpty()) {
      CommandOptions.read(patch, cmd, problems);
    }
    if (!problems.isEmpty() || p.isEmpty()) {
      Problems.invalid(res, "Invalid patch", problems);
      return Optional.empty();
    }
    return Optional.of(cmd.setLayerPatch(p.get()));
  }

  /**
   * The merge patch as a {@link LayerPatch}: the merged layer, checked whole, and the paths the
   * patch touches.
   */
  private Optional<LayerPatch> layerPatch(
      JsonNode patch, Layer current, String prefix, List<FieldProblem> problems) {
    if (!patch.isObject()) {
      problems.add(
          new FieldProblem(prefix, "a patch must be a JSON object of the properties to change"));
      return Optional.empty();
    }
    String type = LayerCodec.typeOf(current);
    JsonNode t = patch.get("type");
    if (t != null && !t.isNull() && !type.equals(t.asText())) {
      problems.add(
          new FieldProblem(
              prefix + "/type",
              "the layer is a "
                  + type
                  + "; its type cannot change in a patch (replace it with PUT)"));
      return Optional.empty();
    }
    JsonNode id = patch.get("id");
    if (id != null && !id.isNull() && !current.getId().equals(id.asText())) {
      problems.add(new FieldProblem(prefix + "/id", "the id cannot change"));
      return Optional.empty();
    }
    ObjectNode merged = LayerCodec.toJson(current);
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!CommandOptions.NAMES.contains(k)) {
        keys.add(k);
      }
    }
    MergePatch.apply(merged, patch, CommandOptions.NAMES);
    List<FieldProblem> own = new ArrayList<>();
    List<String> paths = LayerCodec.patchPaths(type, keys, own);
    LayerCodec.Parsed parsed = LayerCodec.parse(merged, CommandOptions.NAMES);
    own.addAll(parsed.problems());
    if (own.isEmpty()) {
      checkLimits(parsed.upsert(), "", own);
    }
    own.forEach(p -> problems.add(new FieldProblem(prefix + p.field(), p.message())));
    if (!own.isEmpty()) {
      return Optional.empty();
    }
    LayerPatch.Builder lp =
        LayerPatch.newBuilder().setLayer(parsed.upsert().getLayer()).addAllFields(paths);
    if (!parsed.upsert().getImageData().isEmpty()) {
      lp.setImageData(parsed.upsert().getImageData());
    }
    return Optional.of(lp.build());
  }

  void remove(ServerRequest req, ServerResponse res, String streamId, String layerId) {
    if (!LayerCodec.ID.matcher(layerId).matches()) {
      Problems.invalid(
          res,
          "Invalid layer id",
          List.of(
              new FieldProblem(
                  "/id",
                  "id must be "
                      + io.streammanager.proto.Ids.NAME_RULE
                      + ", was '"
                      + layerId
                      + "'")));
      return;
    }
    if (known(streamId, layerId).isEmpty()) {
      noLayer(res, streamId, layerId);
      return;
    }
    Command.Builder cmd =
        Command.newBuilder().setLayerRemove(LayerRemove.newBuilder().setLayerId(layerId));
    if (req.content().hasEntity()) {
      Optional<JsonNode> body = Http.readJson(req, res);
      if (body.isEmpty()) {
        return;
      }
      List<FieldProblem> problems = new ArrayList<>();
      CommandOptions.read(body.get(), cmd, problems);
      if (!problems.isEmpty()) {
        Problems.invalid(res, "Invalid request", problems);
        return;
      }
    }
    mutations.send(req, res, streamId, Auth.caller(req), cmd);
  }

  /**
   * {@code {"operations": [{"op": "upsert", "layer": {...}}, {"op": "patch", "id", "changes"},
   * {"op": "remove", "id"}]}}.
   */
  void batch(ServerRequest req, ServerResponse res, String streamId) {
    Optional<JsonNode> body = Http.readJson(req, res);
    if (body.isEmpty()) {
      return;
    }
    JsonNode json = body.get();
    List<FieldProblem> problems = new ArrayList<>();
    List<FieldProblem> missing = new ArrayList<>();
    JsonNode ops = json.get("operations");
    LayerBatch.Builder batch = LayerBatch.newBuilder();
    if (ops == null || !ops.isArray() || ops.isEmpty()) {
      problems.add(new FieldProblem("/operations", "operations must be a non-empty array"));
    } else if (limits.batch(ops.size()).isPresent()) {
      problems.add(new FieldProblem("/operations", limits.batch(ops.size()).get().message()));
    } else {
      // Later operations see what earlier ones in the same batch did (a patch of a layer the batch
      // creates).
      Map<String, Optional<Layer>> inBatch = new HashMap<>();
      for (int i = 0; i < ops.size(); i++) {
        operation(streamId, ops.get(i), "/operations/" + i, problems, missing, inBatch)
            .ifPresent(batch::addOperations);
      }
    }
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("operations") && !CommandOptions.NAMES.contains(k)) {
        problems.add(
            new FieldProblem("/" + k, "unknown field; allowed: operations, at, transition"));
      }
    }
    Command.Builder cmd = Command.newBuilder();
    CommandOptions.read(json, cmd, problems);
    if (!problems.isEmpty()) {
      problems.addAll(missing);
      Problems.invalid(res, "Invalid batch", problems);
      return;
    }
    if (!missing.isEmpty()) {
      // What layer-service would answer (404), at once: the same fault gets the same answer with or
      // without ?wait.
      Problems.send(
          res,
          Status.NOT_FOUND_404,
          "not-found",
          "Not found",
          missing.getFirst().message() + " (nothing in the batch was applied)",
          missing);
      return;
    }
    mutations.send(req, res, streamId, Auth.caller(req), cmd.setBatch(batch));
  }

  private Optional<BatchOperation> operation(
      String streamId,
      JsonNode op,
      String at,
      List<FieldProblem> problems,
      List<FieldProblem> missing,
      Map<String, Optional<Layer>> inBatch) {
    String kind = op.path("op").asText("");
    switch (kind) {
      case "upsert" -> {
        LayerCodec.Parsed parsed = LayerCodec.parse(op.get("layer"), java.util.Set.of());
        parsed
            .problems()
            .forEach(p -> problems.add(new FieldProblem(at + "/layer" + p.field(), p.message())));
        if (!parsed.problems().isEmpty()) {
          return Optional.empty();
        }
        int before = problems.size();
        checkLimits(parsed.upsert(), at + "/layer", problems);
        if (problems.size() > before) {
          return Optional.empty();
        }
        inBatch.put(parsed.upsert().getLayer().getId(), Optional.of(parsed.upsert().getLayer()));
        return Optional.of(BatchOperation.newBuilder().setUpsert(parsed.upsert()).build());
      }
      case "patch", "remove" -> {
        String id = op.path("id").asText("");
        if (!LayerCodec.ID.matcher(id).matches()) {
          problems.add(
              new FieldProblem(
                  at + "/id",
                  "id must name a layer (" + io.streammanager.proto.Ids.NAME_RULE + ")"));
          return Optional.empty();
        }
        Optional<Layer> current = inBatch.containsKey(id) ? inBatch.get(id) : known(streamId, id);
        if (current.isEmpty()) {
          missing.add(
              new FieldProblem(
                  at + "/id",
                  "stream '"
                      + streamId
                      + "' has no layer '"
                      + id
                      + "'"
                      + (inBatch.containsKey(id) ? " after the operations before this one" : "")));
          return Optional.empty();
        }
        if (kind.equals("remove")) {
          inBatch.put(id, Optional.empty());
          return Optional.of(
              BatchOperation.newBuilder()
                  .setRemove(LayerRemove.newBuilder().setLayerId(id))
                  .build());
        }
        JsonNode changes = op.get("changes");
        if (changes == null) {
          problems.add(
              new FieldProblem(at + "/changes", "a patch needs changes (a JSON merge patch)"));
          return Optional.empty();
        }
        Optional<LayerPatch> patch = layerPatch(changes, current.get(), at + "/changes", problems);
        patch.ifPresent(p -> inBatch.put(id, Optional.of(p.getLayer())));
        return patch.map(p -> BatchOperation.newBuilder().setPatch(p).build());
      }
      default -> {
        problems.add(new FieldProblem(at + "/op", "op must be upsert, patch or remove"));
        return Optional.empty();
      }
    }
  }
}
