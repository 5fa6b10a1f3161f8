package io.streammanager.layers;

import io.streammanager.proto.Command;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerPatch;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RunIds;
import io.streammanager.proto.RunState;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applies one command to a stream's state: a pure function of (state, command, offset, now). Every applied change
 * gives a new version; nothing is ever changed in place.
 */
public final class CommandApplier {
  /** The stream the seed's endpoints act on; created on first use with the configured defaults. */
  public static final String DEFAULT_STREAM = "default";

  private final StreamConfig defaultConfig;

  public CommandApplier(StreamConfig defaultConfig) {
    this.defaultConfig = defaultConfig;
  }

  public Outcome apply(Optional<StreamState> current, Command cmd, long offset, Instant now) {
    String streamId = cmd.getStreamId();
    StreamState base;
    if (current.isPresent()) {
      base = current.get();
      if (cmd.hasStreamCreate()) {
        return new Outcome.Rejected("/id", "stream '" + streamId + "' already exists");
      }
    } else if (cmd.hasStreamCreate()) {
      Optional<Outcome.Rejected> bad = StreamConfigRules.check(cmd.getStreamCreate().getConfig());
      if (bad.isPresent()) {
        return bad.get();
      }
      base = StreamState.newBuilder().setStreamId(streamId).setConfig(cmd.getStreamCreate().getConfig()).build();
    } else if (DEFAULT_STREAM.equals(streamId)) {
      base = StreamState.newBuilder().setStreamId(streamId).setConfig(defaultConfig).build();
    } else {
      return new Outcome.Rejected("/streamId", "stream '" + streamId + "' does not exist");
    }

    StreamState.Builder next = base.toBuilder();
    switch (cmd.getActionCase()) {
      case STREAM_CREATE -> { /* config set above */ }
      case STREAM_UPDATE -> {
        StreamConfig config = cmd.getStreamUpdate().getConfig();
        Optional<Outcome.Rejected> bad = StreamConfigRules.check(config)
            .or(() -> base.getRun().getRunning() ? StreamConfigRules.checkLiveChange(base.getConfig(), config)
                : Optional.empty());
        if (bad.isPresent()) {
          return bad.get();
        }
        next.setConfig(config);
      }
      case STREAM_START -> {
        if (base.getRun().getRunning()) {
          return new Outcome.Applied(base, false);
        }
        next.setRun(RunState.newBuilder().setRunning(true).setRunId(RunIds.of(now, offset))
            .setStartedAt(ProtoTime.of(now)));
      }
      case STREAM_STOP -> {
        if (!base.getRun().getRunning()) {
          return new Outcome.Applied(base, false);
        }
        long frame = FrameClock.frameAt(base.getRun(), base.getConfig().getFps(), now);
        next.setRun(base.getRun().toBuilder().setRunning(false).setStopFrame(Math.max(0, frame + 1)));
      }
      case LAYER_UPSERT -> {
        Layer layer = cmd.getLayerUpsert().getLayer();
        Optional<Outcome.Rejected> bad = LayerRules.check(layer);
        if (bad.isPresent()) {
          return bad.get();
        }
        upsert(next, layer);
      }
      case LAYER_PATCH -> {
        LayerPatch patch = cmd.getLayerPatch();
        int index = indexOf(base.getLayersList(), patch.getLayer().getId());
        if (index < 0) {
          return new Outcome.Rejected("/id", "layer '" + patch.getLayer().getId() + "' does not exist");
        }
        Layer patched = LayerPatcher.patch(base.getLayers(index), patch);
        Optional<Outcome.Rejected> bad = LayerRules.check(patched);
        if (bad.isPresent()) {
          return bad.get();
        }
        next.setLayers(index, patched);
      }
      case LAYER_REMOVE -> {
        int index = indexOf(base.getLayersList(), cmd.getLayerRemove().getLayerId());
        if (index < 0) {
          return new Outcome.Rejected("/id", "layer '" + cmd.getLayerRemove().getLayerId() + "' does not exist");
        }
        next.removeLayers(index);
      }
      case ACTION_NOT_SET -> {
        return new Outcome.Rejected("/action", "the command has no action");
      }
      default -> {
        return new Outcome.Rejected("/action", "unsupported action " + cmd.getActionCase());
      }
    }
    next.setVersion(base.getVersion() + 1).setLastCommandOffset(offset).setLastCommandId(cmd.getCommandId())
        .setUpdatedAt(ProtoTime.of(now));
    return new Outcome.Applied(next.build(), true);
  }

  private static void upsert(StreamState.Builder state, Layer layer) {
    int index = indexOf(state.getLayersList(), layer.getId());
    if (index >= 0) {
      state.setLayers(index, layer);
    } else {
      state.addLayers(layer);
    }
  }

  private static int indexOf(List<Layer> layers, String id) {
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).getId().equals(id)) {
        return i;
      }
    }
    return -1;
  }
}
