package io.streammanager.encoder;

import io.streammanager.encoder.media.EncoderSettings;
import io.streammanager.encoder.media.LiveEncoder;
import io.streammanager.kit.config.OutputUrls;
import io.streammanager.kit.config.PlatformConfig;
import io.streammanager.proto.EncoderState;
import io.streammanager.proto.EncoderStatus;
import io.streammanager.proto.StreamConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output of one run of one stream: a reorder buffer fed by the consumer thread and one encoding thread that owns
 * the {@link LiveEncoder}. Timestamps come only from frame numbers.
 */
final class RunOutput {
  private static final Logger LOG = LoggerFactory.getLogger(RunOutput.class);
  private static final long REOPEN_BACKOFF_NANOS = Duration.ofSeconds(2).toNanos();

  final String streamId;
  final String runId;
  private final StreamConfig config;
  private volatile String url;
  private final String workerId;
  private final LongSupplier nanoClock;
  private final ReorderBuffer<RawFrame> reorder;
  private final ThreadPoolExecutor thread;
  private final AtomicLong encoded = new AtomicLong();
  private final AtomicLong overflow = new AtomicLong();
  private final int maxQueued;
  private long lastOfferNanos;
  private final AtomicLong lastFrame = new AtomicLong(-1);
  private final AtomicLong lastVersion = new AtomicLong();
  private volatile EncoderState state = EncoderState.ENCODER_STATE_STARTING;
  private volatile String error = "";
  // encoding thread only
  private LiveEncoder encoder;
  private long firstFrame = -1;
  private long nextOpenAttempt;
  private boolean closed;

  /** Process-wide counters the outputs add to (Prometheus). */
  record Meters(io.micrometer.core.instrument.Counter encoded, io.micrometer.core.instrument.Counter repeated,
      io.micrometer.core.instrument.Counter overflow, io.micrometer.core.instrument.Timer encodeTime) {
    static Meters of(io.micrometer.core.instrument.MeterRegistry r) {
      return new Meters(
          io.micrometer.core.instrument.Counter.builder("sm_encoder_frames_encoded_total")
              .description("frames written to outputs").register(r),
          io.micrometer.core.instrument.Counter.builder("sm_encoder_frames_repeated_total")
              .description("missing frames replaced by the previous one").register(r),
          io.micrometer.core.instrument.Counter.builder("sm_encoder_frames_overflow_total")
              .description("frames dropped because the encoder could not keep up").register(r),
          io.micrometer.core.instrument.Timer.builder("sm_encoder_frame_seconds")
              .description("time to encode and mux one frame").publishPercentileHistogram().register(r));
    }

    static Meters none() {
      return of(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }
  }

  private final Meters meters;

  RunOutput(String streamId, String runId, StreamConfig config, String workerId, int reorderDepth,
      Duration maxWait, LongSupplier nanoClock) {
    this(streamId, runId, config, workerId, reorderDepth, maxWait, nanoClock, Meters.none());
  }

  RunOutput(String streamId, String runId, StreamConfig config, String workerId, int reorderDepth,
      Duration maxWait, LongSupplier nanoClock, Meters meters) {
    this.meters = meters;
    this.streamId = streamId;
    this.runId = runId;
    this.config = config;
    this.url = OutputPlan.resolveUrl(config.getOutputsCount() > 0 ? config.getOutputs(0).getUrl()
        : PlatformConfig.DEFAULT_RECORDING, streamId, runId);
    this.workerId = workerId;
    this.nanoClock = nanoClock;
    this.reorder = new ReorderBuffer<>(reorderDepth, maxWait, nanoClock);
    this.maxQueued = Math.max(8, 2 * (int) config.getFps());
    // Unbounded, so the closing task always gets in; frames beyond maxQueued are dropped (counted) in pump().
    this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        Thread.ofPlatform().name("encode-" + streamId).factory());
  }

  /** Consumer thread: a new frame of this run. */
  void offer(RawFrame frame) {
    lastOfferNanos = nanoClock.getAsLong();
    reorder.offer(frame.frame(), frame);
    pump();
  }

  /** Consumer thread: the run ends before {@code frame}. */
  void end(long frame) {
    reorder.end(frame);
    pump();
  }

  /** Consumer thread: hands what is ready to the encoding thread; true once the run is over and closing. */
  boolean pump() {
    for (ReorderBuffer.Slot<RawFrame> slot : reorder.drain()) {
      if (thread.getQueue().size() >= maxQueued) {
        // The encoder cannot keep up: this frame is dropped rather than delaying every later one.
        overflow.incrementAndGet();
        meters.overflow().increment();
        continue;
      }
      thread.execute(() -> encode(slot));
    }
    if (reorder.finished()) {
      close();
      return true;
    }
    return false;
  }

  /** Ends the run now (another run of the stream began, or shutdown). */
  void close() {
    if (!thread.isShutdown()) {
      thread.execute(this::finish);
      thread.shutdown();
    }
  }

  /** Consumer thread: no frame for this long means the run's renderers or its end marker are gone. */
  boolean idleFor(Duration d) {
    return lastOfferNanos != 0 && nanoClock.getAsLong() - lastOfferNanos > d.toNanos();
  }

  boolean awaitClosed(Duration timeout) throws InterruptedException {
    return thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Consumer thread (the reorder counters are its own). */
  EncoderStatus status() {
    return EncoderStatus.newBuilder().setState(state).setRunId(runId).setOutputUrl(url)
        .setFramesEncoded(encoded.get()).setFramesDropped(reorder.dropped() + overflow.get())
        .setFramesLate(reorder.late()).setLastFrame(Math.max(0, lastFrame.get()))
        .setLastStateVersion(lastVersion.get()).setError(error).setWorkerId(workerId).build();
  }

  private void encode(ReorderBuffer.Slot<RawFrame> slot) {
    if (closed || !ensureOpen(slot.payload())) {
      return;
    }
    try {
      if (firstFrame < 0) {
        firstFrame = slot.frame();
      }
      long start = System.nanoTime();
      encoder.writeVideoFrame(slot.frame() - firstFrame, slot.payload().yuv());
      meters.encodeTime().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      encoded.incrementAndGet();
      meters.encoded().increment();
      if (slot.repeated()) {
        meters.repeated().increment();
      }
      lastFrame.set(slot.frame());
      lastVersion.set(slot.payload().stateVersion());
      state = EncoderState.ENCODER_STATE_LIVE;
    } catch (RuntimeException e) {
      fail("writing frame " + slot.frame() + " to " + url + " failed: " + e.getMessage());
      closeEncoder();
    }
  }

  private boolean ensureOpen(RawFrame frame) {
    if (encoder != null) {
      return true;
    }
    long now = nanoClock.getAsLong();
    if (now < nextOpenAttempt) {
      return false;
    }
    try {
      if (frame.width() != config.getWidth() || frame.height() != config.getHeight()) {
        throw new IllegalStateException("frame is " + frame.width() + "x" + frame.height() + " but the stream is "
            + config.getWidth() + "x" + config.getHeight());
      }
      if (!OutputUrls.isNetwork(url)) {
        Path parent = Path.of(url).toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        url = freeFileName(url);
      }
      EncoderSettings settings = OutputPlan.settings(config, url);
      encoder = LiveEncoder.open(settings);
      firstFrame = -1;
      error = "";
      LOG.info("stream {} run {}: encoding {}x{}@{} {} kbps preset {} to {}", streamId, runId, settings.width(),
          settings.height(), settings.fps(), settings.videoBitrateKbps(), settings.x264Preset(), url);
      return true;
    } catch (IOException | RuntimeException e) {
      fail("cannot open output " + url + ": " + e.getMessage() + "; will retry in 2 s");
      nextOpenAttempt = now + REOPEN_BACKOFF_NANOS;
      return false;
    }
  }

  /** Never overwrites a recording: an existing file gets a sibling {@code name-1.ext}, {@code name-2.ext}, ... */
  static String freeFileName(String path) {
    if (!Files.exists(Path.of(path))) {
      return path;
    }
    int dot = path.lastIndexOf('.');
    String base = dot > path.lastIndexOf('/') ? path.substring(0, dot) : path;
    String ext = dot > path.lastIndexOf('/') ? path.substring(dot) : "";
    for (int i = 1; ; i++) {
      String candidate = base + "-" + i + ext;
      if (!Files.exists(Path.of(candidate))) {
        return candidate;
      }
    }
  }

  private void fail(String message) {
    LOG.warn("stream {} run {}: {}", streamId, runId, message);
    error = message;
    state = EncoderState.ENCODER_STATE_ERROR;
  }

  private void finish() {
    closed = true;
    closeEncoder();
    if (state != EncoderState.ENCODER_STATE_ERROR) {
      state = EncoderState.ENCODER_STATE_STOPPED;
    }
    LOG.info("stream {} run {}: output closed after {} frames ({} dropped)", streamId, runId, encoded.get(),
        reorder.dropped() + overflow.get());
  }

  private void closeEncoder() {
    if (encoder != null) {
      try {
        encoder.close();
      } catch (RuntimeException e) {
        LOG.warn("closing output {}: {}", url, e.getMessage());
      }
      encoder = null;
    }
  }
}
