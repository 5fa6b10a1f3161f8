package io.streammanager.layers;

import com.google.protobuf.MessageLite;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streammanager.kit.config.PlatformConfig.AssetLimits;
import io.streammanager.layers.CommandLogs.CommandLog;
import io.streammanager.proto.Command;
import io.streammanager.proto.CommandRecord;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Tick;
import io.streammanager.proto.Topic;
import io.streammanager.proto.Topics;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The production command path of one layer-service instance, {@link CommandProcessor} with its
 * {@link TickScheduler}, on an in-memory {@link StreamStore}, a manual scheduler and a clock the
 * test moves: no Kafka, Redis or threads. A command log is folded the way the consumer feeds it:
 * time advances by each entry's delay, the frames due by then are emitted (each may apply scheduled
 * commands), then the command is delivered with its offset. Every delivery and every frame that
 * changed the state is recorded as a step, from what the processor stored, for the properties to
 * judge.
 */
final class CommandPath {
  static final String COMMAND_LOG_ID = "command-log-1";
  private static final AssetLimits ASSETS = new AssetLimits(16L << 20, 16L << 20);

  /** What became of a delivery, as the processor stored it. */
  enum Kind {
    SKIPPED,
    APPLIED,
    UNCHANGED,
    SCHEDULED,
    REJECTED,
    DELETED
  }

  /** One recorded change (or non-change) of the stream's state. */
  sealed interface Step {
    Optional<StreamState> before();

    Optional<StreamState> after();

    /**
     * True while frames of the state after the step are drawn; then {@link #drawnFrame} is the next
     * one drawn.
     */
    boolean ticking();

    long drawnFrame();
  }

  /**
   * A delivery of the command at {@code offset} and its decision (none when it was decided before:
   * skipped).
   */
  record CommandStep(
      long offset,
      Command command,
      Kind kind,
      Optional<CommandRecord> decision,
      Optional<StreamState> before,
      Optional<StreamState> after,
      boolean ticking,
      long drawnFrame)
      implements Step {
    @Override
    public String toString() {
      return "delivery @"
          + offset
          + " of "
          + command.getCommandId()
          + " "
          + command.getActionCase()
          + " -> "
          + kind
          + decision
              .filter(d -> d.getResult() == CommandRecord.Result.REJECTED)
              .map(d -> " " + d.getRejectionCode() + " " + d.getField() + " " + d.getReason())
              .orElse("");
    }
  }

  /** Scheduled commands the frame clock applied (or refused) before {@code frame} was drawn. */
  record FrameStep(long frame, StreamState state, StreamState next, List<CommandRecord> due)
      implements Step {
    @Override
    public Optional<StreamState> before() {
      return Optional.of(state);
    }

    @Override
    public Optional<StreamState> after() {
      return Optional.of(next);
    }

    @Override
    public boolean ticking() {
      return true;
    }

    @Override
    public long drawnFrame() {
      return frame;
    }

    boolean allApplied() {
      return due.stream().allMatch(d -> d.getResult() != CommandRecord.Result.REJECTED);
    }

    @Override
    public String toString() {
      return "frame "
          + frame
          + ": scheduled "
          + due.stream()
              .map(d -> d.getCommandId() + " " + d.getAction() + " " + d.getResult())
              .toList();
    }
  }

  /**
   * Everything that happened, and the stream's stored state at the end (empty when it does not
   * exist).
   */
  record Trace(List<Step> steps, Optional<StreamState> last, List<Tick> ticks, CommandPath path) {
    String checksum() {
      return sha256(last.map(StreamState::toByteArray).orElse(new byte[0]));
    }
  }

  private final String streamId;
  private final MemoryStreamStore store;
  private final MutableClock clock;
  private final List<Step> steps = new ArrayList<>();
  private final List<Tick> ticks = new ArrayList<>();
  private ManualScheduler executor;
  private TickScheduler scheduler;
  private CommandProcessor processor;
  private int seen;
  private volatile boolean decisionLogAway;
  private final List<CommandRecord> decisionLog = new ArrayList<>();

  private CommandPath(String streamId, MemoryStreamStore store, MutableClock clock) {
    this.streamId = streamId;
    this.store = store;
    this.clock = clock;
    boot();
  }

  /** A fresh instance on an empty store at {@link CommandLogs#T0}. */
  static CommandPath fresh(String streamId) {
    return new CommandPath(streamId, new MemoryStreamStore(), new MutableClock(CommandLogs.T0));
  }

  /** Folds the whole log on a fresh instance, delivering each command {@code times}. */
  static Trace fold(CommandLog log, int times) {
    CommandPath path = fresh(log.streamId());
    for (int offset = 0; offset < log.entries().size(); offset++) {
      CommandLog.Entry e = log.entries().get(offset);
      path.advance(Duration.ofMillis(e.delayMs()));
      for (int i = 0; e.command() != null && i < times; i++) {
        path.deliver(offset, e.command());
      }
    }
    return path.trace();
  }

  /**
   * The instance restarted over the same store (a new process: new processor and scheduler, nothing
   * in memory) that adopts the stream and reads the whole log again from offset 0, as when the
   * committed consumer offset was behind.
   */
  static Trace reread(CommandLog log, Trace run) {
    CommandPath path = run.path().restarted();
    for (int offset = 0; offset < log.entries().size(); offset++) {
      if (log.entries().get(offset).command() != null) {
        path.deliver(offset, log.entries().get(offset).command());
      }
    }
    return path.trace();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * A new instance over this one's store, at this one's time, having adopted the stream (as after a
   * rebalance).
   */
  CommandPath restarted() {
    scheduler.close();
    CommandPath next = new CommandPath(streamId, store, new MutableClock(clock.instant()));
    next.seen = store.events().size();
    next.processor.adopt(List.of(streamId));
    return next;
  }

  Trace trace() {
    return new Trace(List.copyOf(steps), store.head(streamId), List.copyOf(ticks), this);
  }

  MemoryStreamStore store() {
    return store;
  }

  /**
   * Moves the clock and lets the scheduler emit every frame due (a scheduled start's new run
   * included).
   */
  void advance(Duration d) {
    clock.advance(d);
    int tasks;
    do {
      tasks = executor.tasks().size();
      executor.runAll();
    } while (executor.tasks().size() > tasks);
    recordFrames();
  }

  /** Hands the command at {@code offset} to the processor, as the consumer does. */
  /**
   * The consumer loop gave {@code command} up after its attempts failed: the processor refuses it.
   */
  void refuse(long offset, Command command, String failure) {
    processor.refuse(
        new ConsumerRecord<>(Topics.COMMANDS.name(), 0, offset, streamId, command.toByteArray()),
        command,
        failure);
  }

  CommandStep deliver(long offset, Command command) {
    recordFrames();
    Optional<StreamState> before = store.head(streamId);
    processor.handle(
        new ConsumerRecord<>(Topics.COMMANDS.name(), 0, offset, streamId, command.toByteArray()),
        command);
    Optional<CommandRecord> decision = Optional.empty();
    for (MemoryStreamStore.Event e : fresh()) {
      if (e instanceof MemoryStreamStore.Decided d
          && d.record().getOffset() == offset
          && d.record().getCommandId().equals(command.getCommandId())) {
        decision = Optional.of(d.record());
      }
    }
    Optional<StreamState> after = store.head(streamId);
    CommandStep step =
        new CommandStep(
            offset,
            command,
            kind(decision, before, after),
            decision,
            before,
            after,
            scheduler.ticking(streamId),
            scheduler.nextFrame(streamId));
    steps.add(step);
    return step;
  }

  private void boot() {
    executor = new ManualScheduler();
    ReentrantLock lock = new ReentrantLock();
    scheduler = new TickScheduler(executor, clock, ticks::add, lock);
    processor =
        new CommandProcessor(
            new CommandApplier(CommandLogs.DEFAULTS),
            store,
            this::send,
            scheduler,
            clock,
            COMMAND_LOG_ID,
            lock,
            ASSETS,
            new SimpleMeterRegistry());
  }

  /**
   * Events are judged from the store's history, which holds the same decisions; the decision log
   * acknowledges at once, or fails while {@link #decisionLogAway} says so.
   */
  private <V extends MessageLite> java.util.concurrent.CompletableFuture<?> send(
      Topic<V> topic, String key, V value) {
    if (topic.equals(Topics.DECISIONS)) {
      if (decisionLogAway) {
        return java.util.concurrent.CompletableFuture.failedFuture(
            new org.apache.kafka.common.errors.TimeoutException("decision log away"));
      }
      decisionLog.add((CommandRecord) value);
    }
    return java.util.concurrent.CompletableFuture.completedFuture(null);
  }

  /** The broker takes no decision from now on (false: it takes them again). */
  void decisionLogAway(boolean away) {
    this.decisionLogAway = away;
  }

  /** The decisions the broker acknowledged, in order. */
  List<CommandRecord> decisionLog() {
    return List.copyOf(decisionLog);
  }

  /**
   * The frames that changed the state since the last look: a write followed by the decisions of its
   * frame.
   */
  private void recordFrames() {
    MemoryStreamStore.Written write = null;
    List<CommandRecord> due = new ArrayList<>();
    for (MemoryStreamStore.Event e : fresh()) {
      if (e instanceof MemoryStreamStore.Written w) {
        addFrame(write, due);
        write = w;
        due = new ArrayList<>();
      } else if (e instanceof MemoryStreamStore.Decided d && d.record().getDue()) {
        due.add(d.record());
      }
    }
    addFrame(write, due);
  }

  private void addFrame(MemoryStreamStore.Written write, List<CommandRecord> due) {
    if (write != null) {
      steps.add(
          new FrameStep(
              due.isEmpty() ? -1 : due.getFirst().getFirstFrame(),
              write.before().orElseThrow(),
              write.after(),
              List.copyOf(due)));
    }
  }

  /** The store's events since the last call. */
  private List<MemoryStreamStore.Event> fresh() {
    List<MemoryStreamStore.Event> all = store.events();
    List<MemoryStreamStore.Event> news = all.subList(seen, all.size());
    seen = all.size();
    return news;
  }

  private static Kind kind(
      Optional<CommandRecord> decision, Optional<StreamState> before, Optional<StreamState> after) {
    if (decision.isEmpty()) {
      return Kind.SKIPPED;
    }
    return switch (decision.get().getResult()) {
      case REJECTED -> Kind.REJECTED;
      case SCHEDULED -> Kind.SCHEDULED;
      default ->
          before.isPresent() && after.isEmpty()
              ? Kind.DELETED
              : after.map(StreamState::getVersion).equals(before.map(StreamState::getVersion))
                  ? Kind.UNCHANGED
                  : Kind.APPLIED;
    };
  }
}
