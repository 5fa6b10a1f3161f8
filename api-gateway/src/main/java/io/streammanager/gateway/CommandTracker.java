package io.streammanager.gateway;

import io.streammanager.proto.Command;
import io.streammanager.proto.Layer;
import io.streammanager.proto.RejectionCode;
import io.streammanager.proto.StreamEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What became of each command this gateway sent (and any it hears of): pending, applied with a
 * version, or rejected with a reason. Backs {@code GET /api/commands/{id}} and {@code ?wait=true}.
 * Keeps the newest 10,000.
 */
final class CommandTracker {
  /** The decision on a command. */
  record Decision(
      String commandId,
      String streamId,
      boolean applied,
      long stateVersion,
      RejectionCode code,
      String field,
      String reason,
      boolean scheduled) {}

  private static final int KEEP = 10_000;
  private final Map<String, Decision> decided =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Decision> eldest) {
              return size() > KEEP;
            }
          });
  private final Map<String, CompletableFuture<Decision>> waiting = new ConcurrentHashMap<>();
  private final Map<String, String> pendingStream =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
              return size() > KEEP;
            }
          });

  /** Stream id to the command creating it, while that command is undecided. */
  private final Map<String, String> creating = new ConcurrentHashMap<>();

  /**
   * Layers this gateway's undecided commands create or replace ("stream/layer" to the command and
   * the layer), so a PATCH or DELETE sent right after a POST answered 202 follows it instead of
   * being answered 404.
   */
  private record PendingLayer(String commandId, Layer layer) {}

  private final Map<String, PendingLayer> upserting =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PendingLayer> eldest) {
              return size() > KEEP;
            }
          });

  /** Called before the command is published, so its decision cannot be missed. */
  CompletableFuture<Decision> expect(String commandId, String streamId, Command.Builder command) {
    pendingStream.put(commandId, streamId);
    if (command.hasStreamCreate()) {
      creating.put(streamId, commandId);
    }
    upserted(command)
        .forEach(l -> upserting.put(streamId + "/" + l.getId(), new PendingLayer(commandId, l)));
    return waiting.computeIfAbsent(commandId, id -> new CompletableFuture<>());
  }

  private static List<Layer> upserted(Command.Builder command) {
    return switch (command.getActionCase()) {
      case LAYER_UPSERT -> List.of(command.getLayerUpsert().getLayer());
      case LAYER_PATCH -> List.of(command.getLayerPatch().getLayer());
      case BATCH ->
          command.getBatch().getOperationsList().stream()
              .map(
                  o ->
                      o.hasUpsert()
                          ? o.getUpsert().getLayer()
                          : o.hasPatch() ? o.getPatch().getLayer() : null)
              .filter(java.util.Objects::nonNull)
              .toList();
      default -> List.of();
    };
  }

  /**
   * The layer as this gateway's newest undecided upsert or patch of it leaves it, if there is one.
   */
  Optional<Layer> layerBeingWritten(String streamId, String layerId) {
    return Optional.ofNullable(upserting.get(streamId + "/" + layerId)).map(PendingLayer::layer);
  }

  private void settled(String commandId) {
    pendingStream.remove(commandId);
    creating.values().remove(commandId);
    synchronized (upserting) {
      upserting.values().removeIf(p -> p.commandId().equals(commandId));
    }
  }

  /** Nobody waits for this command's decision any more (it is still tracked). */
  void forget(String commandId) {
    waiting.remove(commandId);
  }

  /** The command was never stored: nothing will decide it. */
  void abandon(String commandId) {
    waiting.remove(commandId);
    settled(commandId);
  }

  /**
   * True while this gateway's create of the stream is undecided: commands sent for it now are keyed
   * by the stream, so they follow the create on its partition and may be accepted rather than
   * answered 404.
   */
  boolean beingCreated(String streamId) {
    return creating.containsKey(streamId);
  }

  void accept(StreamEvent event) {
    Decision d =
        switch (event.getKindCase()) {
          case COMMAND_APPLIED ->
              new Decision(
                  event.getCommandApplied().getCommandId(),
                  event.getStreamId(),
                  true,
                  event.getCommandApplied().getStateVersion(),
                  RejectionCode.REJECTION_CODE_UNSPECIFIED,
                  "",
                  "",
                  event.getCommandApplied().getScheduled());
          case COMMAND_REJECTED ->
              new Decision(
                  event.getCommandRejected().getCommandId(),
                  event.getStreamId(),
                  false,
                  0,
                  event.getCommandRejected().getCode(),
                  event.getCommandRejected().getField(),
                  event.getCommandRejected().getReason(),
                  false);
          default -> null;
        };
    if (d == null) {
      return;
    }
    decided.put(d.commandId(), d);
    settled(d.commandId());
    CompletableFuture<Decision> w = waiting.remove(d.commandId());
    if (w != null) {
      w.complete(d);
    }
  }

  Optional<Decision> decision(String commandId) {
    return Optional.ofNullable(decided.get(commandId));
  }

  /** The stream of a command sent but not yet decided. */
  Optional<String> pending(String commandId) {
    return Optional.ofNullable(pendingStream.get(commandId));
  }
}
