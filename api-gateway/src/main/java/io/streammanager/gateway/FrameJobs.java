package io.streammanager.gateway;

import io.streammanager.kit.frames.ChunkAssembler;
import io.streammanager.kit.kafka.Publisher;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.Tick;
import io.streammanager.proto.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Past frames drawn by the render-worker pool: a job is a {@link Tick} with a fresh job id on
 * {@code sm.jobs.ticks}; the frame comes back as {@link FrameChunk}s with that job id on {@code
 * sm.jobs.frames}, which every gateway reads whole ({@link #accept}, on its jobs consumer thread)
 * keeping only the chunks of its own jobs. The gateway never imports render-worker: the topics are
 * the contract.
 */
final class FrameJobs {
  /** A frame drawn for a job: the raw YUV420P bytes and what the worker says about them. */
  record Rendered(FrameChunk header, byte[] yuv) {}

  private final Publisher publisher;
  private final Map<String, CompletableFuture<Rendered>> pending = new ConcurrentHashMap<>();
  // jobs consumer thread only
  private final ChunkAssembler assembler = new ChunkAssembler(64);

  FrameJobs(Publisher publisher) {
    this.publisher = publisher;
  }

  /**
   * Asks for {@code tick} (its job id is set here) and waits for the frame; empty after {@code
   * timeout}.
   *
   * @throws ExecutionException when the job could not be published
   */
  Optional<Rendered> render(Tick tick, Duration timeout)
      throws InterruptedException, ExecutionException {
    String jobId = UUID.randomUUID().toString();
    CompletableFuture<Rendered> result = new CompletableFuture<>();
    pending.put(jobId, result);
    try {
      publisher
          .send(Topics.JOB_TICKS, jobId, tick.toBuilder().setJobId(jobId).build())
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.of(result.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } finally {
      pending.remove(jobId);
    }
  }

  /** Jobs consumer thread: a chunk of some job's frame (of this gateway or another). */
  void accept(FrameChunk chunk) {
    CompletableFuture<Rendered> waiting = pending.get(chunk.getJobId());
    if (waiting == null || chunk.getEndOfStream()) {
      return;
    }
    assembler.accept(chunk).ifPresent(f -> waiting.complete(new Rendered(f.header(), f.yuv())));
  }

  /** Jobs waiting for their frame. */
  int pending() {
    return pending.size();
  }
}
