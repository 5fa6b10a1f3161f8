package io.streammanager.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.Command;
import io.streammanager.proto.CommandRecord;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerPatch;
import org.junit.jupiter.api.Test;

/**
 * An idempotent command (the client gave an Idempotency-Key, so its id is the same on every
 * gateway) sent again after it was decided, whatever the gateway told the client, is answered with
 * the first decision and applied no second time: one version, one decision in the history.
 */
class IdempotentCommandsTest {
  private static final String STREAM = "show";

  @Test
  void anAppliedCommandSentAgain_isNotAppliedTwice() {
    CommandPath path = CommandPath.fresh(STREAM);
    path.deliver(0, create());
    Command patch = idempotent("key-1").setLayerPatch(patchX(30)).build();
    path.deliver(1, upsert());

    CommandPath.CommandStep first = path.deliver(2, patch);
    CommandPath.CommandStep again = path.deliver(3, patch);

    assertThat(first.kind()).isEqualTo(CommandPath.Kind.APPLIED);
    assertThat(again.kind()).as("no second decision").isEqualTo(CommandPath.Kind.SKIPPED);
    assertThat(again.after()).isEqualTo(first.after());
    assertThat(path.store().decision(patch.getCommandId()))
        .map(CommandRecord::getStateVersion)
        .contains(first.after().orElseThrow().getVersion());
    assertThat(path.store().position(STREAM)).contains(CommandPath.COMMAND_LOG_ID + ":3");
  }

  @Test
  void aRejectedCommandSentAgain_staysRejected_evenWhenItWouldApplyNow() {
    CommandPath path = CommandPath.fresh(STREAM);
    path.deliver(0, create());
    Command patch = idempotent("key-2").setLayerPatch(patchX(30)).build();

    CommandPath.CommandStep first = path.deliver(1, patch);
    path.deliver(2, upsert());
    CommandPath.CommandStep again = path.deliver(3, patch);

    assertThat(first.kind()).as("no layer yet").isEqualTo(CommandPath.Kind.REJECTED);
    assertThat(again.kind()).isEqualTo(CommandPath.Kind.SKIPPED);
    assertThat(again.after().orElseThrow().getLayers(0).getX()).isZero();
  }

  @Test
  void aCommandWithoutAKey_sentAgain_isAnotherCommand() {
    CommandPath path = CommandPath.fresh(STREAM);
    path.deliver(0, create());
    path.deliver(1, upsert());
    Command plain = command("plain").setLayerPatch(patchX(30)).build();

    path.deliver(2, plain);
    CommandPath.CommandStep again = path.deliver(3, plain);

    assertThat(again.decision()).as("decided again").isPresent();
    assertThat(again.kind()).isNotEqualTo(CommandPath.Kind.SKIPPED);
  }

  private static Command create() {
    return command("create").setStreamCreate(CommandLogs.createWithDefaults()).build();
  }

  private static Command upsert() {
    return command("upsert").setLayerUpsert(CommandLogs.redBox()).build();
  }

  private static LayerPatch.Builder patchX(double x) {
    return LayerPatch.newBuilder().setLayer(Layer.newBuilder().setId("box").setX(x)).addFields("x");
  }

  private static Command.Builder idempotent(String id) {
    return command(id).setIdempotent(true);
  }

  private static Command.Builder command(String id) {
    return CommandLogs.command(STREAM, id);
  }
}
