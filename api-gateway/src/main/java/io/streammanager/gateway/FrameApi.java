package io.streammanager.gateway;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.streammanager.gateway.json.FieldProblem;
import io.streammanager.gateway.json.LayerCodec;
import io.streammanager.kit.frames.FrameChecksum;
import io.streammanager.kit.redis.AiredFrames;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.kit.redis.Timeline;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Tick;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/streams/{id}/frame.png?at=<ISO time | frame:N>[&run=<run id>]}: a past frame
 * drawn again by the render-worker pool from the version that was on air in it ({@link Timeline}),
 * as PNG, with the checksum of the drawn YUV and whether it equals the checksum of the frame the
 * encoder aired ({@link AiredFrames}).
 */
final class FrameApi {
  static final HeaderName FRAME_NUMBER = HeaderNames.create("X-Frame-Number");
  static final HeaderName STATE_VERSION = HeaderNames.create("X-State-Version");
  static final HeaderName RUN_ID = HeaderNames.create("X-Run-Id");
  static final HeaderName FRAME_TIME = HeaderNames.create("X-Frame-Time");
  static final HeaderName CHECKSUM = HeaderNames.create("X-Frame-Checksum");
  static final HeaderName CHECKSUM_MATCH = HeaderNames.create("X-Frame-Checksum-Match");
  static final HeaderName AIRED_CHECKSUM = HeaderNames.create("X-Aired-Checksum");
  private static final Pattern FRAME = Pattern.compile("frame:(\\d{1,15})");
  private static final Pattern RUN = Pattern.compile("[A-Za-z0-9._-]{1,80}");

  private final StateStore store;
  private final Timeline timeline;
  private final AiredFrames.Reader aired;
  private final FrameJobs jobs;
  private final Clock clock;
  private final Duration timeout;

  /**
   * Frames being drawn for callers of this gateway at once. Render jobs share the render workers'
   * CPU with live frames: beyond this many, a caller gets 429 with Retry-After at once instead of
   * queueing work nobody waits for.
   */
  static final int MAX_IN_FLIGHT = 8;

  private final java.util.concurrent.Semaphore inFlight =
      new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);

  FrameApi(
      StateStore store, AiredFrames.Reader aired, FrameJobs jobs, Clock clock, Duration timeout) {
    this.store = store;
    this.timeline = new Timeline(store);
    this.aired = aired;
    this.jobs = jobs;
    this.clock = clock;
    this.timeout = timeout;
  }

  void routing(Routes r) {
    r.get("/api/streams/{id}/frame.png", this::frame);
  }

  /** Where a request points: a run and a frame of it. */
  private record Target(Timeline.Run run, long frame) {}

  void frame(ServerRequest req, ServerResponse res) throws InterruptedException {
    String id = StreamsApi.param(req, "id");
    if (!LayerCodec.ID.matcher(id).matches()
        || !store.exists(id) && store.historyBefore(id, Long.MAX_VALUE / 2, 1).isEmpty()) {
      Http.notFound(res, "no stream '" + id + "'");
      return;
    }
    String at = req.query().first("at").asOptional().orElse("");
    Optional<String> runId = req.query().first("run").asOptional();
    Optional<Target> target = target(id, at, runId, res);
    if (target.isEmpty()) {
      return;
    }
    Timeline.Run run = target.get().run();
    long frame = target.get().frame();
    if (run.stopFrame() >= 0 && frame >= run.stopFrame()) {
      unprocessable(
          res,
          "run "
              + run.runId()
              + " ended before frame "
              + frame
              + " (its last frame is "
              + (run.stopFrame() - 1)
              + ")");
      return;
    }
    long now = run.frameAt(clock.instant());
    if (run.stopFrame() < 0 && frame > now) {
      unprocessable(
          res,
          "frame "
              + frame
              + " of run "
              + run.runId()
              + " is not drawn yet (the run is at frame "
              + now
              + ")");
      return;
    }
    Optional<Long> version = timeline.versionAtFrame(id, run.runId(), frame);
    Optional<StreamState> state = version.flatMap(v -> timeline.snapshot(id, v));
    if (state.isEmpty()) {
      Http.notFound(
          res,
          "frame "
              + frame
              + " of run "
              + run.runId()
              + " cannot be drawn again: "
              + (version.isEmpty()
                  ? "the history has no version for it"
                  : "its version "
                      + version.get()
                      + " is not kept (snapshots are kept "
                      + StateStore.SNAPSHOT_TTL.toHours()
                      + " h)"));
      return;
    }
    Instant pts = run.presentationTime(frame);
    Tick tick =
        Tick.newBuilder()
            .setStreamId(id)
            .setRunId(run.runId())
            .setFrame(frame)
            .setPresentationTime(ProtoTime.of(pts))
            .setStateVersion(version.get())
            .setEmittedAt(ProtoTime.of(clock.instant()))
            .build();
    Optional<FrameJobs.Rendered> rendered;
    if (!inFlight.tryAcquire()) {
      res.header(HeaderNames.RETRY_AFTER, "1");
      Problems.send(
          res,
          Status.TOO_MANY_REQUESTS_429,
          "render-busy",
          "Too many frames being drawn",
          MAX_IN_FLIGHT
              + " frames are being drawn for callers of this gateway already (render jobs share the render"
              + " workers with live streams); retry in a second",
          List.of());
      return;
    }
    try {
      rendered = jobs.render(tick, timeout);
    } catch (ExecutionException e) {
      Problems.send(
          res,
          Status.SERVICE_UNAVAILABLE_503,
          "render-unavailable",
          "Render job not sent",
          "the render job could not be published: " + e.getCause() + "; retry",
          List.of());
      return;
    } finally {
      inFlight.release();
    }
    if (rendered.isEmpty()) {
      Problems.send(
          res,
          Status.SERVICE_UNAVAILABLE_503,
          "render-timeout",
          "Render timed out",
          "no render worker drew frame " + frame + " within " + timeout.toSeconds() + " s; retry",
          List.of());
      return;
    }
    FrameJobs.Rendered f = rendered.get();
    String checksum = FrameChecksum.of(f.yuv());
    Optional<String> airedChecksum = aired.checksum(id, run.runId(), frame);
    res.status(Status.OK_200);
    res.header(HeaderNames.CONTENT_TYPE, "image/png");
    res.header(FRAME_NUMBER, Long.toString(frame));
    res.header(STATE_VERSION, Long.toString(version.get()));
    res.header(RUN_ID, run.runId());
    res.header(FRAME_TIME, pts.toString());
    res.header(CHECKSUM, checksum);
    res.header(
        CHECKSUM_MATCH,
        airedChecksum.map(a -> Boolean.toString(a.equals(checksum))).orElse("unknown"));
    airedChecksum.ifPresent(a -> res.header(AIRED_CHECKSUM, a));
    res.send(YuvToRgb.png(f.yuv(), f.header().getWidth(), f.header().getHeight()));
  }

  private Optional<Target> target(
      String id, String at, Optional<String> runId, ServerResponse res) {
    if (runId.isPresent() && !RUN.matcher(runId.get()).matches()) {
      Problems.invalid(
          res,
          "Invalid frame query",
          List.of(
              new FieldProblem(
                  "/run",
                  "run must be a run id (as in the history's runId), was '" + runId.get() + "'")));
      return Optional.empty();
    }
    Matcher f = FRAME.matcher(at);
    Instant t = null;
    if (!f.matches()) {
      try {
        t = Instant.parse(at);
      } catch (DateTimeParseException e) {
        Problems.invalid(
            res,
            "Invalid frame query",
            List.of(
                new FieldProblem(
                    "/at",
                    "at must be an ISO-8601 time "
                        + "(2026-11-26T14:03:22.500Z) or frame:N, was '"
                        + at
                        + "'")));
        return Optional.empty();
      }
    }
    Optional<Timeline.Run> run =
        runId.isPresent()
            ? timeline.run(id, runId.get())
            : t == null ? timeline.currentRun(id) : timeline.runAt(id, t);
    if (run.isEmpty()) {
      Http.notFound(
          res,
          runId.isPresent()
              ? "stream '" + id + "' has no run '" + runId.get() + "' in its history"
              : t == null
                  ? "stream '" + id + "' has never been live"
                  : "no run of stream '" + id + "' was on air at " + t);
      return Optional.empty();
    }
    if (t == null) {
      return Optional.of(new Target(run.get(), Long.parseLong(f.group(1))));
    }
    long frame = run.get().frameAt(t);
    if (frame < 0) {
      unprocessable(
          res,
          t + " is before run " + run.get().runId() + " started (" + run.get().startedAt() + ")");
      return Optional.empty();
    }
    return Optional.of(new Target(run.get(), frame));
  }

  private static void unprocessable(ServerResponse res, String detail) {
    Problems.send(
        res,
        Status.UNPROCESSABLE_CONTENT_422,
        "frame-out-of-range",
        "Frame out of range",
        detail,
        List.of(new FieldProblem("/at", detail)));
  }
}
