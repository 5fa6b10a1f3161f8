package io.streammanager.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.layers.CommandLogs.CommandLog;
import io.streammanager.layers.StreamDriver.CommandStep;
import io.streammanager.layers.StreamDriver.FrameStep;
import io.streammanager.layers.StreamDriver.Step;
import io.streammanager.layers.StreamDriver.Trace;
import io.streammanager.proto.Layer;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Tween;
import io.streammanager.proto.Tweens;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * The invariants of the command state machine ({@link CommandApplier}) over random command logs of one stream, folded
 * by {@link StreamDriver} as the processor and the ticker fold them. Each property is checked on the logs of seeds
 * 0 to {@value #DEFAULT_TRIES} - 1 (more with {@code -Dsm.property.tries=N}); a failure names its seed and prints its
 * log, and {@code CommandLogs.log(seed)} gives that log again. Properties that a known bug breaks are disabled with a
 * {@code BUG:} reason; {@link CommandApplierBugReproTest} holds the smallest failing sequence of each.
 */
class CommandApplierPropertiesTest {
  private static final int DEFAULT_TRIES = 200;
  private static final int TRIES = tries();
  /**
   * The restart property fails for fewer than one log in a hundred while its bug is in (seeds 111 and 172 below 200),
   * so it gets five times the logs: one fold more each, about a second.
   */
  private static final int RESTART_TRIES = 5 * TRIES;
  /** A frame far after every tween the generated logs can start (they span under two minutes). */
  private static final long FAR_FRAME = 1L << 40;

  @Test
  void everyState_hasUniqueLayerIds_andOnlyValidLayersAndConfig() {
    forEachLog(CommandLogs::log, log -> {
      for (Step step : StreamDriver.fold(log, 1).steps()) {
        step.after().ifPresent(s -> {
          List<String> ids = s.getLayersList().stream().map(Layer::getId).toList();
          assertThat(ids).as("layer ids after %s", step).doesNotHaveDuplicates();
          s.getLayersList().forEach(l -> assertThat(LayerRules.check(l)).as("stored layer %s", l).isEmpty());
          assertThat(StreamConfigRules.check(s.getConfig())).as("stored config").isEmpty();
        });
      }
    });
  }

  @Test
  void everyAppliedCommand_addsExactlyOneVersion_andUnchangedOrRejectedKeepsTheState() {
    Set<String> outcomes = new TreeSet<>();
    forEachLog(CommandLogs::log, log -> {
      for (Step step : StreamDriver.fold(log, 1).steps()) {
        outcomes.add(kind(step));
        switch (step) {
          case CommandStep c when c.outcome() instanceof Outcome.Applied a && a.changed() -> {
            StreamState before = c.before().orElse(StreamState.getDefaultInstance());
            assertThat(a.state().getVersion()).as("version after %s", c).isEqualTo(before.getVersion() + 1);
            assertThat(a.state().getLastCommandOffset())
                .isEqualTo(Math.max(c.offset(), before.getLastCommandOffset()));
            assertThat(a.state().getLastCommandId()).isEqualTo(c.command().getCommandId());
          }
          // An absent default stream comes back as the fresh state apply starts it from (version 0): a known bug,
          // tolerated here so the rest of the property keeps running.
          case CommandStep c when c.outcome() instanceof Outcome.Applied a ->
              assertThat(a.state()).as("state after %s", c).isEqualTo(c.before().orElseGet(() -> fresh(a.state())));
          case CommandStep c when c.outcome() instanceof Outcome.Deleted -> { }
          case CommandStep c -> assertThat(c.after()).as("state after %s", c).isEqualTo(c.before());
          case FrameStep f -> { }
        }
      }
    });
    // The generator must reach every kind of outcome, or the properties hold vacuously. (A scheduled command refused
    // in its frame, "due-rejected", is too rare to require without making the guard depend on luck.)
    assertThat(outcomes).as("outcomes reached by the logs of %d seeds", TRIES)
        .contains("applied", "unchanged", "rejected", "scheduled", "due-applied", "deleted");
  }

  @Test
  void scheduledCommandsTakenInAFrame_addOneVersionEach_andNoVersionNamesTwoStates() {
    forEachLog(CommandLogs::log, log -> {
      Map<Long, StreamState> byVersion = new HashMap<>();
      for (Step step : StreamDriver.fold(log, 1).steps()) {
        if (step instanceof FrameStep f) {
          assertThat(f.due().state().getVersion()).as("version after %s", f)
              .isEqualTo(f.state().getVersion() + f.due().results().size());
        }
        if (step instanceof CommandStep c && c.outcome() instanceof Outcome.Deleted) {
          byVersion.clear();
        }
        // Snapshots are immutable: written once under their version, which names one content.
        step.after().ifPresent(s -> assertThat(byVersion.computeIfAbsent(s.getVersion(), v -> s))
            .as("the state stored as version %d, seen again after %s", s.getVersion(), step).isEqualTo(s));
      }
    });
  }

  @Test
  void rejectedAndUnchangingCommands_changeNothing_leavingThemOutGivesTheSameState() {
    forEachLog(CommandLogs::log, log -> {
      Trace full = StreamDriver.fold(log, 1);
      Set<Long> idle = new HashSet<>();
      for (Step step : full.steps()) {
        if (step instanceof CommandStep c && (c.outcome() instanceof Outcome.Rejected
            || c.outcome() instanceof Outcome.Applied a && !a.changed())) {
          idle.add(c.offset());
        }
      }
      Trace without = StreamDriver.fold(log.without(idle), 1);
      assertThat(existing(without.last())).as("left out: %s", idle).isEqualTo(existing(full.last()));
    });
  }

  @Test
  void replayFromOffsetZero_isChecksumIdentical() {
    forEachLog(CommandLogs::log, log -> {
      Trace first = StreamDriver.fold(log, 1);
      Trace replay = StreamDriver.fold(log, 1);
      assertThat(checksums(replay)).isEqualTo(checksums(first));
      assertThat(replay.checksum()).isEqualTo(first.checksum());
    });
  }

  @Test
  void redeliveredCommands_areSkippedByOffset_andGiveTheSameState() {
    forEachLog(CommandLogs::log, log -> {
      Trace once = StreamDriver.fold(log, 1);
      Trace twice = StreamDriver.fold(log, 2);
      assertThat(twice.checksum()).isEqualTo(once.checksum());
      for (int i = 1; i < twice.steps().size(); i++) {
        if (twice.steps().get(i - 1) instanceof CommandStep first && first.outcome() instanceof Outcome.Applied a
            && a.changed() && twice.steps().get(i) instanceof CommandStep again) {
          assertThat(again.skipped()).as("redelivery of %s", first.command()).isTrue();
        }
      }
    });
  }

  @Test
  void restartedProcessor_rereadingTheLogOverItsSnapshot_changesNothing() {
    forEachLog(RESTART_TRIES, CommandLogs::log, log -> {
      Trace run = StreamDriver.fold(log, 1);
      Trace reread = StreamDriver.reread(log, run.last(), run.end(), run.decidedUpTo());
      assertThat(reread.checksum()).as("reread steps %s", reread.steps()).isEqualTo(run.checksum());
    });
  }

  @Test
  void finishedTweens_landExactlyOnTheStoredLayer() {
    forEachLog(CommandLogs::log, log -> {
      for (Step step : StreamDriver.fold(log, 1).steps()) {
        for (Layer layer : step.after().map(StreamState::getLayersList).orElse(List.of())) {
          assertThat(Tweens.at(layer, FAR_FRAME)).as("layer far after its tweens, after %s", step)
              .isEqualTo(layer.toBuilder().clearTweens().build());
        }
      }
    });
  }

  @Test
  void whileARunIsDrawn_noTweenStartsAfterTheFrameDrawn() {
    forEachLog(CommandLogs::log, log -> {
      for (Step step : StreamDriver.fold(log, 1).steps()) {
        if (!step.ticking() || step.after().isEmpty()) {
          continue;
        }
        for (Layer layer : step.after().get().getLayersList()) {
          for (Tween t : layer.getTweensList()) {
            assertThat(t.getStartFrame()).as("tween of layer %s in run %s, drawing frame %d after %s", layer.getId(),
                step.after().get().getRun().getRunId(), step.drawnFrame(), step)
                .isLessThanOrEqualTo(step.drawnFrame());
          }
        }
      }
    });
  }

  /** The consumer retries a command that throws forever: every command must be applied or rejected. */
  @Test
  void malformedCommands_areRejected_neverThrown() {
    forEachLog(CommandLogs::hostileLog, log -> assertThat(StreamDriver.fold(log, 1).steps()).isNotEmpty());
  }

  private static void forEachLog(LongFunction<CommandLog> logs, Consumer<CommandLog> property) {
    forEachLog(TRIES, logs, property);
  }

  /**
   * Checks {@code property} on the logs of seeds 0 to {@code tries} - 1. A failure, an assertion or an exception from
   * the code under test, is reported with its seed and log; there is no shrinking.
   */
  private static void forEachLog(int tries, LongFunction<CommandLog> logs, Consumer<CommandLog> property) {
    for (long seed = 0; seed < tries; seed++) {
      CommandLog log = logs.apply(seed);
      try {
        property.accept(log);
      } catch (AssertionError | RuntimeException e) {
        String failure = e instanceof AssertionError ? e.getMessage() : e.toString();
        throw new AssertionError("seed %d: %s%nlog %s".formatted(seed, failure, log), e);
      }
    }
  }

  private static int tries() {
    int tries = Integer.getInteger("sm.property.tries", DEFAULT_TRIES);
    if (tries < 1) {
      throw new IllegalArgumentException("sm.property.tries must be at least 1, was " + tries);
    }
    return tries;
  }

  private static List<String> checksums(Trace trace) {
    return trace.steps().stream().map(s -> s.after().map(st -> StreamDriver.sha256(st.toByteArray())).orElse(""))
        .toList();
  }

  /**
   * The stream's state, or empty for the fresh version-0 state that an unchanging command on an absent default
   * stream answers with (equivalent for every later command; a known bug, see CommandApplierBugReproTest).
   */
  private static Optional<StreamState> existing(Optional<StreamState> state) {
    return state.filter(s -> !s.equals(fresh(s)));
  }

  /** The state {@code apply} starts the default stream from when it does not exist yet. */
  private static StreamState fresh(StreamState like) {
    return StreamState.newBuilder().setStreamId(like.getStreamId()).setConfig(CommandLogs.DEFAULTS).build();
  }

  private static String kind(Step step) {
    return switch (step) {
      case CommandStep c when c.skipped() -> "skipped";
      case CommandStep c when c.outcome() instanceof Outcome.Applied a && !a.changed() -> "unchanged";
      case CommandStep c when c.outcome() instanceof Outcome.Applied a
          && a.state().getScheduleList().stream().anyMatch(s -> s.getCommand().equals(c.command())) -> "scheduled";
      case CommandStep c when c.outcome() instanceof Outcome.Applied -> "applied";
      case CommandStep c when c.outcome() instanceof Outcome.Deleted -> "deleted";
      case CommandStep c -> "rejected";
      case FrameStep f -> f.due().results().stream().allMatch(r -> r.outcome() instanceof Outcome.Applied)
          ? "due-applied" : "due-rejected";
    };
  }
}
