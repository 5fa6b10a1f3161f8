package io.streammanager.layers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streammanager.proto.Command;
import io.streammanager.proto.CommandApplied;
import io.streammanager.proto.CommandRecord;
import io.streammanager.proto.CommandRejected;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RejectionCode;
import io.streammanager.proto.StreamEvent;
import io.streammanager.proto.StreamLifecycle;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each command in Kafka order: skips commands already applied (offset not after the
 * snapshot's), writes the new snapshot, hands it to the tick scheduler and tells everyone what
 * happened.
 */
final class CommandProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);
  static final String SOURCE = "layer-service";

  private final CommandApplier applier;
  private final AssetIntake assets;
  private final StreamStore store;
  private final Outbox publisher;
  private final TickScheduler ticks;
  private final Clock clock;
  private final History history;
  private final String commandLogId;
  private final Map<String, StreamState> heads = new ConcurrentHashMap<>();
  private final Map<String, Long> positions = new ConcurrentHashMap<>();
  private final Counter applied;
  private final Counter rejected;
  private final Counter repeats;
  private final Timer applyTime;

  private final java.util.concurrent.locks.ReentrantLock lock;
  private io.streammanager.kit.kafka.DeadLetters deadLetters;

  CommandProcessor(
      CommandApplier applier,
      StreamStore store,
      Outbox publisher,
      TickScheduler ticks,
      Clock clock,
      String commandLogId,
      java.util.concurrent.locks.ReentrantLock lock,
      io.streammanager.kit.config.PlatformConfig.AssetLimits assetLimits,
      MeterRegistry registry) {
    this.commandLogId = commandLogId;
    this.lock = lock;
    ticks.hook(this::applyScheduled);
    this.applier = applier;
    this.assets = new AssetIntake(store, assetLimits);
    this.store = store;
    this.publisher = publisher;
    this.ticks = ticks;
    this.clock = clock;
    this.history = new History(store, publisher, clock);
    this.applied =
        Counter.builder("sm_commands_applied_total")
            .description("commands applied")
            .register(registry);
    this.rejected =
        Counter.builder("sm_commands_rejected_total")
            .description("commands rejected")
            .register(registry);
    this.repeats =
        Counter.builder("sm_commands_repeated_total")
            .description(
                "idempotent commands decided before and sent again: answered again, not applied")
            .register(registry);
    this.applyTime =
        Timer.builder("sm_command_apply_seconds")
            .description("time to apply and store a command")
            .publishPercentileHistogram()
            .register(registry);
    registry.gauge("sm_streams_live", ticks, TickScheduler::liveStreams);
  }

  void handle(ConsumerRecord<String, byte[]> record, Command raw) {
    // Every log line about this command names it (LOG_FORMAT=json shows these fields).
    try (org.slf4j.MDC.MDCCloseable c =
            org.slf4j.MDC.putCloseable("commandId", raw.getCommandId());
        org.slf4j.MDC.MDCCloseable s = org.slf4j.MDC.putCloseable("streamId", raw.getStreamId())) {
      handleTraced(record, raw);
    }
  }

  private void handleTraced(ConsumerRecord<String, byte[]> record, Command raw) {
    // Pictures and sounds are checked (by their header, never decoded here) and stored before
    // taking the lock: a big asset never holds up the ticks.
    Command cmd = raw;
    Outcome.Rejected intakeRejection = null;
    try {
      cmd = assets.intake(raw);
    } catch (AssetIntake.Refused e) {
      intakeRejection = e.rejection();
    }
    long start = System.nanoTime();
    Decision decision;
    java.util.concurrent.CompletableFuture<Void> recorded;
    lock.lock();
    try {
      decision = process(record, cmd, intakeRejection);
    } catch (RuntimeException e) {
      // Redis or Kafka failed half-way (perhaps after Redis stored the decision, its answer lost):
      // the retry reads the stream's head and history from Redis again, not what this one held.
      heads.remove(raw.getStreamId());
      history.forget(raw.getStreamId());
      throw e;
    } finally {
      recorded = history.takeSent();
      lock.unlock();
      applyTime.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
    if (decision == Decision.SKIPPED) {
      return;
    }
    awaitRecorded(raw, recorded);
    if (decision.deadLetterReason() != null) {
      deadLetter(record, decision.deadLetterReason());
    }
    // Only now, with everything about it stored and its decision in the broker's log, is this
    // command decided and never judged again. An exception before this line (Redis or Kafka away)
    // leaves it undecided: the consumer retries it (and sends a decision whose state is stored
    // already once more: see process).
    recordPosition(raw.getStreamId(), record.offset());
  }

  /**
   * The broker acknowledged the command's decision (what {@code replay rebuild} needs); until it
   * does, the position does not move. Kafka away is passing: the consumer retries the command.
   */
  private static void awaitRecorded(
      Command cmd, java.util.concurrent.CompletableFuture<Void> recorded) {
    try {
      recorded.get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the decision was sent", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(
          "the decision on command "
              + cmd.getCommandId()
              + " was not acknowledged by Kafka; its position does not move",
          e);
    }
  }

  /**
   * Consumer thread, after the command failed by itself on every attempt (the loop dead-letters it
   * next): it is refused, with the reason, like any rejected command, so its client hears of it and
   * the stream moves on.
   */
  void refuse(ConsumerRecord<String, byte[]> record, Command cmd, String failure) {
    String reason =
        "layer-service could not apply the command (" + failure + "); nothing was changed";
    lock.lock();
    try {
      Optional<StreamState> current =
          Optional.ofNullable(heads.get(cmd.getStreamId())).or(() -> store.head(cmd.getStreamId()));
      if (record.offset() <= decidedUpTo(cmd.getStreamId(), current)) {
        return;
      }
      if (record.offset() <= history.keptUpTo(cmd.getStreamId())
          && resendKept(cmd, record.offset()).isPresent()) {
        // Decided before (a delete, a rejection), only its acknowledgement kept failing: that
        // decision stands, not a "could not apply".
        recordPosition(cmd.getStreamId(), record.offset());
        return;
      }
      reject(
          cmd,
          record.offset(),
          clock.instant(),
          ticks.nextFrame(cmd.getStreamId()),
          new Outcome.Rejected(RejectionCode.REJECTION_NOT_APPLIED, "", reason));
    } finally {
      // Not awaited (the command failed by itself and is given up); taken, so the next command
      // does not wait for it.
      history.takeSent();
      lock.unlock();
    }
    recordPosition(cmd.getStreamId(), record.offset());
  }

  /** The command at {@code offset} is decided for good: it is never judged again. */
  private void recordPosition(String streamId, long offset) {
    positions.put(streamId, offset);
    store.recordPosition(streamId, commandLogId + ":" + offset);
  }

  /**
   * What handling a command gave: skipped (decided before), or decided, with a reason to
   * dead-letter if refused.
   */
  private record Decision(String deadLetterReason) {
    static final Decision SKIPPED = new Decision("skipped");
  }

  /**
   * Ticker thread, under the lock: applies the scheduled commands due in {@code frame} before it is
   * emitted.
   */
  private StreamState applyScheduled(StreamState state, long frame, Instant pts) {
    if (state.getScheduleCount() == 0) {
      return state;
    }
    CommandApplier.DueResult due = applier.applyDue(state, frame, pts);
    if (due.results().isEmpty()) {
      return state;
    }
    StreamState next = due.state().toBuilder().setCommandLogId(commandLogId).build();
    store.write(next);
    refuseDropped(
        state,
        next,
        due.results().stream().map(r -> r.command().getCommandId()).toList(),
        pts,
        frame);
    heads.put(next.getStreamId(), next);
    ticks.update(next);
    for (CommandApplier.DueResult.Applied r : due.results()) {
      if (r.outcome() instanceof Outcome.Rejected rej) {
        history.dueRejected(r.command(), pts, frame, next, rej);
        announceRejection(r.command(), rej);
      } else {
        applied.increment();
        CommandApplied event = appliedEvent(r.command(), next.getVersion(), false);
        history.dueApplied(r.command(), pts, frame, next, event);
        publish(next.getStreamId(), StreamEvent.newBuilder().setCommandApplied(event));
      }
    }
    publishLifecycle(next);
    // The frame clock does not wait for the broker: a due decision is sent, not awaited (no
    // position moves with it).
    history.takeSent();
    LOG.info(
        "stream {}: {} scheduled command(s) applied in frame {} -> version {}",
        next.getStreamId(),
        due.results().size(),
        frame,
        next.getVersion());
    return next;
  }

  private Decision process(
      ConsumerRecord<String, byte[]> record, Command cmd, Outcome.Rejected intakeRejection) {
    long offset = record.offset();
    String streamId = cmd.getStreamId();
    Optional<StreamState> current =
        Optional.ofNullable(heads.get(streamId)).or(() -> store.head(streamId));
    // (Read again from Redis after a failure: held again, so its lifecycle is published again.)
    current.ifPresent(s -> heads.putIfAbsent(streamId, s));
    if (offset <= decidedUpTo(streamId, current)) {
      if (offset > positionOf(streamId)) {
        // Its state is stored, but the position never moved: its decision may never have reached
        // the decision log (Kafka away, or layer-service died in between). Send it again.
        return resendDecision(cmd, offset);
      }
      LOG.debug(
          "command {} at offset {} of {} was decided already",
          cmd.getCommandId(),
          offset,
          streamId);
      return Decision.SKIPPED;
    }
    if (offset <= history.keptUpTo(streamId)) {
      // Decided and kept in the history, but its position never moved and it left no mark in the
      // head (a rejection, an apply that changed nothing, a delete): its decision is sent again,
      // not made a second time.
      Optional<Decision> again = resendKept(cmd, offset);
      if (again.isPresent()) {
        return again.get();
      }
    }
    if (cmd.getIdempotent()) {
      Optional<CommandRecord> earlier = store.decision(cmd.getCommandId());
      if (earlier.isPresent()) {
        answerAgain(cmd, earlier.get());
        return new Decision(null);
      }
    }
    if (intakeRejection != null) {
      reject(cmd, offset, clock.instant(), ticks.nextFrame(streamId), intakeRejection);
      return new Decision(intakeRejection.field() + ": " + intakeRejection.reason());
    }
    return new Decision(decide(record, cmd, current));
  }

  /**
   * A repeat of an idempotent command decided before (the client retried with the same
   * Idempotency-Key, perhaps through another gateway, after an answer it did not get or did not
   * trust): its decision is announced again, so whoever waits for it hears it, and nothing is
   * applied twice.
   */
  private void answerAgain(Command cmd, CommandRecord earlier) {
    LOG.info(
        "{} {} on {} repeats a command decided before ({} at version {}): answered again, not"
            + " applied",
        cmd.getActionCase(),
        cmd.getCommandId(),
        cmd.getStreamId(),
        earlier.getResult(),
        earlier.getStateVersion());
    repeats.increment();
    announce(cmd, earlier);
  }

  /** The decision {@code earlier} on {@code cmd}, as an event again (whoever waits hears it). */
  private void announce(Command cmd, CommandRecord earlier) {
    if (earlier.getResult() == CommandRecord.Result.REJECTED) {
      publishRejection(
          cmd,
          new Outcome.Rejected(
              earlier.getRejectionCode(), earlier.getField(), earlier.getReason()));
    } else {
      publish(
          cmd.getStreamId(),
          StreamEvent.newBuilder()
              .setCommandApplied(
                  appliedEvent(
                      cmd,
                      earlier.getStateVersion(),
                      earlier.getResult() == CommandRecord.Result.SCHEDULED)));
    }
  }

  /** The offset of the last command of the stream decided in this command log (-1 for none). */
  private long decidedUpTo(String streamId, Optional<StreamState> current) {
    long fromState =
        current
            .filter(s -> commandLogId.equals(s.getCommandLogId()))
            .map(StreamState::getLastCommandOffset)
            .orElse(-1L);
    return Math.max(fromState, positionOf(streamId));
  }

  /** The offset of the last command whose decision the broker acknowledged (-1 for none). */
  private long positionOf(String streamId) {
    return positions.computeIfAbsent(
        streamId,
        id ->
            store
                .position(id)
                .filter(p -> p.startsWith(commandLogId + ":"))
                .map(p -> Long.parseLong(p.substring(commandLogId.length() + 1)))
                .orElse(-1L));
  }

  /**
   * The command at {@code offset} made the stored state, but its position never moved: its
   * decision, as the history keeps it, goes to the decision log again (a copy is harmless: {@code
   * replay rebuild} counts the first decision of an offset). Without it in the history (Redis lost
   * it too) there is nothing to send.
   */
  private Decision resendDecision(Command cmd, long offset) {
    return resendKept(cmd, offset)
        .orElseGet(
            () -> {
              LOG.warn(
                  "command {} at offset {} of {} made the stored state but its decision is not in"
                      + " the history: not sent again",
                  cmd.getCommandId(),
                  offset,
                  cmd.getStreamId());
              return new Decision(null);
            });
  }

  /** The decision the history keeps for the command at {@code offset}, sent again; or empty. */
  private Optional<Decision> resendKept(Command cmd, long offset) {
    Optional<CommandRecord> kept =
        store.recentHistory(cmd.getStreamId(), 100).stream()
            .filter(r -> r.getOffset() == offset && r.getCommandId().equals(cmd.getCommandId()))
            .findFirst();
    if (kept.isEmpty()) {
      return Optional.empty();
    }
    LOG.info(
        "command {} at offset {} of {}: its decision is sent again (its position never moved)",
        cmd.getCommandId(),
        offset,
        cmd.getStreamId());
    history.resend(kept.get());
    announce(cmd, kept.get());
    return Optional.of(new Decision(null));
  }

  /** Applies the command; returns the reason to dead-letter it when refused, or null. */
  private String decide(
      ConsumerRecord<String, byte[]> record, Command cmd, Optional<StreamState> current) {
    long offset = record.offset();
    String streamId = cmd.getStreamId();
    Instant now = clock.instant();
    long nextFrame = ticks.nextFrame(streamId);
    Outcome outcome =
        current.isEmpty() && cmd.hasStreamCreate()
            ? applier
                .admitStream(store.streamCount())
                .<Outcome>map(p -> new Outcome.Rejected(p.field(), p.message()))
                .orElseGet(() -> applier.apply(current, cmd, offset, now, nextFrame))
            : applier.apply(current, cmd, offset, now, nextFrame);
    switch (outcome) {
      case Outcome.Rejected r -> {
        reject(cmd, offset, now, nextFrame, r);
        return (r.field().isEmpty() ? "" : r.field() + ": ") + r.reason();
      }
      case Outcome.Deleted d -> {
        CommandApplied event = appliedEvent(cmd, d.last().getVersion(), false);
        history.applied(
            cmd, offset, now, nextFrame, d.last(), event, -1, History.StateChange.DELETE);
        heads.remove(streamId);
        ticks.end(streamId);
        applied.increment();
        publish(streamId, StreamEvent.newBuilder().setCommandApplied(event));
        publish(
            streamId,
            StreamEvent.newBuilder()
                .setLifecycle(
                    StreamLifecycle.newBuilder()
                        .setDeleted(true)
                        .setStateVersion(d.last().getVersion() + 1)));
        LOG.info("stream {} deleted", streamId);
      }
      case Outcome.Applied a -> {
        StreamState state = a.state();
        if (a.changed()) {
          state = state.toBuilder().setCommandLogId(commandLogId).build();
        }
        boolean scheduled =
            state.getScheduleList().stream()
                .anyMatch(sc -> sc.getCommand().getCommandId().equals(cmd.getCommandId()));
        CommandApplied event = appliedEvent(cmd, state.getVersion(), scheduled);
        // The state and the decision that made it are stored together (or neither, and the
        // consumer's retry decides again): no stored state without its decision.
        history.applied(
            cmd,
            offset,
            now,
            nextFrame,
            state,
            event,
            cmd.hasStreamStart() ? 0 : nextFrame,
            a.changed() ? History.StateChange.WRITE : History.StateChange.NONE);
        if (a.changed() && current.isPresent()) {
          // After the state that dropped them is stored: a failed write refuses nothing twice.
          refuseDropped(
              current.get(), state, java.util.List.of(cmd.getCommandId()), now, nextFrame);
        }
        if (state.getVersion() > 0) {
          heads.put(streamId, state);
        }
        ticks.update(state);
        applied.increment();
        publish(streamId, StreamEvent.newBuilder().setCommandApplied(event));
        if (state.getVersion() > 0) {
          publishLifecycle(state);
        }
        LOG.debug(
            "applied {} {} to {} -> version {}",
            cmd.getActionCase(),
            cmd.getCommandId(),
            streamId,
            state.getVersion());
      }
    }
    return null;
  }

  /**
   * Scheduled commands that left the schedule without being applied (the run ended) are refused,
   * with a reason.
   */
  private void refuseDropped(
      StreamState before,
      StreamState after,
      java.util.List<String> handled,
      Instant now,
      long nextFrame) {
    java.util.Set<String> kept = new java.util.HashSet<>(handled);
    after.getScheduleList().forEach(s -> kept.add(s.getCommand().getCommandId()));
    for (var s : before.getScheduleList()) {
      if (!kept.contains(s.getCommand().getCommandId())) {
        reject(
            s.getCommand(),
            -1,
            now,
            nextFrame,
            new Outcome.Rejected("/at", "the run ended before the command's frame"));
      }
    }
  }

  static CommandApplied appliedEvent(Command cmd, long version, boolean scheduled) {
    CommandApplied.Builder b =
        CommandApplied.newBuilder()
            .setCommandId(cmd.getCommandId())
            .setStateVersion(version)
            .setAction(cmd.getActionCase().name().toLowerCase(java.util.Locale.ROOT))
            .setScheduled(scheduled);
    switch (cmd.getActionCase()) {
      case LAYER_UPSERT -> b.addLayerIds(cmd.getLayerUpsert().getLayer().getId());
      case LAYER_PATCH -> b.addLayerIds(cmd.getLayerPatch().getLayer().getId());
      case LAYER_REMOVE -> b.addLayerIds(cmd.getLayerRemove().getLayerId());
      case BATCH ->
          cmd.getBatch()
              .getOperationsList()
              .forEach(
                  op ->
                      b.addLayerIds(
                          switch (op.getOpCase()) {
                            case UPSERT -> op.getUpsert().getLayer().getId();
                            case PATCH -> op.getPatch().getLayer().getId();
                            default -> op.getRemove().getLayerId();
                          }));
      default -> {}
    }
    return b.build();
  }

  /**
   * A refused command is kept with its reason on the dead-letter topic (the log of what was not
   * applied).
   */
  private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    if (deadLetters != null) {
      deadLetters.send(record, "rejected: " + reason);
    }
  }

  void deadLetters(io.streammanager.kit.kafka.DeadLetters d) {
    this.deadLetters = d;
  }

  private void reject(Command cmd, long offset, Instant now, long nextFrame, Outcome.Rejected why) {
    history.rejected(cmd, offset, now, nextFrame, why);
    announceRejection(cmd, why);
  }

  private void announceRejection(Command cmd, Outcome.Rejected why) {
    rejected.increment();
    LOG.info(
        "rejected {} {} on {}: {} {} {}",
        cmd.getActionCase(),
        cmd.getCommandId(),
        cmd.getStreamId(),
        why.code(),
        why.field(),
        why.reason());
    publishRejection(cmd, why);
  }

  private void publishRejection(Command cmd, Outcome.Rejected why) {
    publish(
        cmd.getStreamId(),
        StreamEvent.newBuilder()
            .setCommandRejected(
                CommandRejected.newBuilder()
                    .setCommandId(cmd.getCommandId())
                    .setCode(why.code())
                    .setField(why.field())
                    .setReason(why.reason())));
  }

  /**
   * Loads the snapshots of these streams (their partitions came to this instance) and resumes live
   * ones.
   */
  void adopt(Collection<String> streamIds) {
    lock.lock();
    try {
      adoptLocked(streamIds);
    } finally {
      lock.unlock();
    }
  }

  private void adoptLocked(Collection<String> streamIds) {
    for (String id : streamIds) {
      store
          .head(id)
          .ifPresent(
              state -> {
                heads.put(id, state);
                ticks.resume(state);
                if (state.getRun().getRunning()) {
                  LOG.info(
                      "resuming live stream {} run {} at version {}",
                      id,
                      state.getRun().getRunId(),
                      state.getVersion());
                }
              });
    }
  }

  /** Forgets streams whose partitions went to another instance. */
  void release(Collection<String> streamIds) {
    for (String id : streamIds) {
      heads.remove(id);
      positions.remove(id);
      history.forget(id);
      ticks.forget(id);
    }
  }

  Optional<StreamState> head(String streamId) {
    return Optional.ofNullable(heads.get(streamId));
  }

  /** Publishes every known stream's lifecycle (called every second). */
  void publishAllLifecycles() {
    lock.lock();
    try {
      heads.values().forEach(this::publishLifecycle);
    } finally {
      lock.unlock();
    }
  }

  private void publishLifecycle(StreamState state) {
    StreamLifecycle.Builder l =
        StreamLifecycle.newBuilder()
            .setRunning(state.getRun().getRunning())
            .setRunId(state.getRun().getRunId())
            .setStateVersion(state.getVersion())
            .setLayerCount(state.getLayersCount())
            .setCurrentFrame(ticks.currentFrame(state.getStreamId()));
    // Events reach every WebSocket client: stream keys never travel in them.
    state
        .getConfig()
        .getOutputsList()
        .forEach(o -> l.addOutputUrls(io.streammanager.kit.config.OutputUrls.redact(o.getUrl())));
    publish(state.getStreamId(), StreamEvent.newBuilder().setLifecycle(l));
  }

  private void publish(String streamId, StreamEvent.Builder event) {
    publisher.send(
        Topics.EVENTS,
        streamId,
        event.setStreamId(streamId).setSource(SOURCE).setAt(ProtoTime.of(clock.instant())).build());
  }
}
