package io.streammanager.encoder.media;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Feeds a {@link Broadcast} at the frame rate on one thread, as the run's encoding thread does in
 * production: frame {@code n} every {@code 1/fps} s, alternating two pictures every 10 frames so
 * the encoder has motion to code.
 */
final class LiveSource implements AutoCloseable {
  private final Broadcast broadcast;
  private final ScheduledExecutorService clock =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("live-source").factory());
  private final AtomicLong next = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  LiveSource(Broadcast broadcast, int width, int height, int fps) {
    this.broadcast = broadcast;
    byte[] a = TestFrames.split(width, height, TestFrames.RED, TestFrames.BLUE);
    byte[] b = TestFrames.split(width, height, TestFrames.BLUE, TestFrames.RED);
    clock.scheduleAtFixedRate(
        () -> {
          long n = next.get();
          try {
            broadcast.writeVideoFrame(n, (n / 10) % 2 == 0 ? a : b);
            next.incrementAndGet();
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            throw e;
          }
        },
        0,
        1_000_000 / fps,
        TimeUnit.MICROSECONDS);
  }

  /** Frames written so far. */
  long frames() {
    if (failure.get() != null) {
      throw new AssertionError("the broadcast failed", failure.get());
    }
    return next.get();
  }

  /** Stops feeding (the frame in progress completes), then closes the broadcast. */
  @Override
  public void close() throws InterruptedException {
    clock.shutdown();
    if (!clock.awaitTermination(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the source did not stop");
    }
    broadcast.close();
  }
}
