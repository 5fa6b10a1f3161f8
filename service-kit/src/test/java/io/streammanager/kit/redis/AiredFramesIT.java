package io.streammanager.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.kit.config.PlatformConfig.RedisSettings;
import io.streammanager.localstack.RedisServer;
import io.streammanager.proto.StateKeys;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Aired-frame checksums against a real redis-server: written in batches by the writer thread, read
 * per frame.
 */
class AiredFramesIT {
  static RedisServer server;
  static RedissonClient redis;

  @BeforeAll
  static void start() {
    server = RedisServer.start();
    redis = RedisConnector.connect(new RedisSettings(server.url(), ""));
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.shutdown();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void record_thenFlush_storesEveryFrameOfEachRunUnderItsOwnKeyWithATtl()
      throws InterruptedException {
    Map<Long, String> expected = new TreeMap<>();
    try (AiredFrames aired = new AiredFrames(redis, 2000)) {
      for (long f = 0; f < 1200; f++) {
        String sum = String.format("%016x", f * 7919);
        aired.record("news", "run-1", f, sum);
        expected.put(f, sum);
      }
      aired.record("news", "run-2", 0, "00000000000000ff");
      assertThat(aired.flush(Duration.ofSeconds(20))).as("flushed").isTrue();
      assertThat(aired.written()).isEqualTo(1201);
      assertThat(aired.dropped()).isZero();
    }

    AiredFrames.Reader reader = AiredFrames.reader(redis);
    assertThat(reader.all("news", "run-1")).isEqualTo(expected);
    assertThat(reader.all("news", "run-2")).isEqualTo(Map.of(0L, "00000000000000ff"));
    assertThat(reader.checksum("news", "run-1", 1199)).hasValue(expected.get(1199L));
    assertThat(reader.checksum("news", "run-1", 1200)).isEmpty();
    assertThat(reader.range("news", "run-1", 1190, 1300))
        .isEqualTo(new TreeMap<>(((TreeMap<Long, String>) expected).tailMap(1190L)));
    assertThat(redis.getKeys().remainTimeToLive(StateKeys.aired("news", "run-1", 0)))
        .isBetween(AiredFrames.TTL.toMillis() - 60_000, AiredFrames.TTL.toMillis());
  }

  @Test
  void record_framesInTwoBlocksWithGaps_readsBackExactlyTheAiredOnes() throws InterruptedException {
    long block = StateKeys.AIRED_BLOCK_FRAMES;
    Map<Long, String> expected =
        new TreeMap<>(
            Map.of(
                0L,
                "0000000000000001",
                2L,
                "0000000000000002",
                block - 1,
                "00000000000000a1",
                block,
                "00000000000000b0",
                block + 5,
                "00000000000000b5"));
    try (AiredFrames aired = new AiredFrames(redis, 100)) {
      expected.forEach((frame, sum) -> aired.record("gaps", "r", frame, sum));
      assertThat(aired.flush(Duration.ofSeconds(20))).isTrue();
    }

    AiredFrames.Reader reader = AiredFrames.reader(redis);
    assertThat(reader.all("gaps", "r")).isEqualTo(expected);
    assertThat(reader.range("gaps", "r", 1, block + 1))
        .isEqualTo(
            Map.of(
                2L, "0000000000000002", block - 1, "00000000000000a1", block, "00000000000000b0"));
    assertThat(reader.checksum("gaps", "r", 1))
        .as("a frame not aired, between two that were")
        .isEmpty();
    assertThat(reader.checksum("gaps", "r", block + 5)).hasValue("00000000000000b5");
  }

  @Test
  void close_storesWhatIsStillQueued() {
    try (AiredFrames aired = new AiredFrames(redis, 10)) {
      aired.record("late", "r", 3, "0000000000000003");
    }
    assertThat(AiredFrames.reader(redis).all("late", "r"))
        .isEqualTo(Map.of(3L, "0000000000000003"));
  }
}
