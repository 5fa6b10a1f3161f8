package io.streammanager.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.streammanager.kit.kafka.ConsumerLoop.Failure;
import io.streammanager.proto.MalformedRecordException;
import org.junit.jupiter.api.Test;

/**
 * A failure is classified once, from its cause chain: what is retried, for how long, and what is
 * given up.
 */
class ConsumerLoopFailureTest {
  @Test
  void classify_rejectedOrMalformedAnywhereInTheChain_isRejected() {
    assertThat(Failure.classify(new IllegalStateException(new RecordRejectedException("no"))))
        .isEqualTo(Failure.REJECTED);
    assertThat(Failure.classify(new MalformedRecordException("bad", null)))
        .isEqualTo(Failure.REJECTED);
  }

  @Test
  void classify_redisOrKafkaAway_isPassing() {
    assertThat(Failure.classify(new org.redisson.client.RedisConnectionException("refused")))
        .isEqualTo(Failure.PASSING);
    assertThat(
            Failure.classify(
                new RuntimeException(new org.redisson.client.RedisTimeoutException("slow"))))
        .isEqualTo(Failure.PASSING);
    assertThat(
            Failure.classify(
                new java.util.concurrent.ExecutionException(
                    new org.apache.kafka.common.errors.NotLeaderOrFollowerException("moving"))))
        .isEqualTo(Failure.PASSING);
    assertThat(Failure.classify(new java.util.concurrent.TimeoutException()))
        .isEqualTo(Failure.PASSING);
  }

  @Test
  void classify_bugsErrorsUnreadableDataAndOtherRedisErrors_areTheRecordsOwn() {
    assertThat(Failure.classify(new NullPointerException())).isEqualTo(Failure.OWN);
    assertThat(Failure.classify(new OutOfMemoryError())).isEqualTo(Failure.OWN);
    assertThat(Failure.classify(new StackOverflowError())).isEqualTo(Failure.OWN);
    assertThat(
            Failure.classify(
                new IllegalStateException(
                    "snapshot is not a StreamState",
                    new InvalidProtocolBufferException("truncated"))))
        .as("an IOException no retry mends")
        .isEqualTo(Failure.OWN);
    assertThat(
            Failure.classify(
                new org.redisson.client.RedisException("ERR wrong number of arguments")))
        .isEqualTo(Failure.OWN);
  }
}
