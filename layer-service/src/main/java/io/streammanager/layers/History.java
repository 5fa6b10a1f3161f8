package io.streammanager.layers;

import io.streammanager.proto.Command;
import io.streammanager.proto.CommandApplied;
import io.streammanager.proto.CommandRecord;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.StreamState;
import java.time.Clock;
import java.time.Instant;

/**
 * Keeps every decision about every command: published to {@code sm.decisions} (kept forever, with
 * the inputs of the decision, so the command log replays to the same states) and added to the
 * stream's history in Redis (a view of it for {@code GET .../history}): who sent it, when it was
 * accepted and decided, and what came of it. Decision times are strictly increasing, so a page of
 * history never splits a tie. Called under the processor's lock.
 */
final class History {
  private final StreamStore store;
  private final Outbox publisher;
  private final Clock clock;
  private long lastMicros;
  private final java.util.List<java.util.concurrent.CompletableFuture<?>> sent =
      new java.util.ArrayList<>();
  private final java.util.Map<String, Long> keptUpTo =
      new java.util.concurrent.ConcurrentHashMap<>();

  History(StreamStore store, Outbox publisher, Clock clock) {
    this.store = store;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * A scheduled command the frame clock applied at {@code frame}, presented at {@code pts}, as
   * {@code event} says.
   */
  void dueApplied(Command cmd, Instant pts, long frame, StreamState state, CommandApplied event) {
    keep(
        due(cmd, pts, frame, state)
            .setResult(CommandRecord.Result.APPLIED)
            .setStateVersion(event.getStateVersion())
            .addAllLayerIds(event.getLayerIdsList())
            .build());
  }

  /** A scheduled command the frame clock refused at {@code frame}. */
  void dueRejected(Command cmd, Instant pts, long frame, StreamState state, Outcome.Rejected why) {
    keep(rejection(due(cmd, pts, frame, state), why).build());
  }

  private static CommandRecord.Builder rejection(CommandRecord.Builder r, Outcome.Rejected why) {
    return r.setResult(CommandRecord.Result.REJECTED)
        .setRejectionCode(why.code())
        .setField(why.field())
        .setReason(why.reason());
  }

  private CommandRecord.Builder due(Command cmd, Instant pts, long frame, StreamState state) {
    return base(cmd, -1, pts, frame)
        .setDue(true)
        .setFirstFrame(frame)
        .setRunId(state.getRun().getRunId());
  }

  /** What a decision did to the stored state, written with its history entry all or nothing. */
  enum StateChange {
    /** nothing stored changed (a rejection, an apply that changed nothing) */
    NONE,
    /** the new state is stored and the head moved to it */
    WRITE,
    /** the stream was deleted */
    DELETE
  }

  private void keep(CommandRecord r) {
    keep(r, StateChange.NONE, null);
  }

  /**
   * Stores the decision (with the state it made, in one Redis transaction), then sends it to the
   * decision log; notes the newest command offset whose decision the history holds.
   */
  private void keep(CommandRecord r, StateChange change, StreamState state) {
    try {
      switch (change) {
        case WRITE -> store.writeDecided(state, r);
        case DELETE -> store.deleteDecided(r.getStreamId(), r);
        case NONE -> store.appendHistory(r);
      }
    } catch (RuntimeException e) {
      // Stored or not (an answer lost): the retry reads the history again.
      keptUpTo.remove(r.getStreamId());
      throw e;
    }
    if (r.getOffset() >= 0) {
      keptUpTo.merge(r.getStreamId(), r.getOffset(), Math::max);
    }
    sent.add(publisher.send(io.streammanager.proto.Topics.DECISIONS, r.getStreamId(), r));
  }

  /**
   * The newest offset of a command of the stream whose decision the history holds (-1 for none); a
   * stream first seen here reads it from its newest history entries once.
   */
  long keptUpTo(String streamId) {
    return keptUpTo.computeIfAbsent(
        streamId,
        id ->
            store.recentHistory(id, 100).stream()
                .mapToLong(CommandRecord::getOffset)
                .max()
                .orElse(-1L));
  }

  /** The stream went to another instance: what was read of its history is read again later. */
  void forget(String streamId) {
    keptUpTo.remove(streamId);
  }

  /**
   * A decision recorded before whose acknowledgement was not seen (layer-service failed or died
   * between storing the state and moving the position): sent to the decision log again, as it is in
   * the history. {@code replay rebuild} counts the first decision of an offset.
   */
  void resend(CommandRecord r) {
    sent.add(publisher.send(io.streammanager.proto.Topics.DECISIONS, r.getStreamId(), r));
  }

  /**
   * Completes once the broker acknowledged every decision sent since the last call (under the state
   * lock, like the sends).
   */
  java.util.concurrent.CompletableFuture<Void> takeSent() {
    java.util.concurrent.CompletableFuture<Void> all =
        java.util.concurrent.CompletableFuture.allOf(
            sent.toArray(java.util.concurrent.CompletableFuture[]::new));
    sent.clear();
    return all;
  }

  /**
   * An applied or scheduled command (as the {@code event} announcing it says), decided at {@code
   * now} with {@code nextFrame} next to draw; {@code firstFrame} is the first frame drawn from
   * {@code state} while live.
   */
  void applied(
      Command cmd,
      long offset,
      Instant now,
      long nextFrame,
      StreamState state,
      CommandApplied event,
      long firstFrame,
      StateChange change) {
    CommandRecord.Builder r =
        base(cmd, offset, now, nextFrame)
            .setResult(
                event.getScheduled()
                    ? CommandRecord.Result.SCHEDULED
                    : CommandRecord.Result.APPLIED)
            .setStateVersion(event.getStateVersion())
            .addAllLayerIds(event.getLayerIdsList());
    if (state.getRun().getRunning()) {
      r.setRunId(state.getRun().getRunId()).setFirstFrame(firstFrame);
    } else {
      r.setFirstFrame(-1);
    }
    keep(r.build(), change, state);
  }

  void rejected(Command cmd, long offset, Instant now, long nextFrame, Outcome.Rejected why) {
    keep(rejection(base(cmd, offset, now, nextFrame), why).setFirstFrame(-1).build());
  }

  private CommandRecord.Builder base(Command cmd, long offset, Instant now, long nextFrame) {
    CommandRecord.Builder r =
        CommandRecord.newBuilder()
            .setCommandId(cmd.getCommandId())
            .setStreamId(cmd.getStreamId())
            .setAction(cmd.getActionCase().name().toLowerCase(java.util.Locale.ROOT))
            .setIssuedBy(cmd.getIssuedBy())
            .setDecidedAt(ProtoTime.of(nextDecisionTime()))
            .setOffset(offset)
            .setAppliedAt(ProtoTime.of(now))
            .setNextFrame(nextFrame)
            .setIdempotent(cmd.getIdempotent());
    if (cmd.hasIssuedAt()) {
      r.setIssuedAt(cmd.getIssuedAt());
    }
    return r;
  }

  private Instant nextDecisionTime() {
    Instant now = clock.instant();
    long micros = Math.max(ProtoTime.toMicros(now), lastMicros + 1);
    lastMicros = micros;
    return Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1_000);
  }
}
