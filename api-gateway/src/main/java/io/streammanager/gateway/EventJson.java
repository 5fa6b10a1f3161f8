package io.streammanager.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.StreamEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Events for WebSocket clients: {@code layer.applied}, {@code command.rejected}, {@code
 * stream.started|stopped| error} (when the derived state changes) and {@code stream.status}.
 */
final class EventJson {
  /** One event: its stream, kind and JSON text. */
  record Out(String streamId, String kind, String json) {}

  private EventJson() {}

  /** The events a Kafka event gives, given the state before ({@code previous}) and after it. */
  static List<Out> of(StreamEvent event, String previous, StreamStatus now) {
    List<Out> out = new ArrayList<>();
    String at = ProtoTime.toInstant(event.getAt()).toString();
    switch (event.getKindCase()) {
      case COMMAND_APPLIED -> {
        var a = event.getCommandApplied();
        ObjectNode n =
            base("layer.applied", event.getStreamId(), at)
                .put("commandId", a.getCommandId())
                .put("stateVersion", a.getStateVersion())
                .put("action", a.getAction())
                .put("scheduled", a.getScheduled());
        a.getLayerIdsList().forEach(n.putArray("layerIds")::add);
        out.add(new Out(event.getStreamId(), "layer.applied", n.toString()));
      }
      case COMMAND_REJECTED ->
          out.add(
              new Out(
                  event.getStreamId(),
                  "command.rejected",
                  base("command.rejected", event.getStreamId(), at)
                      .put("commandId", event.getCommandRejected().getCommandId())
                      .put("code", Rejections.name(event.getCommandRejected().getCode()))
                      .put("field", event.getCommandRejected().getField())
                      .put("reason", event.getCommandRejected().getReason())
                      .toString()));
      default -> {}
    }
    if (!now.state().equals(previous)) {
      String kind =
          switch (now.state()) {
            case "live" -> "stream.started";
            case "stopped" -> "stream.stopped";
            case "error" -> "stream.error";
            default -> null;
          };
      if (kind != null && previous != null) {
        ObjectNode n =
            base(kind, now.streamId(), at).put("state", now.state()).put("runId", now.runId());
        if (!now.error().isEmpty()) {
          n.put("error", now.error());
        }
        out.add(new Out(now.streamId(), kind, n.toString()));
      }
    }
    return out;
  }

  /** {@code stream.status}, sent every second for every stream the gateway knows. */
  static Out status(StreamStatus s, int fps, int bitrateKbps) {
    return new Out(
        s.streamId(),
        "stream.status",
        base("stream.status", s.streamId(), Instant.now().toString())
            .put("state", s.state())
            .put("frame", s.currentFrame())
            .put("fps", fps)
            .put("framesRendered", s.framesRendered())
            .put("framesEncoded", s.framesEncoded())
            .put("dropped", s.framesDropped())
            .put("bitrate", bitrateKbps)
            .put("stateVersion", s.stateVersion())
            .put("layers", s.layers())
            .put("output", s.output())
            .set("outputs", s.outputsJson())
            .toString());
  }

  private static ObjectNode base(String type, String streamId, String at) {
    return Http.JSON.createObjectNode().put("type", type).put("streamId", streamId).put("at", at);
  }
}
