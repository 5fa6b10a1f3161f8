package io.streammanager.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.layers.CommandLogs.CommandLog;
import io.streammanager.layers.CommandPath.CommandStep;
import io.streammanager.layers.CommandPath.FrameStep;
import io.streammanager.layers.CommandPath.Kind;
import io.streammanager.layers.CommandPath.Step;
import io.streammanager.layers.CommandPath.Trace;
import io.streammanager.proto.CommandRecord;
import io.streammanager.proto.Layer;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Tween;
import io.streammanager.proto.Tweens;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * The invariants of the command path over random command logs of one stream, folded through the
 * production {@link CommandProcessor}, {@link CommandApplier} and {@link TickScheduler} ({@link
 * CommandPath}: an in-memory store, a manual scheduler and clock). Each property is checked on the
 * logs of seeds 0 to {@value #DEFAULT_TRIES} - 1 (more with {@code -Dsm.property.tries=N}); a
 * failure names its seed and prints its log, and {@code CommandLogs.log(seed)} gives that log
 * again. {@link CommandApplierBugReproTest} holds the smallest sequence of each bug these found.
 */
class CommandPathPropertiesTest {
  private static final int DEFAULT_TRIES = 200;
  private static final int TRIES = tries();

  /**
   * Restarts found a bug in fewer than one log in a hundred (seeds 111 and 172 below 200): five
   * times the logs.
   */
  private static final int RESTART_TRIES = 5 * TRIES;

  /** A frame far after every tween the generated logs can start (they span under two minutes). */
  private static final long FAR_FRAME = 1L << 40;

  @Test
  void everyState_hasUniqueLayerIds_andOnlyValidLayersAndConfig() {
    forEachLog(
        CommandLogs::log,
        log -> {
          for (Step step : CommandPath.fold(log, 1).steps()) {
            step.after()
                .ifPresent(
                    s -> {
                      List<String> ids = s.getLayersList().stream().map(Layer::getId).toList();
                      assertThat(ids).as("layer ids after %s", step).doesNotHaveDuplicates();
                      s.getLayersList()
                          .forEach(
                              l ->
                                  assertThat(LayerRules.check(l))
                                      .as("stored layer %s", l)
                                      .isEmpty());
                      assertThat(StreamConfigRules.check(s.getConfig()))
                          .as("stored config")
                          .isEmpty();
                    });
          }
        });
  }

  @Test
  void everyAppliedCommand_addsExactlyOneVersion_andUnchangedOrRejectedKeepsTheState() {
    Set<String> outcomes = new TreeSet<>();
    forEachLog(
        CommandLogs::log,
        log -> {
          for (Step step : CommandPath.fold(log, 1).steps()) {
            outcomes.add(kind(step));
            switch (step) {
              case CommandStep c when c.kind() == Kind.APPLIED || c.kind() == Kind.SCHEDULED -> {
                StreamState before = c.before().orElse(StreamState.getDefaultInstance());
                StreamState after = c.after().orElseThrow();
                assertThat(after.getVersion())
                    .as("version after %s", c)
                    .isEqualTo(before.getVersion() + 1);
                assertThat(after.getLastCommandOffset())
                    .isEqualTo(Math.max(c.offset(), before.getLastCommandOffset()));
                assertThat(after.getLastCommandId()).isEqualTo(c.command().getCommandId());
                assertThat(after.getCommandLogId()).isEqualTo(CommandPath.COMMAND_LOG_ID);
                assertThat(c.decision().orElseThrow().getStateVersion())
                    .isEqualTo(after.getVersion());
              }
              case CommandStep c when c.kind() == Kind.DELETED -> assertThat(c.after()).isEmpty();
              // Unchanged, rejected or skipped: nothing is stored (an absent default stream stays
              // absent).
              case CommandStep c ->
                  assertThat(c.after()).as("state after %s", c).isEqualTo(c.before());
              case FrameStep f -> {}
            }
          }
        });
    // The generator must reach every kind of outcome, or the properties hold vacuously. (A
    // scheduled command refused in its frame, "due-rejected", is too rare to require without making
    // the guard depend on luck.)
    assertThat(outcomes)
        .as("outcomes reached by the logs of %d seeds", TRIES)
        .contains("applied", "unchanged", "rejected", "scheduled", "due-applied", "deleted");
  }

  @Test
  void scheduledCommandsTakenInAFrame_addOneVersionEach() {
    // (That no version names two states is checked by MemoryStreamStore on every write.)
    forEachLog(
        CommandLogs::log,
        log -> {
          for (Step step : CommandPath.fold(log, 1).steps()) {
            if (step instanceof FrameStep f) {
              assertThat(f.next().getVersion())
                  .as("version after %s", f)
                  .isEqualTo(f.state().getVersion() + f.due().size());
              assertThat(f.due())
                  .extracting(CommandRecord::getFirstFrame)
                  .as("frames of %s", f)
                  .containsOnly(f.frame());
            }
          }
        });
  }

  @Test
  void rejectedAndUnchangingCommands_changeNothing_leavingThemOutGivesTheSameState() {
    forEachLog(
        CommandLogs::log,
        log -> {
          Trace full = CommandPath.fold(log, 1);
          Set<Long> idle = new HashSet<>();
          for (Step step : full.steps()) {
            if (step instanceof CommandStep c
                && (c.kind() == Kind.REJECTED || c.kind() == Kind.UNCHANGED)) {
              idle.add(c.offset());
            }
          }
          Trace without = CommandPath.fold(log.without(idle), 1);
          assertThat(without.last()).as("left out: %s", idle).isEqualTo(full.last());
        });
  }

  @Test
  void replayFromOffsetZero_isChecksumIdentical() {
    forEachLog(
        CommandLogs::log,
        log -> {
          Trace first = CommandPath.fold(log, 1);
          Trace replay = CommandPath.fold(log, 1);
          assertThat(checksums(replay)).isEqualTo(checksums(first));
          assertThat(replay.checksum()).isEqualTo(first.checksum());
        });
  }

  @Test
  void redeliveredCommands_areSkippedByOffset_andGiveTheSameState() {
    forEachLog(
        CommandLogs::log,
        log -> {
          Trace once = CommandPath.fold(log, 1);
          Trace twice = CommandPath.fold(log, 2);
          assertThat(twice.checksum()).isEqualTo(once.checksum());
          for (int i = 1; i < twice.steps().size(); i++) {
            if (twice.steps().get(i - 1) instanceof CommandStep first
                && first.kind() != Kind.SKIPPED
                && twice.steps().get(i) instanceof CommandStep again
                && again.offset() == first.offset()) {
              assertThat(again.kind()).as("redelivery of %s", first).isEqualTo(Kind.SKIPPED);
            }
          }
        });
  }

  @Test
  void restartedProcessor_rereadingTheLogOverItsSnapshot_changesNothing() {
    forEachLog(
        RESTART_TRIES,
        CommandLogs::log,
        log -> {
          Trace run = CommandPath.fold(log, 1);
          Trace reread = CommandPath.reread(log, run);
          assertThat(reread.checksum())
              .as("reread steps %s", reread.steps())
              .isEqualTo(run.checksum());
          assertThat(reread.steps())
              .as("every command was decided before the restart")
              .allSatisfy(s -> assertThat(((CommandStep) s).kind()).isEqualTo(Kind.SKIPPED));
        });
  }

  @Test
  void finishedTweens_landExactlyOnTheStoredLayer() {
    forEachLog(
        CommandLogs::log,
        log -> {
          for (Step step : CommandPath.fold(log, 1).steps()) {
            for (Layer layer : step.after().map(StreamState::getLayersList).orElse(List.of())) {
              assertThat(Tweens.at(layer, FAR_FRAME))
                  .as("layer far after its tweens, after %s", step)
                  .isEqualTo(layer.toBuilder().clearTweens().build());
            }
          }
        });
  }

  @Test
  void whileARunIsDrawn_noTweenStartsAfterTheFrameDrawn() {
    forEachLog(
        CommandLogs::log,
        log -> {
          for (Step step : CommandPath.fold(log, 1).steps()) {
            if (!step.ticking() || step.after().isEmpty()) {
              continue;
            }
            for (Layer layer : step.after().get().getLayersList()) {
              for (Tween t : layer.getTweensList()) {
                assertThat(t.getStartFrame())
                    .as(
                        "tween of layer %s in run %s, drawing frame %d after %s",
                        layer.getId(),
                        step.after().get().getRun().getRunId(),
                        step.drawnFrame(),
                        step)
                    .isLessThanOrEqualTo(step.drawnFrame());
              }
            }
          }
        });
  }

  /**
   * A command that throws would be retried and then refused by the consumer: every one must be
   * decided at once.
   */
  @Test
  void malformedCommands_areDecided_neverThrown() {
    forEachLog(
        CommandLogs::hostileLog,
        log -> {
          List<CommandStep> deliveries =
              CommandPath.fold(log, 1).steps().stream()
                  .filter(CommandStep.class::isInstance)
                  .map(CommandStep.class::cast)
                  .toList();
          assertThat(deliveries)
              .as("every command of the log delivered once")
              .hasSize(log.entries().size());
          assertThat(deliveries)
              .allSatisfy(c -> assertThat(c.decision()).as("decision on %s", c).isPresent());
        });
  }

  private static void forEachLog(LongFunction<CommandLog> logs, Consumer<CommandLog> property) {
    forEachLog(TRIES, logs, property);
  }

  /**
   * Checks {@code property} on the logs of seeds 0 to {@code tries} - 1. A failure, an assertion or
   * an exception from the code under test, is reported with its seed and log; there is no
   * shrinking.
   */
  private static void forEachLog(
      int tries, LongFunction<CommandLog> logs, Consumer<CommandLog> property) {
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
    return trace.steps().stream()
        .map(s -> s.after().map(st -> CommandPath.sha256(st.toByteArray())).orElse(""))
        .toList();
  }

  private static String kind(Step step) {
    return switch (step) {
      case CommandStep c -> c.kind().name().toLowerCase(java.util.Locale.ROOT);
      case FrameStep f -> f.allApplied() ? "due-applied" : "due-rejected";
    };
  }
}
