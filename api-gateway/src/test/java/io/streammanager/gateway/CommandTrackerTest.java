package io.streammanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.BatchOperation;
import io.streammanager.proto.Command;
import io.streammanager.proto.CommandApplied;
import io.streammanager.proto.CommandRejected;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerBatch;
import io.streammanager.proto.LayerPatch;
import io.streammanager.proto.LayerRemove;
import io.streammanager.proto.LayerUpsert;
import io.streammanager.proto.StreamEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandTrackerTest {
  private final CommandTracker tracker = new CommandTracker();

  @Test
  void aLayerUpsertedButUndecided_isKnownUntilLayerServiceDecidesIt() {
    Layer box = Layer.newBuilder().setId("box").setX(10).build();
    tracker.expect(
        "c1", "news", Command.newBuilder().setLayerUpsert(LayerUpsert.newBuilder().setLayer(box)));

    assertThat(tracker.layerBeingWritten("news", "box")).contains(box);
    assertThat(tracker.layerBeingWritten("other", "box")).isEmpty();

    tracker.accept(
        StreamEvent.newBuilder()
            .setStreamId("news")
            .setCommandApplied(CommandApplied.newBuilder().setCommandId("c1").setStateVersion(2))
            .build());
    assertThat(tracker.layerBeingWritten("news", "box")).isEmpty();
  }

  @Test
  void
      theNewestUndecidedWrite_isTheLayerAPatchMergesInto_andARejectionOrAnUnsentCommandForgetsIt() {
    Layer first = Layer.newBuilder().setId("box").setX(10).build();
    Layer patched = first.toBuilder().setX(20).build();
    tracker.expect(
        "c1",
        "news",
        Command.newBuilder().setLayerUpsert(LayerUpsert.newBuilder().setLayer(first)));
    tracker.expect(
        "c2",
        "news",
        Command.newBuilder().setLayerPatch(LayerPatch.newBuilder().setLayer(patched)));
    assertThat(tracker.layerBeingWritten("news", "box")).contains(patched);

    tracker.accept(
        StreamEvent.newBuilder()
            .setStreamId("news")
            .setCommandRejected(CommandRejected.newBuilder().setCommandId("c2").setReason("no"))
            .build());
    assertThat(tracker.layerBeingWritten("news", "box")).isEmpty();

    tracker.expect(
        "c3",
        "news",
        Command.newBuilder().setLayerUpsert(LayerUpsert.newBuilder().setLayer(first)));
    tracker.abandon("c3");
    assertThat(tracker.layerBeingWritten("news", "box")).isEmpty();
  }

  @Test
  void aBatch_makesItsUpsertsAndPatchesKnown_notItsRemoves() {
    Layer a = Layer.newBuilder().setId("a").build();
    Layer b = Layer.newBuilder().setId("b").build();
    tracker.expect(
        "c1",
        "news",
        Command.newBuilder()
            .setBatch(
                LayerBatch.newBuilder()
                    .addOperations(
                        BatchOperation.newBuilder().setUpsert(LayerUpsert.newBuilder().setLayer(a)))
                    .addOperations(
                        BatchOperation.newBuilder().setPatch(LayerPatch.newBuilder().setLayer(b)))
                    .addOperations(
                        BatchOperation.newBuilder()
                            .setRemove(LayerRemove.newBuilder().setLayerId("c")))));

    assertThat(List.of("a", "b", "c").stream().map(id -> tracker.layerBeingWritten("news", id)))
        .containsExactly(Optional.of(a), Optional.of(b), Optional.empty());
  }
}
