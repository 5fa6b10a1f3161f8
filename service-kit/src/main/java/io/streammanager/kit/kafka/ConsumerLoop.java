package io.streammanager.kit.kafka;

import com.google.protobuf.MessageLite;
import io.streammanager.proto.MalformedRecordException;
import io.streammanager.proto.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Polls one typed topic on its own thread and hands each parsed record to a handler, in partition order.
 *
 * <p>Failures are classified here, once: a record that cannot be parsed, or that the handler rejects with
 * {@link RecordRejectedException}, goes to the dead-letter topic; any other exception is taken as passing (Redis or
 * Kafka briefly away) and the record is retried with backoff, up to {@code maxAttempts}, then dead-lettered. The loop
 * itself never dies on a record. Offsets are committed after the records of a poll are handled.
 */
public final class ConsumerLoop<V extends MessageLite> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

  /** Handles one record. */
  @FunctionalInterface
  public interface Handler<V> {
    void handle(ConsumerRecord<String, byte[]> record, V value) throws Exception;
  }

  private final Topic<V> topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Handler<V> handler;
  private final DeadLetters deadLetters;
  private final ConsumerRebalanceListener rebalanceListener;
  private final Runnable afterPoll;
  private final Duration pollTimeout;
  private final int maxAttempts;
  private final java.util.Comparator<V> batchOrder;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CountDownLatch assigned = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;

  private ConsumerLoop(Builder<V> b) {
    this.topic = b.topic;
    this.consumer = new KafkaConsumer<>(b.settings);
    this.handler = b.handler;
    this.deadLetters = b.deadLetters;
    this.rebalanceListener = b.rebalanceListener;
    this.afterPoll = b.afterPoll;
    this.pollTimeout = b.pollTimeout;
    this.maxAttempts = b.maxAttempts;
    this.batchOrder = b.batchOrder;
    this.thread = Thread.ofPlatform().name(b.threadName).unstarted(this::run);
  }

  public static <V extends MessageLite> Builder<V> builder(Topic<V> topic, Map<String, Object> consumerSettings) {
    return new Builder<>(topic, consumerSettings);
  }

  /** Starts polling; returns at once. */
  public ConsumerLoop<V> start() {
    thread.start();
    return this;
  }

  /** True once the group gave this consumer its partitions (possibly none). */
  public boolean isAssigned() {
    return assigned.getCount() == 0;
  }

  public boolean awaitAssigned(Duration timeout) throws InterruptedException {
    return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic.name()), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          rebalanceListener.onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          rebalanceListener.onPartitionsAssigned(partitions);
          assigned.countDown();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
          rebalanceListener.onPartitionsLost(partitions);
        }
      });
      while (running.get()) {
        ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
        if (!records.isEmpty()) {
          handleBatch(records);
        }
        afterPoll.run();
      }
    } catch (WakeupException e) {
      if (running.get()) {
        LOG.error("consumer of {} woken up unexpectedly", topic.name(), e);
      }
    } catch (RuntimeException e) {
      LOG.error("consumer of {} stopped: {}", topic.name(), e.toString(), e);
    } finally {
      try {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
      } catch (RuntimeException e) {
        LOG.warn("closing consumer of {}: {}", topic.name(), e.toString());
      }
      stopped.countDown();
    }
  }

  private record Parsed<V>(ConsumerRecord<String, byte[]> record, V value) {}

  /** Parses the poll's records, orders them when asked (order across partitions is otherwise arbitrary), handles. */
  private void handleBatch(ConsumerRecords<String, byte[]> records) {
    List<Parsed<V>> batch = new java.util.ArrayList<>(records.count());
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
        break;
      }
      handleWithRetries(p.record(), p.value());
    }
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> rs = records.records(tp);
      done.put(tp, new OffsetAndMetadata(rs.getLast().offset() + 1));
    }
    if (running.get()) {
      commit(done);
    }
  }

  private void handleWithRetries(ConsumerRecord<String, byte[]> r, V value) {
    for (int attempt = 1; running.get(); attempt++) {
      try {
        handler.handle(r, value);
        return;
      } catch (RecordRejectedException e) {
        deadLetters.send(r, e.getMessage());
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (attempt >= maxAttempts) {
          deadLetters.send(r, "failed " + attempt + " times, last: " + e);
          return;
        }
        long backoffMs = Math.min(5_000, 100L << Math.min(attempt, 6));
        LOG.warn("handling {}-{}@{} failed (attempt {}/{}), will retry in {} ms: {}", r.topic(), r.partition(),
            r.offset(), attempt, maxAttempts, backoffMs, e.toString());
        try {
          Thread.sleep(backoffMs);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      consumer.commitAsync(offsets, (o, e) -> {
        if (e != null) {
          LOG.debug("offset commit on {} failed (next commit covers it): {}", topic.name(), e.toString());
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("offset commit on {} failed: {}", topic.name(), e.toString());
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

  /** Builder: topic, settings and handler are required. */
  public static final class Builder<V extends MessageLite> {
    private final Topic<V> topic;
    private final Map<String, Object> settings;
    private Handler<V> handler;
    private DeadLetters deadLetters;
    private ConsumerRebalanceListener rebalanceListener = new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
    };
    private Runnable afterPoll = () -> {};
    private Duration pollTimeout = Duration.ofMillis(100);
    private int maxAttempts = 5;
    private java.util.Comparator<V> batchOrder;
    private String threadName;

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

    public Builder<V> pollTimeout(Duration d) {
      this.pollTimeout = d;
      return this;
    }

    /**
     * Handles the records of each poll in this order instead of partition by partition (e.g. ticks by frame number,
     * so a worker catching up draws frames in order).
     */
    public Builder<V> batchOrder(java.util.Comparator<V> order) {
      this.batchOrder = order;
      return this;
    }

    public Builder<V> maxAttempts(int n) {
      this.maxAttempts = n;
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
