package io.streammanager.kit.kafka;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streammanager.proto.DeadLetter;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.Topics;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records a consumer could not use to {@link Topics#DEAD_LETTERS}, with the reason, and
 * counts them.
 */
public final class DeadLetters {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
  private final Publisher publisher;
  private final String service;
  private final Clock clock;
  private final MeterRegistry registry;

  public DeadLetters(Publisher publisher, String service, Clock clock, MeterRegistry registry) {
    this.publisher = publisher;
    this.service = service;
    this.clock = clock;
    this.registry = registry;
  }

  public void send(ConsumerRecord<String, byte[]> record, String reason) {
    LOG.warn(
        "dead letter from {}-{}@{}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        reason);
    Counter.builder("sm_dead_letters_total")
        .description("records sent to the dead-letter topic")
        .tag("topic", record.topic())
        .register(registry)
        .increment();
    DeadLetter.Builder dl =
        DeadLetter.newBuilder()
            .setSourceTopic(record.topic())
            .setPartition(record.partition())
            .setOffset(record.offset())
            .setReason(reason)
            .setService(service)
            .setAt(ProtoTime.ofMillis(clock.millis()));
    if (record.key() != null) {
      dl.setKey(ByteString.copyFromUtf8(record.key()));
    }
    if (record.value() != null) {
      dl.setValue(ByteString.copyFrom(record.value()));
    }
    try {
      // The offset moves on only once the dead letter is stored: nothing is lost.
      publisher
          .send(Topics.DEAD_LETTERS, record.key() == null ? service : record.key(), dl.build())
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot store a dead letter of " + record.topic() + ": " + e, e);
    }
  }
}
