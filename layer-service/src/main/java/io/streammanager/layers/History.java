package io.streammanager.layers;

import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.Command;
import io.streammanager.proto.CommandApplied;
import io.streammanager.proto.CommandRecord;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.StreamState;
import java.time.Clock;
import java.time.Instant;

/**
 * Keeps every decision about every command in the stream's history (Redis, {@code StateStore.appendHistory}): who
 * sent it, when it was accepted and decided, and what came of it. Decision times are strictly increasing, so a page
 * of history never splits a tie. Called under the processor's lock.
 */
final class History {
  private final StateStore store;
  private final Clock clock;
  private long lastMicros;

  History(StateStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** An applied or scheduled command; {@code firstFrame} is the first frame drawn from {@code state} while live. */
  void applied(Command cmd, long offset, StreamState state, boolean scheduled, long firstFrame) {
    CommandApplied event = CommandProcessor.appliedEvent(cmd, state.getVersion(), scheduled);
    CommandRecord.Builder r = base(cmd, offset).setResult(scheduled ? CommandRecord.Result.SCHEDULED
        : CommandRecord.Result.APPLIED).setStateVersion(state.getVersion()).addAllLayerIds(event.getLayerIdsList());
    if (state.getRun().getRunning()) {
      r.setRunId(state.getRun().getRunId()).setFirstFrame(firstFrame);
    } else {
      r.setFirstFrame(-1);
    }
    store.appendHistory(r.build());
  }

  void rejected(Command cmd, long offset, String field, String reason) {
    store.appendHistory(base(cmd, offset).setResult(CommandRecord.Result.REJECTED).setField(field).setReason(reason)
        .setFirstFrame(-1).build());
  }

  private CommandRecord.Builder base(Command cmd, long offset) {
    CommandRecord.Builder r = CommandRecord.newBuilder().setCommandId(cmd.getCommandId())
        .setStreamId(cmd.getStreamId()).setAction(cmd.getActionCase().name().toLowerCase(java.util.Locale.ROOT))
        .setIssuedBy(cmd.getIssuedBy()).setDecidedAt(ProtoTime.of(nextDecisionTime())).setOffset(offset);
    if (cmd.hasIssuedAt()) {
      r.setIssuedAt(cmd.getIssuedAt());
    }
    return r;
  }

  private Instant nextDecisionTime() {
    Instant now = clock.instant();
    long micros = Math.max(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000, lastMicros + 1);
    lastMicros = micros;
    return Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1_000);
  }
}
