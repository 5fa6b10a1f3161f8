package io.streammanager.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.streammanager.proto.EncoderOutput;
import java.util.List;
import java.util.Locale;

/**
 * The status of one stream as {@code GET /api/stream/status} shows it.
 *
 * @param state stopped|starting|live|stopping|error
 * @param outputs every output of the run as the encoder reports it (state, bytes, reconnects,
 *     drops, last error)
 */
public record StreamStatus(
    String streamId,
    String state,
    long framesRendered,
    long framesEncoded,
    long framesDropped,
    long stateVersion,
    int layers,
    String output,
    String runId,
    long currentFrame,
    String error,
    List<EncoderOutput> outputs) {
  public StreamStatus(
      String streamId,
      String state,
      long framesRendered,
      long framesEncoded,
      long framesDropped,
      long stateVersion,
      int layers,
      String output,
      String runId,
      long currentFrame,
      String error) {
    this(
        streamId,
        state,
        framesRendered,
        framesEncoded,
        framesDropped,
        stateVersion,
        layers,
        output,
        runId,
        currentFrame,
        error,
        List.of());
  }

  /**
   * The outputs as JSON: url (stream key hidden), protocol, state, bytesWritten, reconnects,
   * packetsDropped, error.
   */
  ArrayNode outputsJson() {
    ArrayNode out = Http.JSON.createArrayNode();
    for (EncoderOutput o : outputs) {
      out.addObject()
          .put("url", io.streammanager.kit.config.OutputUrls.redact(o.getUrl()))
          .put("protocol", o.getProtocol())
          .put(
              "state",
              o.getState().name().replace("ENCODER_OUTPUT_STATE_", "").toLowerCase(Locale.ROOT))
          .put("bytesWritten", o.getBytesWritten())
          .put("reconnects", o.getReconnects())
          .put("packetsDropped", o.getPacketsDropped())
          .put("error", o.getError());
    }
    return out;
  }
}
