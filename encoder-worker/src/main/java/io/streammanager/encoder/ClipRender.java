package io.streammanager.encoder;

import io.streammanager.encoder.media.Backoff;
import io.streammanager.encoder.media.Broadcast;
import io.streammanager.encoder.media.OutputListener;
import io.streammanager.encoder.media.OutputPolicy;
import io.streammanager.encoder.media.SilenceSource;
import io.streammanager.kit.frames.ChunkAssembler;
import io.streammanager.kit.frames.FrameChecksum;
import io.streammanager.kit.kafka.ConsumerLoop;
import io.streammanager.kit.kafka.DeadLetters;
import io.streammanager.kit.kafka.KafkaSettingsFactory;
import io.streammanager.kit.kafka.Publisher;
import io.streammanager.kit.redis.AiredFrames;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.kit.redis.Timeline;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Tick;
import io.streammanager.proto.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@code replay render}: a span of a past run drawn again by the render-worker pool (one render job
 * per frame on {@code sm.jobs.ticks}, at most {@link #WINDOW} in flight, so every worker draws) and
 * encoded here, once, to a file, as fast as the workers draw (not in real time). Each frame's
 * checksum is compared with the aired one.
 */
final class ClipRender {
  /** Frames asked for ahead of the next one to encode. */
  static final int WINDOW = 48;

  /** No new frame for this long: the jobs still out are asked for again, once. */
  static final Duration STALL = Duration.ofSeconds(10);

  /**
   * What came out: frames encoded, how many had an aired checksum, and how many of those matched.
   */
  record Result(long frames, long aired, long matched, Duration took) {}

  /** The span: frames [first, end) of one run. */
  record Span(Timeline.Run run, long first, long end) {}

  private final String bootstrap;
  private final StateStore store;
  private final Timeline timeline;
  private final AiredFrames.Reader aired;
  private final Clock clock;

  ClipRender(String bootstrap, StateStore store, AiredFrames.Reader aired, Clock clock) {
    this.bootstrap = bootstrap;
    this.store = store;
    this.timeline = new Timeline(store);
    this.aired = aired;
    this.clock = clock;
  }

  /** The first frame whose presentation instant is at or after {@code t}. */
  private static long firstPresentedAtOrAfter(Timeline.Run run, Instant t) {
    long n = run.frameAt(t);
    return run.presentationTime(n).isBefore(t) ? n + 1 : n;
  }

  /**
   * The frames presented in [from, to) of the run (on air at {@code from}, or {@code runId}); why
   * not, if none.
   */
  Span span(String streamId, Optional<String> runId, Instant from, Instant to) {
    Timeline.Run run =
        (runId.isPresent() ? timeline.run(streamId, runId.get()) : timeline.runAt(streamId, from))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        runId
                            .map(r -> "stream " + streamId + " has no run " + r)
                            .orElse("no run of stream " + streamId + " was on air at " + from)));
    long first = Math.max(0, firstPresentedAtOrAfter(run, from));
    long end = firstPresentedAtOrAfter(run, to);
    if (run.stopFrame() >= 0) {
      end = Math.min(end, run.stopFrame());
    } else {
      end = Math.min(end, run.frameAt(clock.instant()) + 1);
    }
    if (end <= first) {
      throw new IllegalArgumentException(
          "run " + run.runId() + " has no frame presented in [" + from + ", " + to + ")");
    }
    return new Span(run, first, end);
  }

  /**
   * Draws and encodes the span to {@code out}; {@code progress} hears (frames done, total) after
   * every frame.
   */
  Result render(String streamId, Span span, String out, Progress progress)
      throws InterruptedException {
    long started = System.nanoTime();
    Timeline.Run run = span.run();
    NavigableMap<Long, Long> versions = timeline.versions(streamId, run.runId());
    var firstVersion = versions.floorEntry(span.first());
    if (firstVersion == null) {
      throw new IllegalArgumentException(
          "the history has no version for frame " + span.first() + " of run " + run.runId());
    }
    StreamState first =
        timeline
            .snapshot(streamId, firstVersion.getValue())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "version "
                            + firstVersion.getValue()
                            + " of "
                            + streamId
                            + " is not kept "
                            + "(snapshots are kept "
                            + StateStore.SNAPSHOT_TTL.toHours()
                            + " h)"));
    Map<Long, String> airedSums = aired.range(streamId, run.runId(), span.first(), span.end());
    String job = "clip-" + UUID.randomUUID();
    Map<Long, byte[]> arrived = new ConcurrentHashMap<>();
    ChunkAssembler assembler = new ChunkAssembler(4 * WINDOW);
    Map<String, Object> settings = KafkaSettingsFactory.everyRecordConsumer(bootstrap, job);
    long matched = 0;
    long airedCount = 0;
    try (Publisher publisher = new Publisher(bootstrap, job, 5);
        ConsumerLoop<io.streammanager.proto.FrameChunk> frames =
            ConsumerLoop.builder(Topics.JOB_FRAMES, settings)
                .handler(
                    (rec, chunk) -> {
                      if (chunk.getJobId().startsWith(job + "/")) {
                        assembler
                            .accept(chunk)
                            .ifPresent(
                                f -> {
                                  arrived.put(f.header().getFrame(), f.yuv());
                                  synchronized (arrived) {
                                    arrived.notifyAll();
                                  }
                                });
                      }
                    })
                .deadLetters(
                    new DeadLetters(
                        publisher,
                        "replay-render",
                        clock,
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry()))
                .build()
                .start()) {
      if (!frames.awaitAssigned(Duration.ofSeconds(30))) {
        throw new IllegalStateException(Topics.JOB_FRAMES.name() + " was not assigned within 30 s");
      }
      Broadcast broadcast =
          Broadcast.open(
              OutputPlan.settings(first.getConfig()),
              SilenceSource.INSTANCE,
              List.of(new Broadcast.Output(out, OutputListener.NONE)),
              new OutputPolicy(
                  600, OutputPolicy.DEFAULT_IO_TIMEOUT, Backoff.standard(new java.util.Random(1))),
              "clip");
      try {
        long asked = span.first();
        long lastProgress = System.nanoTime();
        boolean askedAgain = false;
        for (long n = span.first(); n < span.end(); n++) {
          while (asked < span.end() && asked < n + WINDOW) {
            publisher.send(
                Topics.JOB_TICKS,
                job + "/" + asked,
                tick(streamId, run, asked, versions.floorEntry(asked).getValue(), job));
            asked++;
          }
          byte[] yuv;
          while ((yuv = arrived.remove(n)) == null) {
            long idle = System.nanoTime() - lastProgress;
            if (idle > 3 * STALL.toNanos()) {
              throw new IllegalStateException(
                  "frame "
                      + n
                      + " was not drawn within "
                      + 3 * STALL.toSeconds()
                      + " s: are render workers running?");
            }
            if (idle > STALL.toNanos() && !askedAgain) {
              askedAgain = true;
              for (long k = n; k < asked; k++) {
                if (!arrived.containsKey(k)) {
                  publisher.send(
                      Topics.JOB_TICKS,
                      job + "/" + k,
                      tick(streamId, run, k, versions.floorEntry(k).getValue(), job));
                }
              }
            }
            synchronized (arrived) {
              if (!arrived.containsKey(n)) {
                arrived.wait(100);
              }
            }
          }
          lastProgress = System.nanoTime();
          askedAgain = false;
          broadcast.writeVideoFrame(n - span.first(), yuv);
          String sum = airedSums.get(n);
          if (sum != null) {
            airedCount++;
            if (sum.equals(FrameChecksum.of(yuv))) {
              matched++;
            }
          }
          progress.update(n - span.first() + 1, span.end() - span.first());
        }
      } finally {
        broadcast.close();
      }
    }
    return new Result(
        span.end() - span.first(),
        airedCount,
        matched,
        Duration.ofNanos(System.nanoTime() - started));
  }

  private Tick tick(String streamId, Timeline.Run run, long frame, long version, String job) {
    return Tick.newBuilder()
        .setStreamId(streamId)
        .setRunId(run.runId())
        .setFrame(frame)
        .setPresentationTime(ProtoTime.of(run.presentationTime(frame)))
        .setStateVersion(version)
        .setEmittedAt(ProtoTime.of(clock.instant()))
        .setJobId(job + "/" + frame)
        .build();
  }

  /** Hears how far the clip is. */
  @FunctionalInterface
  interface Progress {
    void update(long done, long total);

    static Progress none() {
      return (done, total) -> {};
    }

    /**
     * A bar on {@code out} (a terminal's stderr), redrawn at most 10 times a second and at the end.
     */
    static Progress bar(Consumer<String> out, int fps) {
      long start = System.nanoTime();
      long[] lastDraw = {0};
      return (done, total) -> {
        long now = System.nanoTime();
        if (done < total && now - lastDraw[0] < 100_000_000L) {
          return;
        }
        lastDraw[0] = now;
        int width = 30;
        int filled = (int) (width * done / total);
        double seconds = (now - start) / 1e9;
        double speed = seconds > 0 ? done / (double) fps / seconds : 0;
        out.accept(
            String.format(
                    java.util.Locale.ROOT,
                    "\r[%s%s] %d/%d frames, %.1fx real time",
                    "#".repeat(filled),
                    "-".repeat(width - filled),
                    done,
                    total,
                    speed)
                + (done == total ? "\n" : ""));
      };
    }
  }
}
