package io.streammanager.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunIdsTest {
  static final Instant T = Instant.parse("2026-11-26T03:45:07.123Z");

  @Test
  void of_timeAndOffset_isReadableAndSortable() {
    assertThat(RunIds.of(T, 42)).isEqualTo("20261126-034507-123-42");
  }

  @Test
  void isNewer_laterStart_isNewerWhateverTheOffsets() {
    assertThat(RunIds.isNewer(RunIds.of(T.plusMillis(1), 3), RunIds.of(T, 1000))).isTrue();
    assertThat(RunIds.isNewer(RunIds.of(T, 1000), RunIds.of(T.plusMillis(1), 3))).isFalse();
  }

  @Test
  void isNewer_sameMillisecond_comparesOffsetsAsNumbers() {
    assertThat(RunIds.isNewer(RunIds.of(T, 10), RunIds.of(T, 9))).isTrue();
    assertThat(RunIds.isNewer(RunIds.of(T, 9), RunIds.of(T, 10))).isFalse();
    assertThat(RunIds.isNewer(RunIds.of(T, 9), RunIds.of(T, 9))).isFalse();
  }

  @Test
  void partitionFor_streamKey_matchesKafkasDefaultPartitioner() {
    // murmur2("default") with Kafka's toPositive, modulo 6 partitions
    int expected =
        org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2("default".getBytes()))
            % 6;
    assertThat(Topics.COMMANDS.partitionFor("default")).isEqualTo(expected);
  }
}
