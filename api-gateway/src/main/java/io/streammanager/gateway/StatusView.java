package io.streammanager.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * The JSON of {@code GET .../status}: the seed's fields plus run id, current frame and error.
 * {@code output} shows the stream key only to a caller that may change the stream (from the
 * stream's configuration: events and the encoder carry it hidden); everyone else sees it hidden, as
 * in {@code outputs}.
 */
final class StatusView {
  private final StatusBoard board;
  private final String configuredOutput;
  private final java.util.function.Function<
          String, java.util.Optional<io.streammanager.proto.StreamConfig>>
      configs;

  StatusView(
      StatusBoard board,
      String configuredOutput,
      java.util.function.Function<String, java.util.Optional<io.streammanager.proto.StreamConfig>>
          configs) {
    this.board = board;
    this.configuredOutput = configuredOutput;
    this.configs = configs;
  }

  StreamStatus status(String streamId) {
    return board.status(streamId);
  }

  void send(String streamId, io.helidon.webserver.http.ServerRequest req, ServerResponse res) {
    StreamStatus s = board.status(streamId);
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("streamId", s.streamId());
    body.put("state", s.state());
    body.put("framesRendered", s.framesRendered());
    body.put("framesEncoded", s.framesEncoded());
    body.put("framesDropped", s.framesDropped());
    body.put("stateVersion", s.stateVersion());
    body.put("layers", s.layers());
    String first =
        configs
            .apply(streamId)
            .filter(c -> c.getOutputsCount() > 0)
            .map(c -> c.getOutputs(0).getUrl())
            .orElse(configuredOutput);
    boolean showKey =
        io.streammanager.kit.config.OutputUrls.isNetwork(first)
            && Access.of(req).canWrite(streamId);
    String output = showKey || s.output().isEmpty() ? first : s.output();
    body.put(
        "output",
        io.streammanager.kit.config.OutputUrls.redact(
            io.streammanager.kit.config.OutputUrls.resolve(output, streamId, s.runId()), !showKey));
    body.put("runId", s.runId());
    body.put("currentFrame", s.currentFrame());
    if (!s.error().isEmpty()) {
      body.put("error", s.error());
    }
    body.set("outputs", s.outputsJson());
    Http.json(res, Status.OK_200, body);
  }
}
