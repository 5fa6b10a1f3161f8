package io.streammanager.layers;

import io.streammanager.kit.config.Limits;
import io.streammanager.proto.At;
import io.streammanager.proto.BatchOperation;
import io.streammanager.proto.Command;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerPatch;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RejectionCode;
import io.streammanager.proto.RunIds;
import io.streammanager.proto.RunState;
import io.streammanager.proto.ScheduledCommand;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies one command to a stream's state: a pure function of (state, command, offset, now, next
 * frame). Every applied change gives a new version; nothing is ever changed in place. A command
 * with a future {@code at} joins the stream's schedule; {@link #applyDue} applies it in its frame.
 */
public final class CommandApplier {
  /** The stream the seed's endpoints act on; created on first use with the configured defaults. */
  public static final String DEFAULT_STREAM = io.streammanager.proto.StreamIds.DEFAULT;

  private final StreamConfig defaultConfig;
  private final Limits limits;

  public CommandApplier(StreamConfig defaultConfig) {
    this(defaultConfig, Limits.DEFAULTS);
  }

  /**
   * @param limits the quotas and output rules every command is held to (MAX_LAYERS, MAX_OUTPUTS,
   *     ...)
   */
  public CommandApplier(StreamConfig defaultConfig, Limits limits) {
    this.defaultConfig = defaultConfig;
    this.limits = limits;
  }

  /** Whether one more stream fits the deployment (MAX_STREAMS), given how many exist. */
  public Optional<Limits.Problem> admitStream(long existing) {
    return limits.streams(existing);
  }

  /** A scheduled command applied (or refused) in its frame. */
  public record DueResult(StreamState state, List<Applied> results) {
    /** One scheduled command and what became of it. */
    public record Applied(Command command, Outcome outcome) {}
  }

  /**
   * @param nextFrame the first frame that will show a change made now (for tweens and schedules); 0
   *     when stopped
   */
  public Outcome apply(
      Optional<StreamState> current, Command cmd, long offset, Instant now, long nextFrame) {
    String streamId = cmd.getStreamId();
    StreamState base;
    if (current.isPresent()) {
      base = current.get();
      if (cmd.hasStreamCreate()) {
        return Outcome.Rejected.conflict("/id", "stream '" + streamId + "' already exists");
      }
    } else if (cmd.hasStreamCreate()) {
      Optional<Outcome.Rejected> bad =
          StreamConfigRules.check(streamId, cmd.getStreamCreate().getConfig(), limits);
      if (bad.isPresent()) {
        return bad.get();
      }
      base =
          StreamState.newBuilder()
              .setStreamId(streamId)
              .setConfig(cmd.getStreamCreate().getConfig())
              .build();
    } else if (DEFAULT_STREAM.equals(streamId) && !cmd.hasStreamDelete()) {
      base = StreamState.newBuilder().setStreamId(streamId).setConfig(defaultConfig).build();
    } else {
      return Outcome.Rejected.notFound("/streamId", "stream '" + streamId + "' does not exist");
    }
    if (cmd.hasAt() && cmd.getAt().hasTime() && !ProtoTime.isRepresentable(cmd.getAt().getTime())) {
      return new Outcome.Rejected(
          "/at/time", "time must be an instant between years -1000000000 and 1000000000");
    }
    if (cmd.getExpectedVersion() != 0 && cmd.getExpectedVersion() != base.getVersion()) {
      return new Outcome.Rejected(
          RejectionCode.REJECTION_VERSION_MISMATCH,
          "/If-Match",
          "the stream is at version " + base.getVersion() + ", not " + cmd.getExpectedVersion());
    }
    Outcome outcome =
        cmd.hasAt() && !due(cmd.getAt(), base, nextFrame, now)
            ? schedule(base, cmd, offset, now, nextFrame)
            : applyNow(base, cmd, offset, now, nextFrame);
    if (outcome instanceof Outcome.Applied a && a.changed()) {
      Optional<Limits.Problem> big = limits.stateSize(a.state().getSerializedSize());
      if (big.isPresent()) {
        return new Outcome.Rejected(big.get().field(), big.get().message());
      }
    }
    return outcome;
  }

  /**
   * Applies the scheduled commands due in {@code frame} (presented at {@code pts}), in the order
   * they were sent.
   */
  public DueResult applyDue(StreamState state, long frame, Instant pts) {
    List<DueResult.Applied> results = new ArrayList<>();
    StreamState current = state;
    for (ScheduledCommand s : state.getScheduleList()) {
      if (!dueInFrame(s.getCommand().getAt(), state, frame, pts)) {
        continue;
      }
      StreamState without =
          current.toBuilder()
              .clearSchedule()
              .addAllSchedule(
                  current.getScheduleList().stream()
                      .filter(
                          o -> !o.getCommand().getCommandId().equals(s.getCommand().getCommandId()))
                      .toList())
              .build();
      Outcome outcome = applyNow(without, s.getCommand(), s.getOffset(), pts, frame);
      results.add(new DueResult.Applied(s.getCommand(), outcome));
      // Taking a command off the schedule is a change even when the command itself changes nothing.
      // A scheduled change is on time at its frame: it does not count toward the accept-to-air
      // latency.
      current =
          (outcome instanceof Outcome.Applied a && a.changed()
                  ? a.state()
                  : bump(without, s.getCommand(), s.getOffset(), pts))
              .toBuilder().clearLastCommandIssuedAt().build();
    }
    return new DueResult(current, results);
  }

  private Outcome schedule(
      StreamState base, Command cmd, long offset, Instant now, long nextFrame) {
    if (!base.getRun().getRunning()) {
      return new Outcome.Rejected(
          "/at",
          "schedules need a live stream (frame numbers count from its start): start " + "it first");
    }
    if (cmd.hasStreamCreate() || cmd.hasStreamDelete() || cmd.hasScheduleCancel()) {
      return new Outcome.Rejected(
          "/at",
          "only layer changes, batches, stream updates, start and stop can be " + "scheduled");
    }
    Optional<Limits.Problem> full = limits.scheduled(base.getScheduleCount() + 1);
    if (full.isPresent()) {
      return new Outcome.Rejected(full.get().field(), full.get().message());
    }
    // Refuse now what could never apply (unknown layer, bad values), rather than in its frame.
    Outcome dryRun = applyNow(base, cmd.toBuilder().clearAt().build(), offset, now, nextFrame);
    if (dryRun instanceof Outcome.Rejected r) {
      return r;
    }
    StreamState next =
        base.toBuilder()
            .addSchedule(ScheduledCommand.newBuilder().setCommand(cmd).setOffset(offset))
            .build();
    return new Outcome.Applied(bump(next, cmd, offset, now), true);
  }

  private Outcome applyNow(
      StreamState base, Command cmd, long offset, Instant now, long nextFrame) {
    StreamState.Builder next = base.toBuilder();
    int fps = (int) base.getConfig().getFps();
    Transition transition =
        cmd.hasTransition() && base.getRun().getRunning() ? cmd.getTransition() : null;
    switch (cmd.getActionCase()) {
      case STREAM_CREATE -> {
        /* config set by apply */
      }
      case STREAM_UPDATE -> {
        Optional<StreamConfig> merged =
            StreamConfigRules.merge(base.getConfig(), cmd.getStreamUpdate());
        if (merged.isEmpty()) {
          return new Outcome.Rejected(
              "/fields",
              "fields must name StreamConfig fields: "
                  + StreamConfigRules.UPDATABLE
                  + ", were "
                  + cmd.getStreamUpdate().getFieldsList());
        }
        StreamConfig config = merged.get();
        Optional<Outcome.Rejected> bad =
            StreamConfigRules.check(base.getStreamId(), config, limits)
                .or(
                    () ->
                        base.getRun().getRunning()
                            ? StreamConfigRules.checkLiveChange(base.getConfig(), config)
                            : Optional.empty());
        if (bad.isPresent()) {
          return bad.get();
        }
        next.setConfig(config);
      }
      case STREAM_DELETE -> {
        if (base.getRun().getRunning()) {
          return Outcome.Rejected.conflict(
              "/state", "stream '" + base.getStreamId() + "' is live; stop it first");
        }
        return new Outcome.Deleted(base);
      }
      case STREAM_START -> {
        if (base.getRun().getRunning()) {
          return new Outcome.Applied(base, false);
        }
        next.setRun(
            RunState.newBuilder()
                .setRunning(true)
                .setRunId(RunIds.of(now, offset))
                .setStartedAt(ProtoTime.of(now)));
        // Frame numbers start again at 0: movements of the previous run are over.
        for (int i = 0; i < next.getLayersCount(); i++) {
          if (next.getLayers(i).getTweensCount() > 0) {
            next.setLayers(i, next.getLayers(i).toBuilder().clearTweens());
          }
        }
      }
      case STREAM_STOP -> {
        if (!base.getRun().getRunning()) {
          // Changes nothing; on a default stream that does not exist yet the state is version 0,
          // which CommandProcessor never keeps or publishes.
          return new Outcome.Applied(base, false);
        }
        long frame = FrameClock.frameAt(base.getRun(), fps, now);
        next.setRun(
            base.getRun().toBuilder().setRunning(false).setStopFrame(Math.max(0, frame + 1)));
        // The run ends: commands waiting for its frames will never see them (CommandProcessor
        // refuses them).
        next.clearSchedule();
      }
      case LAYER_UPSERT, LAYER_PATCH, LAYER_REMOVE -> {
        Optional<Outcome.Rejected> bad = operate(next, operation(cmd), nextFrame, fps, transition);
        if (bad.isPresent()) {
          return bad.get();
        }
      }
      case BATCH -> {
        if (cmd.getBatch().getOperationsCount() == 0) {
          return new Outcome.Rejected("/operations", "a batch needs at least one operation");
        }
        Optional<Limits.Problem> tooMany = limits.batch(cmd.getBatch().getOperationsCount());
        if (tooMany.isPresent()) {
          return new Outcome.Rejected(tooMany.get().field(), tooMany.get().message());
        }
        for (int i = 0; i < cmd.getBatch().getOperationsCount(); i++) {
          Optional<Outcome.Rejected> bad =
              operate(next, cmd.getBatch().getOperations(i), nextFrame, fps, transition);
          if (bad.isPresent()) {
            return bad.get()
                .within(
                    "/operations/" + i,
                    "operation " + i + ": ",
                    " (nothing in the batch was applied)");
          }
        }
      }
      case SCHEDULE_CANCEL -> {
        String id = cmd.getScheduleCancel().getCommandId();
        List<ScheduledCommand> kept =
            base.getScheduleList().stream()
                .filter(s -> !s.getCommand().getCommandId().equals(id))
                .toList();
        if (kept.size() == base.getScheduleCount()) {
          return Outcome.Rejected.notFound(
              "/commandId", "no pending scheduled command '" + id + "'");
        }
        next.clearSchedule().addAllSchedule(kept);
      }
      case ACTION_NOT_SET -> {
        return new Outcome.Rejected("/action", "the command has no action");
      }
      default -> {
        return new Outcome.Rejected("/action", "unsupported action " + cmd.getActionCase());
      }
    }
    return new Outcome.Applied(bump(next.build(), cmd, offset, now), true);
  }

  private static StreamState bump(StreamState s, Command cmd, long offset, Instant now) {
    StreamState.Builder b =
        s.toBuilder()
            .setVersion(s.getVersion() + 1)
            .setLastCommandOffset(Math.max(offset, s.getLastCommandOffset()))
            .setLastCommandId(cmd.getCommandId())
            .setUpdatedAt(ProtoTime.of(now));
    if (cmd.hasIssuedAt()) {
      b.setLastCommandIssuedAt(cmd.getIssuedAt());
    } else {
      b.clearLastCommandIssuedAt();
    }
    return b.build();
  }

  private static BatchOperation operation(Command cmd) {
    return switch (cmd.getActionCase()) {
      case LAYER_UPSERT -> BatchOperation.newBuilder().setUpsert(cmd.getLayerUpsert()).build();
      case LAYER_PATCH -> BatchOperation.newBuilder().setPatch(cmd.getLayerPatch()).build();
      default -> BatchOperation.newBuilder().setRemove(cmd.getLayerRemove()).build();
    };
  }

  /** One layer change on the state being built; empty when applied. */
  private Optional<Outcome.Rejected> operate(
      StreamState.Builder state,
      BatchOperation op,
      long nextFrame,
      int fps,
      Transition transition) {
    switch (op.getOpCase()) {
      case UPSERT -> {
        Layer layer = op.getUpsert().getLayer();
        Optional<Outcome.Rejected> bad = LayerRules.check(layer, limits);
        if (bad.isPresent()) {
          return bad;
        }
        int index = indexOf(state.getLayersList(), layer.getId());
        if (index >= 0) {
          state.setLayers(
              index, Transitions.apply(state.getLayers(index), layer, nextFrame, fps, transition));
        } else {
          Optional<Limits.Problem> full = limits.layerCount(state.getLayersCount() + 1);
          if (full.isPresent()) {
            return Optional.of(new Outcome.Rejected(full.get().field(), full.get().message()));
          }
          state.addLayers(Transitions.apply(null, layer, nextFrame, fps, transition));
        }
        return Optional.empty();
      }
      case PATCH -> {
        LayerPatch patch = op.getPatch();
        int index = indexOf(state.getLayersList(), patch.getLayer().getId());
        if (index < 0) {
          return Optional.of(
              Outcome.Rejected.notFound(
                  "/id", "layer '" + patch.getLayer().getId() + "' does not exist"));
        }
        Layer current = state.getLayers(index);
        Optional<Outcome.Rejected> bad = LayerPatcher.check(current, patch);
        if (bad.isPresent()) {
          return bad;
        }
        Layer patched = LayerPatcher.patch(current, patch);
        bad = LayerRules.check(patched, limits);
        if (bad.isPresent()) {
          return bad;
        }
        state.setLayers(index, Transitions.apply(current, patched, nextFrame, fps, transition));
        return Optional.empty();
      }
      case REMOVE -> {
        int index = indexOf(state.getLayersList(), op.getRemove().getLayerId());
        if (index < 0) {
          return Optional.of(
              Outcome.Rejected.notFound(
                  "/id", "layer '" + op.getRemove().getLayerId() + "' does not exist"));
        }
        state.removeLayers(index);
        return Optional.empty();
      }
      default -> {
        return Optional.of(
            new Outcome.Rejected("/op", "an operation must be upsert, patch or remove"));
      }
    }
  }

  /** True when a command with this target applies now rather than later. */
  private static boolean due(At at, StreamState base, long nextFrame, Instant now) {
    if (at.hasTime()) {
      Instant target = ProtoTime.toInstant(at.getTime());
      Instant firstShown =
          base.getRun().getRunning()
              ? FrameClock.presentationTime(
                  base.getRun(), (int) base.getConfig().getFps(), nextFrame)
              : now;
      return !target.isAfter(firstShown);
    }
    return base.getRun().getRunning() && at.getFrame() <= nextFrame;
  }

  /**
   * True when a scheduled command takes effect in {@code frame}: the first frame at or after its
   * target.
   */
  private static boolean dueInFrame(At at, StreamState state, long frame, Instant pts) {
    return at.hasTime() ? !ProtoTime.toInstant(at.getTime()).isAfter(pts) : at.getFrame() <= frame;
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
