package io.streammanager.layers;

import io.streammanager.kit.frames.FramePatches;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Tick;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits one tick per frame for every live stream, at the stream's fps. Frame numbers come from the
 * clock and the run's start time, never from a counter, so a restarted service resumes at the right
 * frame. Before each frame the {@link FrameHook} may apply scheduled commands, so a change
 * scheduled for frame n is in frame n exactly. After a stop, the frames up to the stop frame are
 * emitted, then one end-of-stream tick.
 *
 * <p>One lock, shared with the command processor, orders every state change and every tick: no
 * change is half-seen and there is no lock order to get wrong.
 */
public final class TickScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TickScheduler.class);

  /**
   * Further behind than this, frames are skipped rather than emitted late (the encoder could not
   * use them).
   */
  private static final int MAX_CATCH_UP_SECONDS = 2;

  /** Runs before a frame is emitted; returns the state to draw it from. */
  @FunctionalInterface
  public interface FrameHook {
    StreamState beforeFrame(StreamState state, long frame, Instant presentationTime);
  }

  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final Consumer<Tick> sink;
  private final ReentrantLock lock;
  private volatile FrameHook hook = (s, f, t) -> s;
  private final Map<String, Runner> runners = new ConcurrentHashMap<>();

  public TickScheduler(
      ScheduledExecutorService executor, Clock clock, Consumer<Tick> sink, ReentrantLock lock) {
    this.executor = executor;
    this.clock = clock;
    this.sink = sink;
    this.lock = lock;
  }

  public TickScheduler(ScheduledExecutorService executor, Clock clock, Consumer<Tick> sink) {
    this(executor, clock, sink, new ReentrantLock());
  }

  public void hook(FrameHook h) {
    this.hook = h;
  }

  /**
   * Takes the stream's newest state, just applied here: starts, retargets or winds down its ticks.
   */
  public void update(StreamState state) {
    update(state, false);
  }

  /**
   * Takes over a stream whose state another instance (or this one before a restart) applied: a live
   * run resumes at the frame now due, whatever its age, since its earlier frames were emitted
   * already.
   */
  public void resume(StreamState state) {
    update(state, true);
  }

  private void update(StreamState state, boolean resumed) {
    lock.lock();
    try {
      String id = state.getStreamId();
      Runner runner = runners.get(id);
      if (runner != null && runner.state.getRun().getRunId().equals(state.getRun().getRunId())) {
        runner.state = state;
        return;
      }
      if (!state.getRun().getRunning()) {
        return;
      }
      if (runner != null) {
        // A new run while the old one winds down (stop and start in one batch): the old run ends
        // properly first.
        runner.finishNow();
        runners.remove(id, runner);
      }
      Runner fresh = new Runner(state, resumed);
      runners.put(id, fresh);
      long periodNanos = 1_000_000_000L / Math.max(1, state.getConfig().getFps());
      fresh.future = executor.scheduleAtFixedRate(fresh::run, 0, periodNanos, TimeUnit.NANOSECONDS);
      LOG.info(
          "stream {} run {} ticking at {} fps from frame {}",
          id,
          state.getRun().getRunId(),
          state.getConfig().getFps(),
          fresh.nextFrame);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The stream is gone (deleted): a stopped run still winding down emits its last frames and its
   * end-of-stream tick at once, so the encoder closes the recording; then the stream is forgotten.
   */
  public void end(String streamId) {
    Runner r = runners.remove(streamId);
    if (r != null) {
      r.finishNow();
    }
  }

  /**
   * Stops ticking the stream without an end of stream (its partition moved: another instance goes
   * on).
   */
  public void forget(String streamId) {
    Runner r = runners.remove(streamId);
    if (r != null) {
      r.cancel();
    }
  }

  /** The newest frame emitted for the stream, or -1. */
  public long currentFrame(String streamId) {
    Runner r = runners.get(streamId);
    return r == null ? -1 : r.nextFrame - 1;
  }

  /**
   * The first frame a change made now will be in: the next frame to emit (0 when the stream does
   * not tick).
   */
  public long nextFrame(String streamId) {
    Runner r = runners.get(streamId);
    return r == null ? 0 : r.nextFrame;
  }

  /** True while the stream has a run whose frames are (still) being emitted. */
  public boolean ticking(String streamId) {
    return runners.containsKey(streamId);
  }

  public int liveStreams() {
    return runners.size();
  }

  @Override
  public void close() {
    runners.values().forEach(Runner::cancel);
    runners.clear();
  }

  private final class Runner {
    volatile StreamState state;
    volatile long nextFrame;
    volatile ScheduledFuture<?> future;
    private boolean done;

    /**
     * The last whole-second frame this runner emitted and its version (frames up to a second later
     * patch it).
     */
    private long baseFrame = -1;

    private long baseVersion;

    Runner(StreamState state, boolean resumed) {
      this.state = state;
      int fps = Math.max(1, state.getConfig().getFps());
      long due = Math.max(0, FrameClock.frameAt(state.getRun(), fps, clock.instant()));
      // A run just started here begins at frame 0 even when its first tick comes a frame or more
      // after the start instant on a busy machine (no frame of a run may be missing; a start
      // applied over a second late is resumed, its past is not replayed); a run taken over (a
      // restarted layer-service, a partition that moved here) resumes at the frame now due: its
      // earlier frames were emitted already.
      this.nextFrame = !resumed && due < fps ? 0 : due;
    }

    void run() {
      if (emitDue()) {
        runners.remove(state.getStreamId(), this);
        cancel();
      }
    }

    /** Emits the frames that are due; true once the run is over. */
    private boolean emitDue() {
      lock.lock();
      try {
        if (done) {
          return false;
        }
        StreamState s = state;
        int fps = s.getConfig().getFps();
        long due = FrameClock.frameAt(s.getRun(), fps, clock.instant());
        if (s.getRun().getRunning() && due - nextFrame > (long) fps * MAX_CATCH_UP_SECONDS) {
          LOG.warn(
              "stream {} is {} frames behind; skipping to frame {}",
              s.getStreamId(),
              due - nextFrame,
              due);
          nextFrame = due;
        }
        while (nextFrame <= due) {
          s =
              hook.beforeFrame(
                  state, nextFrame, FrameClock.presentationTime(s.getRun(), fps, nextFrame));
          if (!s.getRun().getRunning() && nextFrame >= s.getRun().getStopFrame()) {
            break;
          }
          sink.accept(tick(s, nextFrame, false));
          nextFrame++;
        }
        if (!s.getRun().getRunning() && nextFrame >= s.getRun().getStopFrame()) {
          done = true;
          sink.accept(tick(s, nextFrame, true));
          LOG.info(
              "stream {} run {} stopped at frame {}",
              s.getStreamId(),
              s.getRun().getRunId(),
              nextFrame);
          return true;
        }
      } catch (RuntimeException e) {
        LOG.error("tick of stream {} failed: {}", state.getStreamId(), e.toString(), e);
      } finally {
        lock.unlock();
      }
      return false;
    }

    /**
     * Emits what is left of a stopped run up to its stop frame, then its end-of-stream tick;
     * cancels the rest.
     */
    void finishNow() {
      lock.lock();
      try {
        StreamState s = state;
        cancel();
        if (done || s.getRun().getRunning()) {
          return;
        }
        done = true;
        while (nextFrame < s.getRun().getStopFrame()) {
          sink.accept(tick(s, nextFrame, false));
          nextFrame++;
        }
        sink.accept(tick(s, nextFrame, true));
        LOG.info(
            "stream {} run {} stopped at frame {}",
            s.getStreamId(),
            s.getRun().getRunId(),
            nextFrame);
      } finally {
        lock.unlock();
      }
    }

    private Tick tick(StreamState s, long frame, boolean endOfStream) {
      int fps = s.getConfig().getFps();
      Instant pts = FrameClock.presentationTime(s.getRun(), fps, frame);
      Tick.Builder t =
          Tick.newBuilder()
              .setStreamId(s.getStreamId())
              .setRunId(s.getRun().getRunId())
              .setFrame(frame)
              .setPresentationTime(ProtoTime.of(pts))
              .setStateVersion(s.getVersion())
              .setEndOfStream(endOfStream)
              .setEmittedAt(ProtoTime.of(clock.instant()))
              .setCommandId(s.getLastCommandId());
      // Workers may send a frame as a patch of the run's last whole-second frame: only when this
      // runner emitted that frame itself and knows the version it was drawn from (not in the first
      // second after a takeover).
      long base = FramePatches.baseOf(frame, fps);
      if (base == frame) {
        baseFrame = frame;
        baseVersion = s.getVersion();
      } else if (base == baseFrame && !endOfStream) {
        t.setBaseFrame(baseFrame).setBaseStateVersion(baseVersion);
      }
      if (s.hasUpdatedAt()) {
        t.setStateAppliedAt(s.getUpdatedAt());
      }
      if (s.hasLastCommandIssuedAt()) {
        t.setCommandIssuedAt(s.getLastCommandIssuedAt());
      }
      return t.build();
    }

    void cancel() {
      if (future != null) {
        future.cancel(false);
      }
    }
  }
}
