package io.streammanager.encoder.media;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * FFmpeg's interrupt callback for one muxer: a blocking network call (connect, write, close)
 * returns {@code AVERROR_EXIT} once its deadline passed or the output was aborted, so a dead ingest
 * never blocks an output thread for longer than its I/O timeout. One native callback serves every
 * muxer; the {@code opaque} pointer (a native long owned here) tells them apart.
 */
final class IoGuard implements AutoCloseable {
  private static final Map<Long, IoGuard> GUARDS = new ConcurrentHashMap<>();

  /** FFmpeg keeps a raw pointer to the callback: this reference keeps it from being collected. */
  private static final Callback CALLBACK = new Callback();

  private final LongPointer opaque = new LongPointer(1);
  private volatile long deadlineNanos = Long.MAX_VALUE;
  private volatile boolean aborted;

  IoGuard() {
    GUARDS.put(opaque.address(), this);
  }

  /** Points {@code cb} (e.g. a format context's {@code interrupt_callback}) at this guard. */
  void install(AVIOInterruptCB cb) {
    cb.callback(CALLBACK).opaque(opaque);
  }

  /** The next FFmpeg calls are interrupted after {@code timeoutNanos} (Long.MAX_VALUE: never). */
  void arm(long timeoutNanos) {
    deadlineNanos =
        timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
  }

  void disarm() {
    deadlineNanos = Long.MAX_VALUE;
  }

  /** From any thread: every FFmpeg call of this muxer fails fast from now on. */
  void abort() {
    aborted = true;
  }

  boolean aborted() {
    return aborted;
  }

  boolean interrupted() {
    return aborted || System.nanoTime() - deadlineNanos > 0 && deadlineNanos != Long.MAX_VALUE;
  }

  @Override
  public void close() {
    GUARDS.remove(opaque.address());
    opaque.close();
  }

  private static final class Callback extends AVIOInterruptCB.Callback_Pointer {
    /** Called by FFmpeg on the output's thread while it waits; must not throw into native code. */
    @Override
    public int call(Pointer opaque) {
      try {
        IoGuard guard = opaque == null ? null : GUARDS.get(opaque.address());
        return guard != null && guard.interrupted() ? 1 : 0;
      } catch (RuntimeException e) {
        return 0;
      }
    }
  }
}
