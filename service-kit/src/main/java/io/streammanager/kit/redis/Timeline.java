package io.streammanager.kit.redis;

import io.streammanager.proto.CommandRecord;
import io.streammanager.proto.FrameTimes;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RunState;
import io.streammanager.proto.StreamState;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A stream's past as the history and the snapshots in Redis tell it: which version was on air at a
 * time or in a frame of a run, and each run's start, frame rate and end. Reads only (layer-service
 * writes history and snapshots).
 */
public final class Timeline {
  /** How many decisions (newest first) are searched for a run's versions. */
  static final int SEARCH_LIMIT = 10_000;

  /**
   * One run: frame n is presented at {@code startedAt + n / fps}; {@code stopFrame} is the first
   * frame not drawn, or -1 while the run goes on (or when its end is no longer known).
   */
  public record Run(String runId, Instant startedAt, int fps, long stopFrame) {
    public Instant presentationTime(long frame) {
      return FrameTimes.presentationTime(startedAt, fps, frame);
    }

    public long frameAt(Instant t) {
      return FrameTimes.frameAt(startedAt, fps, t);
    }

    static Run of(RunState run, int fps) {
      return new Run(
          run.getRunId(),
          ProtoTime.toInstant(run.getStartedAt()),
          fps,
          run.getRunning() ? -1 : run.getStopFrame());
    }
  }

  private final StateStore store;

  public Timeline(StateStore store) {
    this.store = store;
  }

  /**
   * The snapshot of {@code version}: kept {@link StateStore#SNAPSHOT_TTL}, or the head when it is
   * that version.
   */
  public Optional<StreamState> snapshot(String id, long version) {
    return store.version(id, version);
  }

  /**
   * The version in force at {@code t}: the newest applied (or scheduling) decision at or before it.
   */
  public Optional<Long> versionAt(String id, Instant t) {
    return store.historyBefore(id, ProtoTime.toMicros(t), 50).stream()
        .filter(r -> r.getResult() != CommandRecord.Result.REJECTED && r.getStateVersion() > 0)
        .map(CommandRecord::getStateVersion)
        .findFirst();
  }

  /** The current (or last) run of the stream, from its head. */
  public Optional<Run> currentRun(String id) {
    return store
        .head(id)
        .filter(h -> !h.getRun().getRunId().isEmpty())
        .map(h -> Run.of(h.getRun(), h.getConfig().getFps()));
  }

  /**
   * The run on air at {@code t}: the run whose frames cover it (started at or before {@code t}, not
   * stopped before). Found from the run of the version in force then, or else from the runs of the
   * history, newest first: frame 0's presentation instant is the run's start, which comes a moment
   * before its start decision is recorded.
   */
  public Optional<Run> runAt(String id, Instant t) {
    Optional<StreamState> s = versionAt(id, t).flatMap(v -> snapshot(id, v));
    java.util.Set<String> tried = new java.util.HashSet<>();
    Optional<StreamState> head = store.head(id);
    // one read of the history for every run tried (each run's start and stop come from it)
    List<CommandRecord> newestFirst = store.historyBefore(id, Long.MAX_VALUE / 2, SEARCH_LIMIT);
    if (s.isPresent() && !s.get().getRun().getRunId().isEmpty()) {
      String runId = s.get().getRun().getRunId();
      tried.add(runId);
      Optional<Run> run =
          covering(
              run(id, runId, head, newestFirst)
                  .orElse(Run.of(s.get().getRun(), s.get().getConfig().getFps())),
              t);
      if (run.isPresent()) {
        return run;
      }
    }
    for (CommandRecord r : newestFirst) {
      if (r.getResult() != CommandRecord.Result.REJECTED
          && !r.getRunId().isEmpty()
          && tried.add(r.getRunId())) {
        Optional<Run> run =
            run(id, r.getRunId(), head, newestFirst).flatMap(candidate -> covering(candidate, t));
        if (run.isPresent()) {
          return run;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Run> covering(Run run, Instant t) {
    long frame = run.frameAt(t);
    return frame < 0 || run.stopFrame() >= 0 && frame >= run.stopFrame()
        ? Optional.empty()
        : Optional.of(run);
  }

  /**
   * Run {@code runId}: from the head when it is the head's run, else from the snapshots of its
   * decisions in the history (its end from the snapshot of the decision that followed its last one:
   * the stop).
   */
  public Optional<Run> run(String id, String runId) {
    return headRun(store.head(id), runId)
        .or(
            () ->
                runFromHistory(
                    id, runId, store.historyBefore(id, Long.MAX_VALUE / 2, SEARCH_LIMIT)));
  }

  private Optional<Run> run(
      String id, String runId, Optional<StreamState> head, List<CommandRecord> newestFirst) {
    return headRun(head, runId).or(() -> runFromHistory(id, runId, newestFirst));
  }

  private static Optional<Run> headRun(Optional<StreamState> head, String runId) {
    return head.filter(h -> h.getRun().getRunId().equals(runId))
        .map(h -> Run.of(h.getRun(), h.getConfig().getFps()));
  }

  private Optional<Run> runFromHistory(String id, String runId, List<CommandRecord> newestFirst) {
    CommandRecord after = null;
    for (CommandRecord r : newestFirst) {
      if (r.getResult() == CommandRecord.Result.REJECTED) {
        continue;
      }
      if (runId.equals(r.getRunId())) {
        Optional<StreamState> stopped =
            after == null
                ? Optional.empty()
                : snapshot(id, after.getStateVersion())
                    .filter(s -> s.getRun().getRunId().equals(runId) && !s.getRun().getRunning());
        if (stopped.isPresent()) {
          return Optional.of(Run.of(stopped.get().getRun(), stopped.get().getConfig().getFps()));
        }
        return snapshot(id, r.getStateVersion())
            .map(
                s -> {
                  Run known = Run.of(s.getRun(), s.getConfig().getFps());
                  return new Run(known.runId(), known.startedAt(), known.fps(), -1);
                });
      }
      after = r;
    }
    return Optional.empty();
  }

  /**
   * The version drawn in frame {@code frame} of run {@code runId}: the newest applied before or at
   * that frame.
   */
  public Optional<Long> versionAtFrame(String id, String runId, long frame) {
    return Optional.ofNullable(versions(id, runId).floorEntry(frame))
        .map(java.util.Map.Entry::getValue);
  }

  /**
   * The versions drawn in run {@code runId}: from each key frame on (until the next key), the
   * value's version (the newest non-rejected decision of the run whose first frame is at or before
   * it). One read of the history for a whole range of frames.
   */
  public NavigableMap<Long, Long> versions(String id, String runId) {
    TreeMap<Long, Long> byFirstFrame = new TreeMap<>();
    List<CommandRecord> newestFirst = store.historyBefore(id, Long.MAX_VALUE / 2, SEARCH_LIMIT);
    for (CommandRecord r : newestFirst) {
      if (r.getResult() == CommandRecord.Result.REJECTED || !runId.equals(r.getRunId())) {
        continue;
      }
      byFirstFrame.merge(r.getFirstFrame(), r.getStateVersion(), Math::max);
      if (r.getAction().equals("stream_start") && r.getFirstFrame() == 0) {
        break;
      }
    }
    TreeMap<Long, Long> out = new TreeMap<>();
    long newest = -1;
    for (var e : byFirstFrame.entrySet()) {
      if (e.getValue() > newest) {
        newest = e.getValue();
        out.put(e.getKey(), newest);
      }
    }
    return out;
  }
}
