package io.streammanager.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.kit.config.PlatformConfig.RedisSettings;
import io.streammanager.localstack.RedisServer;
import io.streammanager.proto.CommandRecord;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.StreamState;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * A state and the decision that made it go to a real redis-server in one transaction: after {@code
 * writeDecided} the snapshot, the head, the history entry and an idempotent command's decision by
 * id are all there; after {@code deleteDecided} the head is gone and the delete is in the history.
 */
class DecidedWritesIT {
  private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
  static RedisServer server;
  static RedissonClient redis;
  static StateStore store;

  @BeforeAll
  static void start() {
    server = RedisServer.start();
    redis = RedisConnector.connect(new RedisSettings(server.url(), ""));
    store = new StateStore(redis);
  }

  @AfterAll
  static void stop() {
    redis.shutdown();
    server.close();
  }

  @Test
  void writeDecided_storesTheStateAndItsDecisionTogether() {
    StreamState state = StreamState.newBuilder().setStreamId("w").setVersion(3).build();
    CommandRecord decision = record("w", "cmd-3", 7, CommandRecord.Result.APPLIED, 3, T, true);

    store.writeDecided(state, decision);

    assertThat(store.head("w")).contains(state);
    assertThat(store.version("w", 3)).contains(state);
    assertThat(store.streamIds()).contains("w");
    assertThat(store.historyBefore("w", Long.MAX_VALUE, 10)).containsExactly(decision);
    assertThat(store.decision("cmd-3")).contains(decision);
  }

  @Test
  void deleteDecided_removesTheStreamAndKeepsTheDelete() {
    StreamState state = StreamState.newBuilder().setStreamId("d").setVersion(1).build();
    CommandRecord created = record("d", "create", 0, CommandRecord.Result.APPLIED, 1, T, false);
    CommandRecord deleted =
        record("d", "delete", 1, CommandRecord.Result.APPLIED, 1, T.plusSeconds(1), false);
    store.writeDecided(state, created);

    store.deleteDecided("d", deleted);

    assertThat(store.head("d")).isEmpty();
    assertThat(store.streamIds()).doesNotContain("d");
    assertThat(store.historyBefore("d", Long.MAX_VALUE, 10)).containsExactly(deleted, created);
    assertThat(store.decision("delete")).as("not idempotent: not kept by id").isEmpty();
  }

  private static CommandRecord record(
      String stream,
      String id,
      long offset,
      CommandRecord.Result result,
      long version,
      Instant decided,
      boolean idempotent) {
    return CommandRecord.newBuilder()
        .setStreamId(stream)
        .setCommandId(id)
        .setOffset(offset)
        .setResult(result)
        .setStateVersion(version)
        .setDecidedAt(ProtoTime.of(decided))
        .setIdempotent(idempotent)
        .build();
  }
}
