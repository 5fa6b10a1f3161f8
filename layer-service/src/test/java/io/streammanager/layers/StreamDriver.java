package io.streammanager.layers;

import io.streammanager.layers.CommandLogs.CommandLog;
import io.streammanager.proto.Command;
import io.streammanager.proto.StreamState;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Folds a command log through {@link CommandApplier} the way {@link CommandProcessor} and {@link TickScheduler} drive
 * it, with no Kafka, Redis or threads: time advances by each entry's delay, the frames due by then are emitted first
 * (each one may apply scheduled commands through {@code applyDue}), then the command is delivered, skipped when its
 * offset is not after the state's {@code last_command_offset}. Every step is recorded for the properties to judge.
 */
final class StreamDriver {
  /** One recorded change (or non-change) of the stream's state. */
  sealed interface Step {
    Optional<StreamState> before();

    Optional<StreamState> after();

    /** True while frames of the state after the step are drawn; then {@link #drawnFrame} is the next one drawn. */
    boolean ticking();

    long drawnFrame();
  }

  /** A delivery of the command at {@code offset}; {@code outcome} is null when the offset rule skipped it. */
  record CommandStep(long offset, Command command, Optional<StreamState> before, Outcome outcome,
      Optional<StreamState> after, boolean ticking, long drawnFrame) implements Step {
    boolean skipped() {
      return outcome == null;
    }

    @Override
    public String toString() {
      return "delivery @" + offset + " of " + command.getCommandId() + " " + command.getActionCase() + " -> "
          + (skipped() ? "skipped" : outcome instanceof Outcome.Applied a ? "applied, changed=" + a.changed()
          : outcome);
    }
  }

  /** Scheduled commands applied before {@code frame} was drawn. */
  record FrameStep(long frame, StreamState state, CommandApplier.DueResult due) implements Step {
    @Override
    public Optional<StreamState> before() {
      return Optional.of(state);
    }

    @Override
    public Optional<StreamState> after() {
      return Optional.of(due.state());
    }

    @Override
    public boolean ticking() {
      return true;
    }

    @Override
    public long drawnFrame() {
      return frame;
    }

    @Override
    public String toString() {
      return "frame " + frame + ": scheduled " + due.results().stream().map(r -> r.command().getCommandId() + " "
          + r.command().getActionCase() + (r.outcome() instanceof Outcome.Applied a ? " applied, changed="
          + a.changed() : " " + r.outcome())).toList();
    }
  }

  /** Everything that happened, and the stream's state at the end (empty when it does not exist). */
  record Trace(List<Step> steps, Optional<StreamState> last, Instant end, long decidedUpTo) {
    String checksum() {
      return sha256(last.map(StreamState::toByteArray).orElse(new byte[0]));
    }
  }

  private final CommandApplier applier = new CommandApplier(CommandLogs.DEFAULTS);
  private final List<Step> steps = new ArrayList<>();
  private Optional<StreamState> head;
  private Instant now;
  private boolean ticking;
  private String runId = "";
  private long nextFrame;

  private StreamDriver(Optional<StreamState> head, Instant now) {
    this.head = head;
    this.now = now;
  }

  /** Folds the log from offset 0 on a stream that does not exist yet, delivering each command {@code times}. */
  static Trace fold(CommandLog log, int times) {
    StreamDriver d = new StreamDriver(Optional.empty(), CommandLogs.T0);
    for (int offset = 0; offset < log.entries().size(); offset++) {
      CommandLog.Entry e = log.entries().get(offset);
      d.now = d.now.plusMillis(e.delayMs());
      d.emitDueFrames();
      for (int i = 0; e.command() != null && i < times; i++) {
        d.deliver(offset, e.command());
      }
    }
    return new Trace(List.copyOf(d.steps), d.head, d.now, d.decidedUpTo);
  }

  /**
   * A restarted processor: it adopts {@code snapshot} (a live one ticks again from the frame due now) and reads the
   * log again from offset 0 at {@code now}, as when the committed consumer offset was behind the snapshot. Like
   * CommandProcessor, it knows from Redis the position of the last command decided before the restart.
   */
  static Trace reread(CommandLog log, Optional<StreamState> snapshot, Instant now, long decidedUpTo) {
    StreamDriver d = new StreamDriver(snapshot, now);
    d.decidedUpTo = decidedUpTo;
    snapshot.ifPresent(d::update);
    for (int offset = 0; offset < log.entries().size(); offset++) {
      d.deliver(offset, log.entries().get(offset).command());
    }
    return new Trace(List.copyOf(d.steps), d.head, d.now, d.decidedUpTo);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The offset of the last command decided, applied or not (CommandProcessor keeps it in Redis). */
  private long decidedUpTo = -1;

  /** As {@code CommandProcessor.process}: a command is decided once, then skipped on every redelivery. */
  private void deliver(long offset, Command cmd) {
    Optional<StreamState> before = head;
    long decided = Math.max(decidedUpTo, before.map(StreamState::getLastCommandOffset).orElse(-1L));
    if (offset <= decided) {
      steps.add(new CommandStep(offset, cmd, before, null, before, ticking, nextFrame));
      return;
    }
    decidedUpTo = offset;
    Outcome outcome = applier.apply(before, cmd, offset, now, ticking ? nextFrame : 0);
    switch (outcome) {
      case Outcome.Rejected r -> { }
      case Outcome.Deleted d -> {
        head = Optional.empty();
        ticking = false;
      }
      case Outcome.Applied a -> {
        head = Optional.of(a.state());
        update(a.state());
      }
    }
    steps.add(new CommandStep(offset, cmd, before, outcome, head, ticking, nextFrame));
  }

  /** As {@code TickScheduler.update}: a new run starts ticking from the frame due now. */
  private void update(StreamState state) {
    if (ticking && runId.equals(state.getRun().getRunId()) || !state.getRun().getRunning()) {
      return;
    }
    ticking = true;
    runId = state.getRun().getRunId();
    nextFrame = Math.max(0, FrameClock.frameAt(state.getRun(), state.getConfig().getFps(), now));
  }

  /** As {@code TickScheduler.Runner.emitDue}, once per run that ticks (a scheduled start may begin a new one). */
  private void emitDueFrames() {
    while (ticking) {
      String run = runId;
      StreamState s = head.orElseThrow();
      int fps = s.getConfig().getFps();
      long due = FrameClock.frameAt(s.getRun(), fps, now);
      if (s.getRun().getRunning() && due - nextFrame > fps * 2L) {
        nextFrame = due;
      }
      while (nextFrame <= due) {
        s = beforeFrame(s, nextFrame);
        if (!run.equals(runId)) {
          break;
        }
        if (!s.getRun().getRunning() && nextFrame >= s.getRun().getStopFrame()) {
          break;
        }
        nextFrame++;
      }
      if (!run.equals(runId)) {
        continue;
      }
      if (!s.getRun().getRunning() && nextFrame >= s.getRun().getStopFrame()) {
        ticking = false;
      }
      return;
    }
  }

  /** As {@code CommandProcessor.applyScheduled}. */
  private StreamState beforeFrame(StreamState s, long frame) {
    if (s.getScheduleCount() == 0) {
      return s;
    }
    CommandApplier.DueResult due = applier.applyDue(s, frame,
        FrameClock.presentationTime(s.getRun(), s.getConfig().getFps(), frame));
    if (due.results().isEmpty()) {
      return s;
    }
    steps.add(new FrameStep(frame, s, due));
    head = Optional.of(due.state());
    update(due.state());
    return due.state();
  }
}
