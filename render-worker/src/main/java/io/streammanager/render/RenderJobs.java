package io.streammanager.render;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streammanager.kit.kafka.Publisher;
import io.streammanager.kit.kafka.RecordRejectedException;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.Tick;
import io.streammanager.proto.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Render jobs: past frames drawn on demand ({@code sm.jobs.ticks} in, {@code sm.jobs.frames} out,
 * both keyed by job id), by the same code as live frames. Each job frame is drawn from scratch
 * ({@link ScratchFrames}) with this consumer's own caches: no cache, base or last frame of a live
 * stream is touched, and a job's frame equals the live one of the same (snapshot version, frame,
 * presentation time). Runs on the jobs consumer thread only.
 */
final class RenderJobs {
  /** A job tick older than this is not drawn: whoever asked has given up. */
  static final Duration STALE_AFTER = Duration.ofSeconds(30);

  private final ScratchFrames frames;
  private final Publisher publisher;
  private final Clock clock;
  private final String workerId;
  private final Counter drawn;
  private final Counter stale;

  RenderJobs(
      SnapshotCache snapshots,
      AssetCache assets,
      Publisher publisher,
      Clock clock,
      String workerId,
      MeterRegistry registry) {
    this.frames = new ScratchFrames(snapshots, assets, clock, workerId);
    this.publisher = publisher;
    this.clock = clock;
    this.workerId = workerId;
    this.drawn =
        Counter.builder("sm_render_job_frames_total")
            .description("frames drawn for render jobs")
            .register(registry);
    this.stale =
        Counter.builder("sm_render_job_frames_stale_total")
            .description("render-job ticks not drawn because they waited too long")
            .register(registry);
  }

  void onTick(Tick tick) {
    if (tick.getJobId().isEmpty()) {
      throw new RecordRejectedException("a tick on " + Topics.JOB_TICKS.name() + " needs a job_id");
    }
    if (tick.getEndOfStream()) {
      publisher.send(
          Topics.JOB_FRAMES,
          tick.getJobId(),
          FrameChunker.endOfStream(tick, workerId, clock.instant()).toBuilder()
              .setJobId(tick.getJobId())
              .build());
      return;
    }
    if (tick.hasEmittedAt()
        && Duration.between(ProtoTime.toInstant(tick.getEmittedAt()), clock.instant())
                .compareTo(STALE_AFTER)
            > 0) {
      stale.increment();
      return;
    }
    List<FrameChunk> chunks = frames.draw(tick, "render job " + tick.getJobId());
    for (FrameChunk c : chunks) {
      publisher.send(
          Topics.JOB_FRAMES, tick.getJobId(), c.toBuilder().setJobId(tick.getJobId()).build());
    }
    drawn.increment();
  }
}
