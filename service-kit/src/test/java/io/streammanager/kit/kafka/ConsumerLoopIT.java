package io.streammanager.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streammanager.localstack.KafkaBroker;
import io.streammanager.proto.Command;
import io.streammanager.proto.DeadLetter;
import io.streammanager.proto.LayerRemove;
import io.streammanager.proto.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The consumer loop on a real broker: bad records become dead letters with a reason and the loop
 * goes on.
 */
class ConsumerLoopIT {
  static KafkaBroker kafka;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaBroker.start();
    TopicAdmin.ensure(kafka.bootstrapServers(), Topics.ALL, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void malformedAndRejectedRecords_goToDeadLettersWithReason_andTheLoopKeepsConsuming()
      throws Exception {
    List<String> handled = new CopyOnWriteArrayList<>();
    try (Publisher publisher = new Publisher(kafka.bootstrapServers(), "test", 0);
        ConsumerLoop<Command> loop =
            ConsumerLoop.builder(
                    Topics.COMMANDS,
                    KafkaSettingsFactory.consumer(kafka.bootstrapServers(), "dlq-test", "dlq-test"))
                .deadLetters(
                    new DeadLetters(
                        publisher, "test-service", Clock.systemUTC(), new SimpleMeterRegistry()))
                .handler(
                    (record, command) -> {
                      if (command.getCommandId().equals("refuse-me")) {
                        throw new RecordRejectedException(
                            "/id: this command is refused on purpose");
                      }
                      handled.add(command.getCommandId());
                    })
                .build()
                .start()) {
      // Given a garbage record, a record the handler rejects and a good one, all on the same stream
      publisher.sendRaw(Topics.COMMANDS.name(), "s1", new byte[] {(byte) 0xFF, 0x01, 0x02}).get();
      publisher.send(Topics.COMMANDS, "s1", command("refuse-me")).get();
      publisher.send(Topics.COMMANDS, "s1", command("good")).get();

      // Then the good one is handled, after the two bad ones were set aside
      waitFor(() -> handled.contains("good"), "the good command to be handled");
      assertThat(handled).containsExactly("good");
      List<DeadLetter> letters = readDeadLetters(2);
      assertThat(letters)
          .extracting(DeadLetter::getSourceTopic)
          .containsOnly(Topics.COMMANDS.name());
      assertThat(letters).extracting(DeadLetter::getService).containsOnly("test-service");
      assertThat(letters.get(0).getReason())
          .startsWith("record on sm.commands is not a valid protobuf message");
      assertThat(letters.get(0).getValue().toByteArray()).containsExactly((byte) 0xFF, 0x01, 0x02);
      assertThat(letters.get(1).getReason()).isEqualTo("/id: this command is refused on purpose");
      assertThat(letters.get(1).getOffset()).isEqualTo(letters.get(0).getOffset() + 1);
    }
  }

  /**
   * Given ticks whose handling throws an OutOfMemoryError, a StackOverflowError and a bug, then a
   * good one: each bad one is tried 3 times, given up (the hook hears why) and dead-lettered, and
   * the loop goes on to the good one instead of dying (security review H-3, M-1).
   */
  @Test
  void poisonRecords_errorsAndBugs_areGivenUpAfterThreeAttemptsAndTheLoopGoesOn() throws Exception {
    java.util.Map<Long, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();
    List<String> givenUp = new CopyOnWriteArrayList<>();
    List<Long> handled = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean died =
        new java.util.concurrent.atomic.AtomicBoolean();
    try (Publisher publisher = new Publisher(kafka.bootstrapServers(), "test", 0);
        ConsumerLoop<io.streammanager.proto.Tick> loop =
            ConsumerLoop.builder(
                    Topics.TICKS,
                    KafkaSettingsFactory.consumer(
                        kafka.bootstrapServers(), "poison-test", "poison-test"))
                .deadLetters(
                    new DeadLetters(
                        publisher, "test-service", Clock.systemUTC(), new SimpleMeterRegistry()))
                .onFatal(() -> died.set(true))
                .onGivenUp((record, tick, reason) -> givenUp.add(tick.getFrame() + ": " + reason))
                .handler(
                    (record, tick) -> {
                      attempts.merge(tick.getFrame(), 1, Integer::sum);
                      switch ((int) tick.getFrame()) {
                        case 1 -> throw new OutOfMemoryError("Java heap space (a pixel bomb)");
                        case 2 -> throw new StackOverflowError();
                        case 3 -> throw new NullPointerException("a bug");
                        default -> handled.add(tick.getFrame());
                      }
                    })
                .build()
                .start()) {
      for (long frame = 1; frame <= 4; frame++) {
        publisher
            .send(
                Topics.TICKS,
                "s2",
                io.streammanager.proto.Tick.newBuilder().setStreamId("s2").setFrame(frame).build())
            .get();
      }

      waitFor(() -> handled.contains(4L), "the good tick to be handled");
      assertThat(died).isFalse();
      assertThat(attempts)
          .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(1L, 3, 2L, 3, 3L, 3, 4L, 1));
      assertThat(givenUp)
          .containsExactly(
              "1: failed 3 times (own), last: java.lang.OutOfMemoryError: Java heap space (a pixel bomb)",
              "2: failed 3 times (own), last: java.lang.StackOverflowError",
              "3: failed 3 times (own), last: java.lang.NullPointerException: a bug");
      List<DeadLetter> letters = readDeadLetters(Topics.TICKS.name(), 3);
      assertThat(letters)
          .extracting(DeadLetter::getReason)
          .containsExactly(
              "failed 3 times (own), last: java.lang.OutOfMemoryError: Java heap space (a pixel bomb)",
              "failed 3 times (own), last: java.lang.StackOverflowError",
              "failed 3 times (own), last: java.lang.NullPointerException: a bug");
    }
  }

  private static Command command(String id) {
    return Command.newBuilder()
        .setCommandId(id)
        .setStreamId("s1")
        .setLayerRemove(LayerRemove.newBuilder().setLayerId("x"))
        .build();
  }

  private static List<DeadLetter> readDeadLetters(int count) throws InterruptedException {
    return readDeadLetters(Topics.COMMANDS.name(), count);
  }

  /**
   * The dead letters of records from {@code sourceTopic}, from the start of the dead-letter topic.
   */
  private static List<DeadLetter> readDeadLetters(String sourceTopic, int count)
      throws InterruptedException {
    String group = "dlq-reader-" + sourceTopic;
    var settings = KafkaSettingsFactory.consumer(kafka.bootstrapServers(), group, group);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<DeadLetter> out = new CopyOnWriteArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(settings)) {
      c.subscribe(List.of(Topics.DEAD_LETTERS.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (out.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          DeadLetter letter = Topics.DEAD_LETTERS.parseValue(r.value());
          if (letter.getSourceTopic().equals(sourceTopic)) {
            out.add(letter);
          }
        }
      }
    }
    assertThat(out).as("dead letters").hasSize(count);
    return out;
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
