package io.streammanager.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.streammanager.proto.Command;
import io.streammanager.proto.LayerRemove;
import io.streammanager.proto.StreamStart;
import io.streammanager.proto.StreamStop;
import java.util.List;
import java.util.Optional;

/**
 * The seed's endpoints, acting on stream {@code default}: {@code POST /api/layers}, {@code DELETE /api/layers/{id}},
 * {@code POST /api/stream/control}, {@code GET /api/stream/status}.
 */
final class SeedApi {
  static final String STREAM = "default";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CommandSender commands;
  private final StatusBoard status;
  private final String configuredOutput;

  SeedApi(CommandSender commands, StatusBoard status, String configuredOutput) {
    this.commands = commands;
    this.status = status;
    this.configuredOutput = configuredOutput;
  }

  void routing(HttpRouting.Builder r) {
    r.post("/api/layers", this::upsertLayer)
        .delete("/api/layers/{id}", this::removeLayer)
        .post("/api/stream/control", this::control)
        .get("/api/stream/status", this::status);
  }

  private void upsertLayer(ServerRequest req, ServerResponse res) {
    Optional<JsonNode> body = readJson(req, res);
    if (body.isEmpty()) {
      return;
    }
    LayerJson.Parsed parsed = LayerJson.parse(body.get());
    if (!parsed.problems().isEmpty()) {
      Problems.invalid(res, "Invalid layer", parsed.problems());
      return;
    }
    accepted(res, Command.newBuilder().setLayerUpsert(parsed.upsert()));
  }

  private void removeLayer(ServerRequest req, ServerResponse res) {
    String id = req.path().pathParameters().get("id");
    if (!LayerJson.ID.matcher(id).matches()) {
      Problems.invalid(res, "Invalid layer id", List.of(new FieldProblem("/id",
          "id must be 1-64 characters of A-Z a-z 0-9 . _ -, was '" + id + "'")));
      return;
    }
    accepted(res, Command.newBuilder().setLayerRemove(LayerRemove.newBuilder().setLayerId(id)));
  }

  private void control(ServerRequest req, ServerResponse res) {
    Optional<JsonNode> body = readJson(req, res);
    if (body.isEmpty()) {
      return;
    }
    JsonNode action = body.get().get("action");
    String a = action != null && action.isTextual() ? action.textValue() : null;
    if ("start".equals(a)) {
      accepted(res, Command.newBuilder().setStreamStart(StreamStart.getDefaultInstance()));
    } else if ("stop".equals(a)) {
      accepted(res, Command.newBuilder().setStreamStop(StreamStop.getDefaultInstance()));
    } else {
      Problems.invalid(res, "Invalid control action", List.of(new FieldProblem("/action",
          "action must be \"start\" or \"stop\"" + (action == null ? "" : ", was " + action))));
    }
  }

  private void status(ServerRequest req, ServerResponse res) {
    StreamStatus s = status.status(STREAM);
    ObjectNode body = JSON.createObjectNode();
    body.put("streamId", s.streamId());
    body.put("state", s.state());
    body.put("framesRendered", s.framesRendered());
    body.put("framesEncoded", s.framesEncoded());
    body.put("framesDropped", s.framesDropped());
    body.put("stateVersion", s.stateVersion());
    body.put("layers", s.layers());
    String output = (s.output().isEmpty() ? configuredOutput : s.output()).replace("{stream}", STREAM);
    body.put("output", s.runId().isEmpty() ? output : output.replace("{run}", s.runId()));
    body.put("runId", s.runId());
    body.put("currentFrame", s.currentFrame());
    if (!s.error().isEmpty()) {
      body.put("error", s.error());
    }
    json(res, Status.OK_200, body);
  }

  private void accepted(ServerResponse res, Command.Builder command) {
    try {
      String id = commands.send(STREAM, "anonymous", command);
      json(res, Status.ACCEPTED_202, JSON.createObjectNode().put("commandId", id));
    } catch (CommandSender.CommandNotStoredException e) {
      Problems.send(res, Status.SERVICE_UNAVAILABLE_503, "command-not-stored", "Command not stored",
          "Kafka did not acknowledge the command; nothing was changed. Retry later. (" + e.getMessage() + ")",
          List.of());
    }
  }

  private static Optional<JsonNode> readJson(ServerRequest req, ServerResponse res) {
    String text = req.content().hasEntity() ? req.content().as(String.class) : "";
    if (text.isBlank()) {
      Problems.invalid(res, "Missing body", List.of(new FieldProblem("", "the request needs a JSON body")));
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(text));
    } catch (JsonProcessingException e) {
      Problems.invalid(res, "Malformed JSON", List.of(new FieldProblem("",
          "the body is not valid JSON: " + e.getOriginalMessage())));
      return Optional.empty();
    }
  }

  static void json(ServerResponse res, Status status, JsonNode body) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(body.toString());
  }
}
