package io.streammanager.encoder;

import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.ProtoTime;
import java.time.Instant;

/**
 * Where a frame's newest change came from, for latency tracing: the command, when the gateway
 * accepted it, when layer-service applied it, when the frame's tick was emitted and when the frame
 * was rendered. Null times are unknown.
 */
public record FrameTrace(
    String commandId,
    Instant commandIssuedAt,
    Instant stateAppliedAt,
    Instant tickEmittedAt,
    Instant renderedAt) {
  public static final FrameTrace NONE = new FrameTrace("", null, null, null, null);

  /** The trace a chunk carries; {@link #NONE} when it names no command. */
  static FrameTrace of(FrameChunk c) {
    if (c.getCommandId().isEmpty()) {
      return NONE;
    }
    return new FrameTrace(
        c.getCommandId(),
        c.hasCommandIssuedAt() ? ProtoTime.toInstant(c.getCommandIssuedAt()) : null,
        c.hasStateAppliedAt() ? ProtoTime.toInstant(c.getStateAppliedAt()) : null,
        c.hasTickEmittedAt() ? ProtoTime.toInstant(c.getTickEmittedAt()) : null,
        c.hasRenderedAt() ? ProtoTime.toInstant(c.getRenderedAt()) : null);
  }
}
