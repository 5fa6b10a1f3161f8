package io.streammanager.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} that runs nothing on its own: it keeps the periodic tasks it
 * is given, and the test fires them with {@link #runAll()} after moving its clock.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  /** One task given to {@link #scheduleAtFixedRate}. */
  static final class Task implements ScheduledFuture<Object> {
    final Runnable command;
    final long initialDelay;
    final long period;
    final TimeUnit unit;
    boolean cancelled;

    Task(Runnable command, long initialDelay, long period, TimeUnit unit) {
      this.command = command;
      this.initialDelay = initialDelay;
      this.period = period;
      this.unit = unit;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelled = true;
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled;
    }

    @Override
    public Object get() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object get(long timeout, TimeUnit u) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long getDelay(TimeUnit u) {
      return 0;
    }

    @Override
    public int compareTo(Delayed o) {
      return 0;
    }
  }

  private final List<Task> tasks = new ArrayList<>();

  List<Task> tasks() {
    return List.copyOf(tasks);
  }

  List<Task> activeTasks() {
    return tasks.stream().filter(t -> !t.cancelled).toList();
  }

  /** Runs every task that is not cancelled once, as the executor would when their period came. */
  void runAll() {
    for (Task t : List.copyOf(tasks)) {
      if (!t.cancelled) {
        t.command.run();
      }
    }
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    Task t = new Task(command, initialDelay, period, unit);
    tasks.add(t);
    return t;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void execute(Runnable command) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void shutdown() {
    tasks.forEach(t -> t.cancel(false));
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown();
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
