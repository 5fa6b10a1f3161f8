package io.streammanager.bench;

import io.streammanager.proto.Tick;
import io.streammanager.proto.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every tick of one stream from now on, read from the ticks topic outside any group: each frame
 * number and when each copy of it was produced (the broker's record time). Tells how long the
 * stream's clock stopped while layer-service instances took it over, and whether a frame number
 * came twice.
 */
final class TickWatch implements AutoCloseable {
  private final NavigableMap<Long, List<Long>> emittedAt = new ConcurrentSkipListMap<>();
  private final Thread reader;
  private volatile boolean reading = true;

  /** The largest pause of the clock in a span of time, and the frames it skipped. */
  record Pause(long gapMs, long lastFrameBefore, long firstFrameAfter, long framesTwice) {}

  TickWatch(String bootstrap, String streamId) {
    this.reader =
        Thread.ofPlatform().daemon().name("tick-watch").start(() -> read(bootstrap, streamId));
  }

  /** The longest time between two consecutive frames emitted in [fromMillis, toMillis]. */
  Pause longestPause(long fromMillis, long toMillis) {
    long gap = 0;
    long before = -1;
    long after = -1;
    long twice = 0;
    Map.Entry<Long, List<Long>> previous = null;
    for (Map.Entry<Long, List<Long>> e : emittedAt.entrySet()) {
      long at = e.getValue().get(0);
      if (at < fromMillis - 1_000 || at > toMillis) {
        continue;
      }
      if (e.getValue().size() > 1) {
        twice++;
      }
      if (previous != null && at - previous.getValue().get(0) > gap) {
        gap = at - previous.getValue().get(0);
        before = previous.getKey();
        after = e.getKey();
      }
      previous = e;
    }
    return new Pause(gap, before, after, twice);
  }

  int frames() {
    return emittedAt.size();
  }

  private void read(String bootstrap, String streamId) {
    Map<String, Object> settings =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class);
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(settings)) {
      List<TopicPartition> partitions =
          IntStream.range(0, Topics.TICKS.partitions())
              .mapToObj(p -> new TopicPartition(Topics.TICKS.name(), p))
              .toList();
      c.assign(partitions);
      c.seekToEnd(partitions);
      partitions.forEach(c::position);
      while (reading) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          Tick tick = Tick.parseFrom(r.value());
          if (tick.getStreamId().equals(streamId) && !tick.getEndOfStream()) {
            emittedAt
                .computeIfAbsent(tick.getFrame(), f -> new CopyOnWriteArrayList<>())
                .add(r.timestamp());
          }
        }
      }
    } catch (Exception e) {
      BenchMain.progress("tick watch stopped: %s", e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    reading = false;
    reader.join(5_000);
  }
}
