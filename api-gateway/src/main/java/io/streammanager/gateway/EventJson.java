package io.streammanager.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.StreamEvent;
import java.util.Optional;

/** The JSON form of events for WebSocket clients: {@code command.applied}, {@code command.rejected}, {@code stream.status}. */
final class EventJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventJson() {}

  static Optional<String> of(StreamEvent event, StatusBoard board) {
    ObjectNode n = JSON.createObjectNode();
    switch (event.getKindCase()) {
      case COMMAND_APPLIED -> n.put("type", "command.applied")
          .put("commandId", event.getCommandApplied().getCommandId())
          .put("stateVersion", event.getCommandApplied().getStateVersion());
      case COMMAND_REJECTED -> n.put("type", "command.rejected")
          .put("commandId", event.getCommandRejected().getCommandId())
          .put("field", event.getCommandRejected().getField())
          .put("reason", event.getCommandRejected().getReason());
      case LIFECYCLE, ENCODER_STATUS -> {
        StreamStatus s = board.status(event.getStreamId());
        n.put("type", "stream.status").put("state", s.state()).put("framesRendered", s.framesRendered())
            .put("framesEncoded", s.framesEncoded()).put("framesDropped", s.framesDropped())
            .put("stateVersion", s.stateVersion()).put("layers", s.layers()).put("output", s.output())
            .put("runId", s.runId());
      }
      default -> {
        return Optional.empty();
      }
    }
    n.put("streamId", event.getStreamId());
    n.put("at", ProtoTime.toInstant(event.getAt()).toString());
    return Optional.of(n.toString());
  }
}
