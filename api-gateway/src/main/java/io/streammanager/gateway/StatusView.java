package io.streammanager.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** The JSON of {@code GET .../status}: the seed's fields plus run id, current frame and error. */
final class StatusView {
  private final StatusBoard board;
  private final String configuredOutput;

  StatusView(StatusBoard board, String configuredOutput) {
    this.board = board;
    this.configuredOutput = configuredOutput;
  }

  StreamStatus status(String streamId) {
    return board.status(streamId);
  }

  void send(String streamId, ServerResponse res) {
    StreamStatus s = board.status(streamId);
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("streamId", s.streamId());
    body.put("state", s.state());
    body.put("framesRendered", s.framesRendered());
    body.put("framesEncoded", s.framesEncoded());
    body.put("framesDropped", s.framesDropped());
    body.put("stateVersion", s.stateVersion());
    body.put("layers", s.layers());
    body.put("output", io.streammanager.kit.config.OutputUrls.resolve(s.output().isEmpty() ? configuredOutput
        : s.output(), streamId, s.runId()));
    body.put("runId", s.runId());
    body.put("currentFrame", s.currentFrame());
    if (!s.error().isEmpty()) {
      body.put("error", s.error());
    }
    body.set("outputs", s.outputsJson());
    Http.json(res, Status.OK_200, body);
  }
}
