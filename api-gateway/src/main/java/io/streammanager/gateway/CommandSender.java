package io.streammanager.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streammanager.proto.Command;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stamps commands (id, time, sender) and publishes them, returning only when Kafka has them ({@code
 * acks=all}).
 */
final class CommandSender {
  private final CommandLog log;
  private final Clock clock;
  private final Duration timeout;
  private final Timer publishTime;

  CommandSender(CommandLog log, Clock clock, Duration timeout, MeterRegistry registry) {
    this.log = log;
    this.clock = clock;
    this.timeout = timeout;
    this.publishTime =
        Timer.builder("sm_gateway_command_publish_seconds")
            .description("time until Kafka acknowledged a command")
            .publishPercentileHistogram()
            .register(registry);
  }

  /**
   * Publishes and returns the command id (the builder's, or a new one); throws {@link
   * CommandNotStoredException} when Kafka did not take it.
   */
  String send(String streamId, String issuedBy, Command.Builder command) {
    String id =
        command.getCommandId().isEmpty() ? UUID.randomUUID().toString() : command.getCommandId();
    Command c =
        command
            .setCommandId(id)
            .setStreamId(streamId)
            .setIssuedBy(issuedBy)
            .setIssuedAt(ProtoTime.of(clock.instant()))
            .build();
    if (c.getSerializedSize() > Topics.MAX_RECORD_BYTES - 4096) {
      throw new CommandTooLargeException(
          "the command is "
              + c.getSerializedSize()
              + " bytes; a command may be at most "
              + (Topics.MAX_RECORD_BYTES - 4096)
              + " bytes (upload pictures with POST /api/assets)");
    }
    long start = System.nanoTime();
    try {
      log.append(streamId, c).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return id;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandNotStoredException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new CommandNotStoredException(
          String.valueOf(e.getCause() == null ? e : e.getCause()), e);
    } finally {
      publishTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  /** The command would not fit in one Kafka record: nothing was sent. */
  static final class CommandTooLargeException extends RuntimeException {
    CommandTooLargeException(String message) {
      super(message);
    }
  }

  /** Kafka did not acknowledge the command in time. */
  static final class CommandNotStoredException extends RuntimeException {
    CommandNotStoredException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
