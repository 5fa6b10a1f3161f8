package io.streammanager.encoder.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output of a {@link Broadcast} on its own thread: a bounded queue of packets from the encoder,
 * one {@link Muxer} at a time, and reconnects with backoff. The encoder never waits for it: a full
 * queue drops the packet for this output only, and the output skips to the next keyframe. Every
 * connection (the first one and each reconnect) starts at a video keyframe with its timestamps
 * starting at 0, as a fresh publish; packets that arrive while it is down are discarded, so it
 * resumes live rather than behind. A recording file is never overwritten: a new connection to a
 * file output writes {@code name-1.ext}.
 *
 * <p>Failure classification, once: a muxer that cannot be set up (unknown container, codec it
 * cannot carry) is {@link OutputState#FAILED} for good; anything during I/O (connect, header,
 * write) is retried.
 *
 * <p>Owns its copy of the {@link Tracks} and the muxer; both are freed on its thread when it ends.
 */
final class OutputChannel {
  private static final Logger LOG = LoggerFactory.getLogger(OutputChannel.class);
  private static final EncodedPacket END = new EncodedPacket(-1, 0, 0, 0, false, new byte[0]);
  private static final long POLL_MILLIS = 100;

  private final OutputTarget target;
  private final Tracks tracks;
  private final OutputPolicy policy;
  private final OutputListener listener;
  private final BlockingQueue<EncodedPacket> queue;
  private final Thread thread;
  private final AtomicBoolean resync = new AtomicBoolean();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile OutputState state = OutputState.CONNECTING;
  private volatile String error = "";
  private volatile boolean ending;
  private volatile Muxer muxer;
  // output thread only
  private volatile String currentUrl;
  private int failures;
  private long nextAttemptNanos;
  private boolean awaitingKeyframe;
  private boolean newConnection;
  private long videoOrigin;
  private long audioOrigin;
  private long reportedBytes;

  /** Starts the output's thread; {@code tracks} becomes the channel's (it frees them). */
  OutputChannel(
      OutputTarget target,
      Tracks tracks,
      int fps,
      OutputPolicy policy,
      OutputListener listener,
      String threadName) {
    this.target = target;
    this.currentUrl = target.url();
    this.tracks = tracks;
    this.policy = policy;
    this.listener = listener;
    this.queue = new ArrayBlockingQueue<>(policy.queueCapacity(fps));
    this.thread = Thread.ofPlatform().name(threadName).unstarted(this::run);
    listener.stateChanged(state);
    thread.start();
  }

  /**
   * Encoder thread: queues a packet, or drops it (counted) when this output is behind. Never
   * blocks.
   */
  void offer(EncodedPacket packet) {
    if (ending) {
      return;
    }
    if (!queue.offer(packet)) {
      resync.set(true);
      dropped.incrementAndGet();
      listener.packetsDropped(1);
    }
  }

  /** Encoder thread: no more packets; the output writes what it holds, its trailer, and ends. */
  void end() {
    ending = true;
    queue.offer(END); // if the queue is full the thread sees the flag once it has drained it
  }

  /**
   * Waits for the output to end; past the timeout its blocking call is aborted and it gets a little
   * longer.
   */
  boolean await(long timeoutMillis) throws InterruptedException {
    if (thread.join(java.time.Duration.ofMillis(timeoutMillis))) {
      return true;
    }
    Muxer m = muxer;
    if (m != null) {
      m.abort();
    }
    return thread.join(java.time.Duration.ofSeconds(2));
  }

  OutputStatus status() {
    return new OutputStatus(
        OutputTarget.redact(currentUrl),
        target.protocol(),
        state,
        bytes.get(),
        reconnects.get(),
        dropped.get(),
        error);
  }

  private void run() {
    try {
      loop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("output {}: unexpected failure, output stopped", target.redacted(), e);
      error = String.valueOf(e.getMessage());
      setState(OutputState.FAILED);
    } finally {
      closeMuxer();
      tracks.close();
      if (state != OutputState.FAILED) {
        setState(OutputState.STOPPED);
      }
    }
  }

  private void loop() throws InterruptedException {
    while (true) {
      if (muxer == null && state != OutputState.FAILED && !ending) {
        long wait = nextAttemptNanos - System.nanoTime();
        if (wait > 0) {
          if (discardFor(wait)) {
            return;
          }
          continue;
        }
        connect();
        continue;
      }
      EncodedPacket p = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      if (p == END || p == null && ending && queue.isEmpty()) {
        finish();
        return;
      }
      if (p != null && muxer != null) {
        write(p);
      }
    }
  }

  /**
   * Throws the queue's packets away for up to {@code nanos} (the output is down); true when the run
   * ended.
   */
  private boolean discardFor(long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
      EncodedPacket p =
          queue.poll(
              Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)), TimeUnit.NANOSECONDS);
      if (p == END || ending && queue.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private void connect() {
    OutputTarget session = target;
    Optional<String> forbidden = target.forbiddenDestination();
    if (forbidden.isPresent()) {
      error = forbidden.get();
      LOG.error("{}; output stopped", error);
      setState(OutputState.FAILED);
      return;
    }
    if (!target.network()) {
      try {
        Path parent = Path.of(target.url()).toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
      } catch (IOException | RuntimeException e) {
        retryLater("cannot create the directory of " + target.redacted() + ": " + e);
        return;
      }
      session = target.withFreeFileName();
    }
    Muxer opened;
    try {
      opened =
          Muxer.allocate(
              session, tracks, target.network() ? policy.ioTimeout().toNanos() : Long.MAX_VALUE);
    } catch (RuntimeException e) {
      error = "cannot set up output " + session.redacted() + ": " + e.getMessage();
      LOG.error("{}; output stopped", error);
      setState(OutputState.FAILED);
      return;
    }
    try {
      opened.start();
    } catch (RuntimeException e) {
      opened.close();
      retryLater(e.getMessage());
      return;
    }
    if (reconnects.get() > 0) {
      // What waited while it was down or connecting is behind live: the next keyframe starts this
      // connection. (The first connection keeps its queue: it holds the stream from its first
      // frame.)
      queue.clear();
      resync.set(false);
    }
    muxer = opened;
    currentUrl = session.url();
    failures = 0;
    error = "";
    awaitingKeyframe = true;
    newConnection = true;
    reportedBytes = 0;
    LOG.info("output {}: live", session.redacted());
    setState(OutputState.LIVE);
  }

  private void write(EncodedPacket p) {
    if (resync.getAndSet(false)) {
      awaitingKeyframe = true;
      LOG.warn(
          "output {}: could not keep up, {} packets dropped so far; resuming at the next keyframe",
          target.redacted(),
          dropped.get());
    }
    if (awaitingKeyframe) {
      if (!p.isVideoKeyframe()) {
        return;
      }
      if (newConnection) { // its timestamps start here
        newConnection = false;
        videoOrigin = p.pts();
        audioOrigin =
            tracks.hasAudio() ? tracks.convert(videoOrigin, Tracks.VIDEO, Tracks.AUDIO) : 0;
      }
      awaitingKeyframe = false;
    }
    long origin = p.track() == Tracks.VIDEO ? videoOrigin : audioOrigin;
    if (p.track() == Tracks.AUDIO && p.pts() + p.duration() <= origin) {
      return; // audio wholly before this connection's first frame
    }
    try {
      muxer.write(
          p.track(), p.pts() - origin, p.dts() - origin, p.duration(), p.keyframe(), p.data());
      report();
    } catch (RuntimeException e) {
      closeMuxer();
      retryLater(e.getMessage());
    }
  }

  private void finish() {
    Muxer m = muxer;
    if (m == null) {
      return;
    }
    try {
      m.finish();
      report();
    } catch (RuntimeException e) {
      LOG.warn("output {}: {}", target.redacted(), e.getMessage());
      error = e.getMessage();
    }
  }

  private void retryLater(String reason) {
    failures++;
    long delay = policy.backoff().delay(failures).toNanos();
    nextAttemptNanos = System.nanoTime() + delay;
    error = reason;
    LOG.warn("output {}: {}; will retry in {} ms", target.redacted(), reason, delay / 1_000_000);
    if (state != OutputState.RECONNECTING) {
      reconnects.incrementAndGet();
      listener.reconnecting();
      setState(OutputState.RECONNECTING);
    }
  }

  private void report() {
    long now = muxer == null ? reportedBytes : muxer.bytesWritten();
    if (now > reportedBytes) {
      bytes.addAndGet(now - reportedBytes);
      listener.bytesWritten(now - reportedBytes);
      reportedBytes = now;
    }
  }

  private void closeMuxer() {
    Muxer m = muxer;
    muxer = null;
    if (m != null) {
      m.close();
    }
  }

  private void setState(OutputState next) {
    if (state != next) {
      state = next;
      listener.stateChanged(next);
    }
  }
}
