package io.streammanager.encoder;

import io.streammanager.encoder.audio.AudioMixer;
import io.streammanager.encoder.media.Broadcast;
import io.streammanager.encoder.media.EncoderSettings;
import io.streammanager.encoder.media.OutputPolicy;
import io.streammanager.encoder.media.OutputState;
import io.streammanager.encoder.media.OutputStatus;
import io.streammanager.kit.config.OutputUrls;
import io.streammanager.kit.frames.FrameChecksum;
import io.streammanager.proto.EncoderOutput;
import io.streammanager.proto.EncoderOutputState;
import io.streammanager.proto.EncoderState;
import io.streammanager.proto.EncoderStatus;
import io.streammanager.proto.StreamConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output of one run of one stream: a reorder buffer fed by the consumer thread and one encoding
 * thread that owns the {@link Broadcast} (one encode, fanned out to every configured output, each
 * on its own thread) and the run's {@link AudioMixer} (told each frame's state version just before
 * the frame is encoded). Timestamps come only from frame numbers.
 */
final class RunOutput {
  private static final Logger LOG = LoggerFactory.getLogger(RunOutput.class);
  private static final long REOPEN_BACKOFF_NANOS = Duration.ofSeconds(2).toNanos();

  final String streamId;
  final String runId;
  private final StreamConfig config;

  /**
   * The outputs: as configured, or, for recordings another encoder or an earlier attempt began,
   * continuations.
   */
  private volatile List<String> urls;

  private final List<OutputPlan.Planned> configured;
  private final String workerId;
  private final LongSupplier nanoClock;
  private final ReorderBuffer<RawFrame> reorder;
  private final LateFrames lateFrames;

  /** The worker last asked to draw a frame of this run again (consumer thread). */
  String lastAskedWorker = "";

  private final ThreadPoolExecutor thread;
  private final AtomicLong encoded = new AtomicLong();
  private final AtomicLong overflow = new AtomicLong();

  /**
   * Frames shown as the picture before them because their base frame never came (counted as
   * dropped).
   */
  private final AtomicLong undrawable = new AtomicLong();

  private final int maxQueued;
  private final OutputPolicy policy;
  private final OutputMetrics outputMetrics;
  private long lastOfferNanos;
  private final AtomicLong lastFrame = new AtomicLong(-1);
  private final AtomicLong lastVersion = new AtomicLong();
  private volatile EncoderState state = EncoderState.ENCODER_STATE_STARTING;
  private volatile String error = "";
  private volatile Broadcast broadcast;
  private volatile List<OutputStatus> finalOutputs;
  // encoding thread only
  private long firstFrame = -1;
  private final PatchedPictures pictures = new PatchedPictures();
  private byte[] lastPicture;
  private long nextOpenAttempt;
  private boolean closed;

  /** Process-wide counters the outputs add to (Prometheus). */
  record Meters(
      io.micrometer.core.instrument.Counter encoded,
      io.micrometer.core.instrument.Counter repeated,
      io.micrometer.core.instrument.Counter overflow,
      io.micrometer.core.instrument.Timer encodeTime,
      OutputMetrics outputs,
      E2eLatency latency,
      io.micrometer.core.instrument.Counter audioFailures) {
    static Meters of(io.micrometer.core.instrument.MeterRegistry r) {
      return new Meters(
          io.micrometer.core.instrument.Counter.builder("sm_encoder_frames_encoded_total")
              .description("frames encoded (once for every output)")
              .register(r),
          io.micrometer.core.instrument.Counter.builder("sm_encoder_frames_repeated_total")
              .description("missing frames replaced by the previous one")
              .register(r),
          io.micrometer.core.instrument.Counter.builder("sm_encoder_frames_overflow_total")
              .description(
                  "frames whose picture the encoder had no time for (the last picture filled their slot)")
              .register(r),
          io.micrometer.core.instrument.Timer.builder("sm_encoder_frame_seconds")
              .description("time to encode one frame and hand its packets to the outputs")
              .publishPercentileHistogram()
              .register(r),
          new OutputMetrics(r),
          new E2eLatency(r, java.time.Clock.systemUTC()),
          io.micrometer.core.instrument.Counter.builder("sm_encoder_audio_failures_total")
              .description(
                  "audio assets or state versions that could not be read or decoded (silent instead)")
              .register(r));
    }

    static Meters none() {
      return of(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }
  }

  private final Meters meters;
  private final AudioMixer mixer;

  /**
   * Where the checksum of every frame encoded as itself goes (not the repeats standing in for a
   * missing frame): called on the encoding thread, so it must not block ({@link
   * io.streammanager.kit.redis.AiredFrames#record}).
   */
  @FunctionalInterface
  interface AiredLog {
    AiredLog NONE = (stream, run, frame, checksum) -> {};

    void record(String streamId, String runId, long frame, String checksum);
  }

  private final AiredLog aired;

  RunOutput(
      String streamId,
      String runId,
      StreamConfig config,
      String workerId,
      int reorderDepth,
      Duration maxWait,
      LongSupplier nanoClock,
      Meters meters,
      OutputPolicy policy,
      OutputPlan.Destinations destinations,
      AudioMixer.Inputs audio) {
    this(
        streamId,
        runId,
        config,
        workerId,
        reorderDepth,
        maxWait,
        nanoClock,
        meters,
        policy,
        destinations,
        audio,
        AiredLog.NONE);
  }

  RunOutput(
      String streamId,
      String runId,
      StreamConfig config,
      String workerId,
      int reorderDepth,
      Duration maxWait,
      LongSupplier nanoClock,
      Meters meters,
      OutputPolicy policy,
      OutputPlan.Destinations destinations,
      AudioMixer.Inputs audio,
      AiredLog aired) {
    this.aired = aired;
    this.meters = meters;
    this.outputMetrics = meters.outputs();
    this.policy = policy;
    this.streamId = streamId;
    this.runId = runId;
    this.config = config;
    this.configured = OutputPlan.outputs(config, streamId, runId, destinations);
    this.urls = configured.stream().map(OutputPlan.Planned::url).toList();
    configured.stream()
        .filter(p -> p.refusal() != null)
        .forEach(p -> LOG.warn("stream {} run {}: {}", streamId, runId, p.refusal()));
    this.workerId = workerId;
    this.nanoClock = nanoClock;
    this.reorder = new ReorderBuffer<>(reorderDepth, maxWait, nanoClock);
    int fps = Math.max(1, (int) config.getFps());
    // Asked for again once missing for two frame intervals (frames of two workers come a little out
    // of order), and once more 150 ms later: both well before the reorder depth gives it up.
    this.lateFrames =
        new LateFrames(
            Duration.ofMillis(Math.max(40, 2000 / fps)), Duration.ofMillis(150), fps, nanoClock);
    this.maxQueued = Math.max(8, 2 * (int) config.getFps());
    // Unbounded, so the closing task always gets in; frames beyond maxQueued are dropped (counted)
    // in pump(). Without an audio track nothing is mixed: no snapshot is read and no asset decoded
    // for it.
    this.mixer =
        AudioMixer.start(
            "stream " + streamId + " run " + runId,
            (int) config.getFps(),
            config.getAudio().getEnabled() ? audio : AudioMixer.Inputs.NONE,
            meters.audioFailures());
    this.thread =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            Thread.ofPlatform().name("encode-" + streamId).factory());
  }

  /** Consumer thread: a new frame of this run. */
  void offer(RawFrame frame) {
    lastOfferNanos = nanoClock.getAsLong();
    reorder.offer(frame.frame(), frame);
    pump();
  }

  /** Consumer thread: the missing frames to ask for again now. */
  List<LateFrames.Ask> redrawsDue() {
    return lateFrames.due(reorder.missing(64));
  }

  /**
   * Consumer thread: {@code frame} was asked for again (a request went out): it is awaited up to
   * the reorder buffer's longest wait.
   */
  void askedAgain(long frame) {
    reorder.askedAgain(frame);
  }

  /** Consumer thread: the run ends before {@code frame}. */
  void end(long frame) {
    reorder.end(frame);
    pump();
  }

  /**
   * Consumer thread: hands what is ready to the encoding thread; true once the run is over and
   * closing.
   */
  boolean pump() {
    if (thread.isShutdown()) {
      // Closed (finished, idle, replaced, shutdown): nothing more is encoded here.
      return reorder.finished();
    }
    for (ReorderBuffer.Slot<RawFrame> slot : reorder.drain()) {
      if (thread.getQueue().size() >= maxQueued) {
        // The encoder cannot keep up: this frame's picture is skipped rather than delaying every
        // later one, but never its slot: the last picture fills it (see repeatInstead).
        overflow.incrementAndGet();
        meters.overflow().increment();
        thread.execute(() -> repeatInstead(slot));
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

  /**
   * Consumer thread: no frame for this long means the run's renderers or its end marker are gone.
   */
  boolean idleFor(Duration d) {
    return lastOfferNanos != 0 && nanoClock.getAsLong() - lastOfferNanos > d.toNanos();
  }

  boolean awaitClosed(Duration timeout) throws InterruptedException {
    return thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Every output's state now (any thread). */
  List<OutputStatus> outputs() {
    Broadcast b = broadcast;
    if (b != null) {
      return b.outputs();
    }
    List<OutputStatus> done = finalOutputs;
    return done != null
        ? done
        : urls.stream()
            .map(
                u ->
                    new OutputStatus(OutputUrls.redact(u), "", OutputState.CONNECTING, 0, 0, 0, ""))
            .toList();
  }

  /**
   * Consumer thread (the reorder counters are its own). The run is live while frames are encoded
   * and at least one output is live; in error when the encoder failed or no output works.
   */
  EncoderStatus status() {
    List<OutputStatus> outs = outputs();
    EncoderState shown = state;
    String shownError = error;
    if (shown == EncoderState.ENCODER_STATE_LIVE
        && outs.stream().noneMatch(o -> o.state() == OutputState.LIVE)) {
      boolean down =
          outs.stream()
              .anyMatch(
                  o -> o.state() == OutputState.RECONNECTING || o.state() == OutputState.FAILED);
      if (down) {
        shown = EncoderState.ENCODER_STATE_ERROR;
        shownError =
            outs.stream()
                .map(OutputStatus::error)
                .filter(e -> !e.isEmpty())
                .findFirst()
                .orElse("no output is live");
      } else {
        shown = EncoderState.ENCODER_STATE_STARTING;
      }
    }
    EncoderStatus.Builder b =
        EncoderStatus.newBuilder()
            .setState(shown)
            .setRunId(runId)
            .setOutputUrl(OutputUrls.redact(urls.getFirst()))
            .setFramesEncoded(encoded.get())
            .setFramesDropped(reorder.dropped() + overflow.get() + undrawable.get())
            .setFramesLate(reorder.late())
            .setLastFrame(Math.max(0, lastFrame.get()))
            .setLastStateVersion(lastVersion.get())
            .setError(shownError)
            .setWorkerId(workerId);
    for (OutputStatus o : outs) {
      b.addOutputs(
          EncoderOutput.newBuilder()
              .setUrl(o.url())
              .setProtocol(o.protocol())
              .setState(EncoderOutputState.forNumber(o.state().ordinal() + 1))
              .setBytesWritten(o.bytesWritten())
              .setReconnects(o.reconnects())
              .setPacketsDropped(o.packetsDropped())
              .setError(o.error()));
    }
    return b.build();
  }

  private void encode(ReorderBuffer.Slot<RawFrame> slot) {
    if (closed || !ensureOpen(slot.payload())) {
      return;
    }
    byte[] picture = pictures.of(slot.payload());
    boolean drawn = picture != null;
    if (!drawn) {
      // A patch of a whole frame this run never got (lost, given up, skipped when the encoder was
      // behind, or sent before this encoder took the run over): the last picture is shown again
      // until the next whole frame, at most a second later.
      undrawable.incrementAndGet();
      picture = lastPicture;
      if (picture == null) {
        return;
      }
    }
    write(slot, picture, drawn && !slot.repeated());
  }

  /**
   * Encoding thread, for a frame the encoder had no time for: its slot is filled with the last
   * picture again (libx264 encodes an unchanged picture for a fraction of a new one's cost), so the
   * output never has a hole and keyframes stay on the grid. Its own picture is not built: when it
   * was a whole frame, the patches of it that follow are not drawable either and repeat the last
   * picture too, until the next whole frame (at most a second), which sheds the load further.
   */
  private void repeatInstead(ReorderBuffer.Slot<RawFrame> slot) {
    if (lastPicture == null) {
      encode(slot);
      return;
    }
    if (closed || !ensureOpen(slot.payload())) {
      return;
    }
    write(new ReorderBuffer.Slot<>(slot.frame(), slot.payload(), true), lastPicture, false);
  }

  /** Encoding thread: {@code picture} in the slot's place; {@code asItself} when it is its own. */
  private void write(ReorderBuffer.Slot<RawFrame> slot, byte[] picture, boolean asItself) {
    lastPicture = picture;
    try {
      if (firstFrame < 0) {
        firstFrame = slot.frame();
        mixer.startAt(firstFrame);
      }
      long start = System.nanoTime();
      if (config.getAudio().getEnabled()) {
        mixer.frame(slot.frame(), slot.payload().stateVersion());
      }
      broadcast.writeVideoFrame(slot.frame() - firstFrame, picture);
      meters.encodeTime().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      if (asItself) {
        meters.latency().onEncoded(streamId, slot.frame(), slot.payload().trace());
        aired.record(streamId, runId, slot.frame(), FrameChecksum.of(picture));
      }
      encoded.incrementAndGet();
      meters.encoded().increment();
      if (slot.repeated()) {
        meters.repeated().increment();
      }
      lastFrame.set(slot.frame());
      lastVersion.set(slot.payload().stateVersion());
      state = EncoderState.ENCODER_STATE_LIVE;
      error = "";
    } catch (RuntimeException e) {
      fail(
          "encoding frame " + slot.frame() + " failed: " + e.getMessage() + "; will reopen in 2 s");
      nextOpenAttempt = nanoClock.getAsLong() + REOPEN_BACKOFF_NANOS;
      closeBroadcast();
    }
  }

  private boolean ensureOpen(RawFrame frame) {
    if (broadcast != null) {
      return true;
    }
    long now = nanoClock.getAsLong();
    if (now < nextOpenAttempt) {
      return false;
    }
    try {
      if (frame.width() != config.getWidth() || frame.height() != config.getHeight()) {
        throw new IllegalStateException(
            "frame is "
                + frame.width()
                + "x"
                + frame.height()
                + " but the stream is "
                + config.getWidth()
                + "x"
                + config.getHeight());
      }
      EncoderSettings settings = OutputPlan.settings(config);
      urls =
          configured.stream()
              .map(
                  p ->
                      p.refusal() != null
                          ? p.url()
                          : OutputPlan.continuation(
                              p.url(), frame.frame(), java.nio.file.Files::exists))
              .toList();
      List<Broadcast.Output> outputs = new java.util.ArrayList<>();
      for (int i = 0; i < urls.size(); i++) {
        outputs.add(
            new Broadcast.Output(
                urls.get(i),
                outputMetrics.listener(streamId, i, protocol(urls.get(i))),
                configured.get(i).refusal()));
      }
      broadcast = Broadcast.open(settings, mixer, outputs, policy, "output-" + streamId);
      firstFrame = -1;
      error = "";
      LOG.info(
          "stream {} run {}: encoding {}x{}@{} {} kbps preset {} to {} outputs",
          streamId,
          runId,
          settings.width(),
          settings.height(),
          settings.fps(),
          settings.videoBitrateKbps(),
          settings.x264Preset(),
          urls.size());
      return true;
    } catch (RuntimeException e) {
      fail("cannot open the encoder: " + e.getMessage() + "; will retry in 2 s");
      nextOpenAttempt = now + REOPEN_BACKOFF_NANOS;
      return false;
    }
  }

  private static String protocol(String url) {
    int scheme = url.indexOf("://");
    if (scheme > 0) {
      return url.substring(0, scheme).toLowerCase(java.util.Locale.ROOT);
    }
    return url.toLowerCase(java.util.Locale.ROOT).endsWith(".m3u8") ? "hls" : "file";
  }

  private void fail(String message) {
    LOG.warn("stream {} run {}: {}", streamId, runId, message);
    error = message;
    state = EncoderState.ENCODER_STATE_ERROR;
  }

  private void finish() {
    closed = true;
    closeBroadcast();
    mixer.close();
    if (state != EncoderState.ENCODER_STATE_ERROR) {
      state = EncoderState.ENCODER_STATE_STOPPED;
    }
    LOG.info(
        "stream {} run {}: output closed after {} frames ({} dropped)",
        streamId,
        runId,
        encoded.get(),
        reorder.dropped() + overflow.get() + undrawable.get());
  }

  private void closeBroadcast() {
    Broadcast b = broadcast;
    if (b != null) {
      try {
        b.close();
      } catch (RuntimeException e) {
        LOG.warn("stream {} run {}: closing the outputs: {}", streamId, runId, e.getMessage());
      }
      finalOutputs = b.outputs();
      broadcast = null;
    }
  }
}
