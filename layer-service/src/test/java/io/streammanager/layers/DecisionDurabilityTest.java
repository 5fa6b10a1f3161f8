package io.streammanager.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streammanager.proto.Command;
import io.streammanager.proto.CommandRecord;
import io.streammanager.proto.LayerUpsert;
import io.streammanager.proto.StreamCreate;
import io.streammanager.proto.StreamState;
import org.junit.jupiter.api.Test;

/**
 * A command is decided for good (its position moves) only once the broker acknowledged its
 * decision, which {@code replay rebuild} needs: when the decision log is away, the position stays
 * and the consumer's retry, finding the state stored already, sends the decision again rather than
 * losing it or applying the command twice.
 */
class DecisionDurabilityTest {
  private static final String STREAM = "show";

  @Test
  void aDecisionTheBrokerDidNotTake_keepsThePosition_andIsSentAgainOnTheRetry() {
    CommandPath path = CommandPath.fresh(STREAM);
    path.deliver(0, command("create").setStreamCreate(create()).build());
    Command upsert = command("box").setLayerUpsert(box()).build();

    path.decisionLogAway(true);
    assertThatThrownBy(() -> path.deliver(1, upsert))
        .hasMessageContaining("was not acknowledged by Kafka; its position does not move")
        .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    StreamState stored = path.store().head(STREAM).orElseThrow();
    assertThat(stored.getLastCommandOffset()).as("the state is stored").isEqualTo(1);
    assertThat(path.store().position(STREAM)).contains(CommandPath.COMMAND_LOG_ID + ":0");

    path.decisionLogAway(false);
    path.deliver(1, upsert);

    assertThat(path.decisionLog())
        .extracting(CommandRecord::getOffset, CommandRecord::getCommandId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0L, "create"),
            org.assertj.core.groups.Tuple.tuple(1L, "box"));
    assertThat(path.store().head(STREAM)).contains(stored);
    assertThat(path.store().position(STREAM)).contains(CommandPath.COMMAND_LOG_ID + ":1");
  }

  @Test
  void aDecisionTheBrokerTook_movesThePosition_andARedeliveryIsSkipped() {
    CommandPath path = CommandPath.fresh(STREAM);
    path.deliver(0, command("create").setStreamCreate(create()).build());
    Command upsert = command("box").setLayerUpsert(box()).build();
    path.deliver(1, upsert);

    CommandPath.CommandStep again = path.deliver(1, upsert);

    assertThat(again.kind()).isEqualTo(CommandPath.Kind.SKIPPED);
    assertThat(path.decisionLog()).extracting(CommandRecord::getOffset).containsExactly(0L, 1L);
  }

  @Test
  void aRejectionTheBrokerDidNotTake_isSentAgainByTheNextOwner_notDecidedTwice() {
    CommandPath path = CommandPath.fresh(STREAM);
    Command remove =
        command("ghost")
            .setLayerRemove(io.streammanager.proto.LayerRemove.newBuilder().setLayerId("nope"))
            .build();
    decidedButNotTaken(path, remove);

    CommandPath next = path.restarted();
    next.deliver(1, remove);

    assertThat(next.decisionLog())
        .extracting(CommandRecord::getOffset, CommandRecord::getResult)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, CommandRecord.Result.REJECTED));
    assertThat(next.store().recentHistory(STREAM, 10))
        .as("one decision of offset 1 in the history")
        .extracting(CommandRecord::getOffset)
        .containsExactly(1L, 0L);
    assertThat(next.store().position(STREAM)).contains(CommandPath.COMMAND_LOG_ID + ":1");
  }

  @Test
  void aDeleteTheBrokerDidNotTake_isSentAgainOnTheRetry_notRejectedAsAMissingStream() {
    CommandPath path = CommandPath.fresh(STREAM);
    Command delete = delete();
    decidedButNotTaken(path, delete);
    assertThat(path.store().head(STREAM)).as("deleted").isEmpty();

    path.deliver(1, delete);

    assertThat(path.decisionLog())
        .extracting(CommandRecord::getOffset, CommandRecord::getResult)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0L, CommandRecord.Result.APPLIED),
            org.assertj.core.groups.Tuple.tuple(1L, CommandRecord.Result.APPLIED));
    assertThat(path.store().position(STREAM)).contains(CommandPath.COMMAND_LOG_ID + ":1");
  }

  @Test
  void aDeleteWhoseAcknowledgementKeepsFailing_isGivenUpAsDeleted_notAsCouldNotApply() {
    CommandPath path = CommandPath.fresh(STREAM);
    Command delete = delete();
    decidedButNotTaken(path, delete);

    path.refuse(1, delete, "the decision log timed out");

    assertThat(path.store().recentHistory(STREAM, 10))
        .extracting(CommandRecord::getOffset, CommandRecord::getResult)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, CommandRecord.Result.APPLIED),
            org.assertj.core.groups.Tuple.tuple(0L, CommandRecord.Result.APPLIED));
    assertThat(path.decisionLog())
        .extracting(CommandRecord::getOffset, CommandRecord::getResult)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0L, CommandRecord.Result.APPLIED),
            org.assertj.core.groups.Tuple.tuple(1L, CommandRecord.Result.APPLIED));
    assertThat(path.store().position(STREAM)).contains(CommandPath.COMMAND_LOG_ID + ":1");
  }

  /**
   * The stream created at offset 0, then {@code cmd} decided at offset 1 while the decision log
   * refused it (the consumer's attempt failed), then the log back.
   */
  private static void decidedButNotTaken(CommandPath path, Command cmd) {
    path.deliver(0, command("create").setStreamCreate(create()).build());
    path.decisionLogAway(true);
    assertThatThrownBy(() -> path.deliver(1, cmd))
        .hasMessageContaining("was not acknowledged by Kafka; its position does not move");
    path.decisionLogAway(false);
  }

  private static Command delete() {
    return command("delete")
        .setStreamDelete(io.streammanager.proto.StreamDelete.getDefaultInstance())
        .build();
  }

  private static StreamCreate create() {
    return CommandLogs.createWithDefaults();
  }

  private static LayerUpsert box() {
    return CommandLogs.redBox();
  }

  private static Command.Builder command(String id) {
    return CommandLogs.command(STREAM, id);
  }
}
