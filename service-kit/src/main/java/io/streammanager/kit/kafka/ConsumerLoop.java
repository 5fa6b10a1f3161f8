package io.streammanager.kit.kafka;

import com.google.protobuf.MessageLite;
import io.streammanager.proto.MalformedRecordException;
import io.streammanager.proto.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one typed topic on its own thread and hands each parsed record to a handler: partition by
 * partition, or in the {@link Builder#batchOrder order} asked for within each poll.
 *
 * <p>Failures are classified here, once ({@link Failure}): a record that cannot be parsed, or that
 * the handler rejects with {@link RecordRejectedException}, goes to the dead-letter topic
 * (acknowledged before the offset moves on); a failure of Redis or Kafka is passing and retried
 * with backoff ({@link Builder#passingAttempts}); any other failure, {@link Error}s included, is
 * the record's own: retried briefly ({@link Builder#maxAttempts}), then given up and dead-lettered
 * with the reason, so one poison record never stops the loop or holds the others up for long. A
 * failure of the loop itself (a rebalance callback, the after-poll hook) is logged and the loop
 * goes on; only an {@link Error} there ends it, and then the fatal hook runs (by default the
 * process exits, so its supervisor restarts it). Offsets are committed after the records of a poll
 * are handled.
 */
public final class ConsumerLoop<V extends MessageLite> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

  /** Retry a failing record until it succeeds or is rejected (for logs that must lose nothing). */
  public static final int RETRY_FOREVER = Integer.MAX_VALUE;

  /** Handles one record. */
  @FunctionalInterface
  public interface Handler<V> {
    void handle(ConsumerRecord<String, byte[]> record, V value) throws Exception;
  }

  /**
   * Hears of a record given up after its attempts, just before it is dead-lettered (e.g. to refuse
   * a command).
   */
  @FunctionalInterface
  public interface GivenUp<V> {
    void givenUp(ConsumerRecord<String, byte[]> record, V value, String reason);
  }

  private final Topic<V> topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final boolean grouped;
  private final Handler<V> handler;
  private final DeadLetters deadLetters;
  private final ConsumerRebalanceListener rebalanceListener;
  private final boolean liveOnly;
  private final Runnable afterPoll;
  private final Runnable onFatal;
  private final java.util.function.Supplier<Duration> pollTimeout;
  private final int maxAttempts;
  private final int passingAttempts;
  private final GivenUp<V> onGivenUp;
  private final Comparator<V> batchOrder;
  private final AtomicBoolean running = new AtomicBoolean(true);

  /** Records behind the end of the assigned partitions, as of the last poll. */
  private final java.util.concurrent.atomic.AtomicLong lag =
      new java.util.concurrent.atomic.AtomicLong();

  private final io.micrometer.core.instrument.Counter consumed;
  private final CountDownLatch assigned = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Handled, not yet committed (polling thread only). */
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();

  private final long commitIntervalNanos;
  private long lastCommitNanos;
  private final Thread thread;

  private ConsumerLoop(Builder<V> b) {
    this.topic = b.topic;
    this.grouped = b.settings.containsKey(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(b.settings);
    this.handler = b.handler;
    this.deadLetters = b.deadLetters;
    this.rebalanceListener = b.rebalanceListener;
    this.liveOnly = b.liveOnly;
    this.afterPoll = b.afterPoll;
    this.onFatal = b.onFatal;
    this.pollTimeout = b.pollTimeout;
    this.maxAttempts = b.maxAttempts;
    this.passingAttempts = b.passingAttempts;
    this.onGivenUp = b.onGivenUp;
    this.batchOrder = b.batchOrder;
    this.commitIntervalNanos = b.commitInterval.toNanos();
    this.thread = Thread.ofPlatform().name(b.threadName).unstarted(this::run);
    String group =
        grouped ? String.valueOf(b.settings.get(ConsumerConfig.GROUP_ID_CONFIG)) : "none";
    io.micrometer.core.instrument.MeterRegistry registry =
        b.registry != null
            ? b.registry
            : new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    io.micrometer.core.instrument.Gauge.builder(
            "sm_kafka_consumer_lag_records", lag, java.util.concurrent.atomic.AtomicLong::get)
        .description(
            "records between this consumer's position and the end of its assigned partitions")
        .tag("topic", topic.name())
        .tag("group", group)
        .register(registry);
    this.consumed =
        io.micrometer.core.instrument.Counter.builder("sm_kafka_records_consumed")
            .description("records this consumer polled")
            .tag("topic", topic.name())
            .tag("group", group)
            .register(registry);
  }

  /**
   * A loop over {@code topic}. With a {@code group.id} in the settings it joins that consumer
   * group; without one it reads every partition from the end (each instance sees every new record,
   * no group is left behind).
   */
  public static <V extends MessageLite> Builder<V> builder(
      Topic<V> topic, Map<String, Object> consumerSettings) {
    return new Builder<>(topic, consumerSettings);
  }

  /** Starts polling; returns at once. */
  public ConsumerLoop<V> start() {
    thread.start();
    return this;
  }

  /** True while the loop runs and the group gave it its partitions (possibly none). */
  public boolean isAssigned() {
    return assigned.getCount() == 0 && thread.isAlive() && running.get();
  }

  public boolean awaitAssigned(Duration timeout) throws InterruptedException {
    return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && thread.isAlive();
  }

  private void run() {
    try {
      if (grouped) {
        consumer.subscribe(List.of(topic.name()), new SafeListener());
      } else {
        List<TopicPartition> all =
            consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(all);
        consumer.seekToEnd(all);
        all.forEach(consumer::position);
        assigned.countDown();
      }
      while (running.get()) {
        try {
          ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout.get());
          measureLag();
          if (!records.isEmpty()) {
            consumed.increment(records.count());
            handleBatch(records);
          }
          afterPoll.run();
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          LOG.error(
              "consumer of {}: {}; reading again from the last commit in 1 s",
              topic.name(),
              e.toString(),
              e);
          pause(1_000);
          rewind();
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        LOG.error("consumer of {} woken up unexpectedly", topic.name(), e);
      }
    } catch (RuntimeException | Error e) {
      LOG.error("consumer of {} died: {}", topic.name(), e.toString(), e);
      if (running.get()) {
        onFatal.run();
      }
    } finally {
      commitNow(null);
      try {
        // Leave the group now (static members too): its partitions move at once instead of after
        // the session.
        consumer.close(
            CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(5)));
      } catch (RuntimeException e) {
        LOG.warn("closing consumer of {}: {}", topic.name(), e.toString());
      }
      stopped.countDown();
    }
  }

  /**
   * Back to the last handled (or committed) offsets, so records of a batch that failed half-way are
   * read again.
   */
  private void rewind() {
    if (!grouped) {
      return;
    }
    try {
      var assignment = consumer.assignment();
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assignment);
      for (TopicPartition tp : assignment) {
        // What was handled and not yet committed is not read again; the batch that failed is.
        OffsetAndMetadata o = uncommitted.containsKey(tp) ? uncommitted.get(tp) : committed.get(tp);
        if (o != null) {
          consumer.seek(tp, o);
        } else if (liveOnly) {
          consumer.seekToEnd(List.of(tp));
        } else {
          consumer.seekToBeginning(List.of(tp));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot rewind {}: {}", topic.name(), e.toString());
    }
  }

  private record Parsed<V>(ConsumerRecord<String, byte[]> record, V value) {}

  private void handleBatch(ConsumerRecords<String, byte[]> records) {
    List<Parsed<V>> batch = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> r : records) {
      try {
        batch.add(new Parsed<>(r, topic.parseValue(r.value())));
      } catch (MalformedRecordException e) {
        deadLetters.send(r, e.getMessage());
      }
    }
    if (batchOrder != null) {
      batch.sort((a, b) -> batchOrder.compare(a.value(), b.value()));
    }
    for (Parsed<V> p : batch) {
      if (!running.get()) {
        return;
      }
      handleWithRetries(p.record(), p.value());
    }
    if (grouped && running.get()) {
      for (TopicPartition tp : records.partitions()) {
        uncommitted.put(tp, new OffsetAndMetadata(records.records(tp).getLast().offset() + 1));
      }
      commitIfDue();
    }
  }

  /**
   * Commits what was handled at most once per {@link Builder#commitInterval} (a commit is a write
   * to the broker's offsets log: one per frame was most of the broker's work on the frame path).
   * Positions are committed for certain when partitions are revoked and when the loop ends, so a
   * clean hand-over re-reads nothing; after a crash, at most one interval is read again (every
   * handler here takes a record twice: commands are deduplicated by their position, a frame drawn
   * again is the same frame).
   */
  private void commitIfDue() {
    long now = System.nanoTime();
    if (uncommitted.isEmpty() || now - lastCommitNanos < commitIntervalNanos) {
      return;
    }
    lastCommitNanos = now;
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>(uncommitted);
    uncommitted.clear();
    consumer.commitAsync(
        done,
        (o, e) -> {
          if (e != null) {
            LOG.debug(
                "offset commit on {} failed (the next commit covers it): {}",
                topic.name(),
                e.toString());
          }
        });
  }

  /**
   * Commits now, and waits (at most 5 s), what was handled of {@code partitions} (all when null).
   */
  private void commitNow(Collection<TopicPartition> partitions) {
    if (!grouped || uncommitted.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    for (var it = uncommitted.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (partitions == null || partitions.contains(e.getKey())) {
        done.put(e.getKey(), e.getValue());
        it.remove();
      }
    }
    try {
      if (!done.isEmpty()) {
        consumer.commitSync(done, Duration.ofSeconds(5));
      }
    } catch (RuntimeException e) {
      LOG.warn("committing the handled offsets of {} failed: {}", topic.name(), e.toString());
    }
  }

  private void handleWithRetries(ConsumerRecord<String, byte[]> r, V value) {
    for (int attempt = 1; running.get(); attempt++) {
      try {
        handler.handle(r, value);
        return;
      } catch (InterruptedException e) {
        // Shutting down: the record is not handled, and the batch is not committed (it is read
        // again).
        Thread.currentThread().interrupt();
        running.set(false);
        return;
      } catch (Throwable e) {
        Failure failure = Failure.classify(e);
        if (failure == Failure.REJECTED) {
          deadLetters.send(r, rejection(e));
          return;
        }
        int limit = failure == Failure.PASSING ? passingAttempts : maxAttempts;
        if (attempt >= limit) {
          String reason =
              "failed "
                  + attempt
                  + " times ("
                  + failure.name().toLowerCase(java.util.Locale.ROOT)
                  + "), last: "
                  + e;
          LOG.error(
              "giving up {}-{}@{} ({}); it goes to the dead letters",
              r.topic(),
              r.partition(),
              r.offset(),
              reason,
              e);
          try {
            onGivenUp.givenUp(r, value, reason);
          } catch (RuntimeException hookFailed) {
            LOG.error(
                "handling the given-up record {}-{}@{} failed too: {}",
                r.topic(),
                r.partition(),
                r.offset(),
                hookFailed.toString(),
                hookFailed);
          }
          deadLetters.send(r, reason);
          return;
        }
        long backoffMs =
            failure == Failure.PASSING
                ? Math.min(5_000, 100L << Math.min(attempt, 6))
                : 50L * attempt;
        LOG.warn(
            "handling {}-{}@{} failed (attempt {}{}, {}), will retry in {} ms: {}",
            r.topic(),
            r.partition(),
            r.offset(),
            attempt,
            limit == RETRY_FOREVER ? "" : "/" + limit,
            failure == Failure.PASSING ? "Redis or Kafka away?" : "a failure of this record",
            backoffMs,
            e.toString());
        pause(backoffMs);
      }
    }
  }

  private static String rejection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RecordRejectedException || t instanceof MalformedRecordException) {
        return t.getMessage();
      }
    }
    return e.toString();
  }

  /**
   * How a handler's failure is treated, decided once from its cause chain: a record rejected on
   * purpose goes to the dead letters at once; a failure of Redis or Kafka (connection, timeout,
   * broker retriable) is passing and retried with backoff; anything else (a bug, bad data, an
   * {@link Error} such as running out of memory) is taken as the record's own and retried briefly
   * before it is given up, so no record stalls the others for long. A Redis error that is not about
   * Redis being away (a script error, a wrong type) is the record's own too.
   */
  enum Failure {
    REJECTED,
    PASSING,
    OWN;

    /**
     * Redis away or busy (Redisson's names): a later attempt may work. Any other Redis error is the
     * record's.
     */
    private static final java.util.Set<String> PASSING_REDIS =
        java.util.Set.of(
            "org.redisson.client.RedisConnectionException",
            "org.redisson.client.RedisTimeoutException",
            "org.redisson.client.RedisResponseTimeoutException",
            "org.redisson.client.RedisRetryException",
            "org.redisson.client.RedisNodeNotFoundException",
            "org.redisson.client.RedisLoadingException",
            "org.redisson.client.RedisTryAgainException",
            "org.redisson.client.RedisBusyException",
            "org.redisson.client.RedisClusterDownException",
            "org.redisson.client.RedisReadonlyException",
            "org.redisson.client.RedisWaitException",
            "org.redisson.client.RedisOutOfMemoryException",
            "org.redisson.client.RedisMasterDownException",
            "org.redisson.client.RedisReconnectedException",
            "org.redisson.client.RedisNoReplicasException");

    static Failure classify(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof RecordRejectedException || t instanceof MalformedRecordException) {
          return REJECTED;
        }
      }
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof com.google.protobuf.InvalidProtocolBufferException) {
          return OWN; // an unreadable snapshot or record in Redis: an IOException, but no retry
          // mends it
        }
        if (t instanceof org.apache.kafka.common.errors.RetriableException
            || t instanceof org.apache.kafka.common.errors.InterruptException
            || t instanceof java.util.concurrent.TimeoutException
            || t instanceof java.net.SocketException
            || t instanceof java.net.SocketTimeoutException
            || t instanceof java.net.UnknownHostException
            || t instanceof java.nio.channels.ClosedChannelException
            || PASSING_REDIS.contains(t.getClass().getName())
            || t.getClass().getName().startsWith("io.netty.channel.")) {
          return PASSING;
        }
      }
      return OWN;
    }
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.set(false);
    }
  }

  @Override
  public void close() {
    if (running.compareAndSet(true, false)) {
      consumer.wakeup();
    }
    try {
      if (thread.isAlive() && !stopped.await(10, TimeUnit.SECONDS)) {
        LOG.warn("consumer of {} did not stop within 10 s", topic.name());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Rebalance callbacks that cannot break the loop: a failure is logged, the assignment still
   * counts.
   */
  private void measureLag() {
    long behind = 0;
    for (TopicPartition tp : consumer.assignment()) {
      behind += consumer.currentLag(tp).orElse(0);
    }
    lag.set(behind);
  }

  private final class SafeListener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      guarded("revoked (committing what was handled)", () -> commitNow(partitions));
      guarded("revoked", () -> rebalanceListener.onPartitionsRevoked(partitions));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(uncommitted::remove);
      guarded("lost", () -> rebalanceListener.onPartitionsLost(partitions));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (liveOnly && !partitions.isEmpty()) {
        guarded(
            "assigned (to the live end)",
            () -> {
              consumer.seekToEnd(partitions);
              // Committed at once, so a rewind after a failed batch goes back to here, never to the
              // previous owner's position or the beginning.
              Map<TopicPartition, OffsetAndMetadata> live = new java.util.HashMap<>();
              partitions.forEach(tp -> live.put(tp, new OffsetAndMetadata(consumer.position(tp))));
              consumer.commitSync(live);
            });
      }
      guarded("assigned", () -> rebalanceListener.onPartitionsAssigned(partitions));
      assigned.countDown();
    }

    private void guarded(String what, Runnable r) {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.error("partitions {} callback on {} failed: {}", what, topic.name(), e.toString(), e);
      }
    }
  }

  /** Builder: topic, settings, handler and dead letters are required. */
  public static final class Builder<V extends MessageLite> {
    private final Topic<V> topic;
    private final Map<String, Object> settings;
    private Handler<V> handler;
    private DeadLetters deadLetters;
    private ConsumerRebalanceListener rebalanceListener =
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
        };
    private Runnable afterPoll = () -> {};
    private Runnable onFatal =
        () -> {
          LOG.error("exiting so that the process can be restarted");
          System.exit(70);
        };
    // Records are handed over as soon as they arrive whatever the timeout: it only sets how often
    // the after-poll hook runs while nothing comes (an idle loop wakes twice a second).
    private java.util.function.Supplier<Duration> pollTimeout = () -> Duration.ofMillis(500);
    private int maxAttempts = 3;
    private int passingAttempts = 5;
    private GivenUp<V> onGivenUp = (r, v, reason) -> {};
    private Comparator<V> batchOrder;
    private String threadName;
    private io.micrometer.core.instrument.MeterRegistry registry;
    private boolean liveOnly;
    private Duration commitInterval = Duration.ofSeconds(1);

    private Builder(Topic<V> topic, Map<String, Object> settings) {
      this.topic = topic;
      this.settings = settings;
      this.threadName = "consume-" + topic.name();
    }

    public Builder<V> handler(Handler<V> h) {
      this.handler = h;
      return this;
    }

    public Builder<V> deadLetters(DeadLetters d) {
      this.deadLetters = d;
      return this;
    }

    public Builder<V> rebalanceListener(ConsumerRebalanceListener l) {
      this.rebalanceListener = l;
      return this;
    }

    /** Runs on the polling thread after every poll, records or not (deadlines, periodic status). */
    public Builder<V> afterPoll(Runnable r) {
      this.afterPoll = r;
      return this;
    }

    /** Runs when the loop dies of an {@link Error}; by default the process exits with code 70. */
    public Builder<V> onFatal(Runnable r) {
      this.onFatal = r;
      return this;
    }

    public Builder<V> pollTimeout(Duration d) {
      this.pollTimeout = () -> d;
      return this;
    }

    /**
     * How long each poll waits, asked before each poll on the loop's thread (what {@link
     * #afterPoll} needs may change it: short while it has work between records, long while idle). A
     * poll returns as soon as records come, whatever it may wait.
     */
    public Builder<V> pollTimeout(java.util.function.Supplier<Duration> d) {
      this.pollTimeout = d;
      return this;
    }

    /**
     * Attempts per record that fails by itself (a bug, bad data, an Error) before it is given up
     * and dead-lettered; default 3, a few hundred milliseconds in all.
     */
    public Builder<V> maxAttempts(int n) {
      this.maxAttempts = n;
      return this;
    }

    /**
     * Attempts while Redis or Kafka fail (default 5, about 3 s); {@link #RETRY_FOREVER} for logs
     * that must lose nothing: the record waits until they are back.
     */
    public Builder<V> passingAttempts(int n) {
      this.passingAttempts = n;
      return this;
    }

    /** Runs when a record is given up after its attempts, before it is dead-lettered. */
    public Builder<V> onGivenUp(GivenUp<V> hook) {
      this.onGivenUp = hook;
      return this;
    }

    /**
     * Every partition this consumer is given starts at its end, not at the group's committed
     * offset: for live media, where a record that was due before the partition came here (its
     * previous owner died) is in the past and must not be played.
     */
    public Builder<V> liveOnly() {
      this.liveOnly = true;
      return this;
    }

    /**
     * Handles the records of each poll in this order instead of partition by partition (e.g. ticks
     * by frame number, so a worker catching up draws frames in order).
     */
    public Builder<V> batchOrder(Comparator<V> order) {
      this.batchOrder = order;
      return this;
    }

    /**
     * How often handled offsets are committed at most (default 1 s); also on revocation and at the
     * end.
     */
    public Builder<V> commitInterval(Duration d) {
      this.commitInterval = d;
      return this;
    }

    /**
     * Where the loop reports its lag ({@code sm_kafka_consumer_lag_records}) and records consumed.
     */
    public Builder<V> metrics(io.micrometer.core.instrument.MeterRegistry r) {
      this.registry = r;
      return this;
    }

    public ConsumerLoop<V> build() {
      if (handler == null || deadLetters == null) {
        throw new IllegalStateException("a ConsumerLoop needs a handler and dead letters");
      }
      return new ConsumerLoop<>(this);
    }
  }
}
