package io.streammanager.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.kit.config.PlatformConfig.RedisSettings;
import io.streammanager.localstack.RedisServer;
import io.streammanager.proto.CommandRecord;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RunState;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Given the history and snapshots of a stream with two runs (r1: started, a change in frame 30,
 * stopped at frame 90; r2: started 10 s after r1, a change in frame 15, still live), the timeline
 * finds each run, the run on air at a time and the version in each frame.
 */
class TimelineIT {
  private static final String ID = "tl";
  private static final Instant T = Instant.parse("2026-11-26T14:00:00.010Z");
  static RedisServer server;
  static RedissonClient redis;
  static Timeline timeline;

  @BeforeAll
  static void writeTwoRuns() {
    server = RedisServer.start();
    redis = RedisConnector.connect(new RedisSettings(server.url(), ""));
    StateStore store = new StateStore(redis);
    RunState r1 =
        RunState.newBuilder().setRunning(true).setRunId("r1").setStartedAt(ProtoTime.of(T)).build();
    RunState r2 =
        RunState.newBuilder()
            .setRunning(true)
            .setRunId("r2")
            .setStartedAt(ProtoTime.of(T.plusSeconds(10)))
            .build();
    keep(store, 1, RunState.getDefaultInstance(), "stream_create", T.minusSeconds(5), "", -1);
    keep(store, 2, r1, "stream_start", T.plusMillis(1), "r1", 0);
    keep(store, 3, r1, "layer_patch", T.plusMillis(1000), "r1", 30);
    keep(
        store,
        4,
        r1.toBuilder().setRunning(false).setStopFrame(90).build(),
        "stream_stop",
        T.plusMillis(2990),
        "",
        -1);
    keep(store, 5, r2, "stream_start", T.plusSeconds(10).plusMillis(1), "r2", 0);
    keep(store, 6, r2, "layer_patch", T.plusMillis(10_500), "r2", 15);
    store.appendHistory(
        CommandRecord.newBuilder()
            .setStreamId(ID)
            .setCommandId("refused")
            .setAction("layer_patch")
            .setResult(CommandRecord.Result.REJECTED)
            .setDecidedAt(ProtoTime.of(T.plusMillis(10_600)))
            .build());
    timeline = new Timeline(store);
  }

  private static void keep(
      StateStore store,
      long version,
      RunState run,
      String action,
      Instant decided,
      String runId,
      long firstFrame) {
    store.write(
        StreamState.newBuilder()
            .setStreamId(ID)
            .setVersion(version)
            .setRun(run)
            .setConfig(StreamConfig.newBuilder().setWidth(320).setHeight(180).setFps(30))
            .build());
    store.appendHistory(
        CommandRecord.newBuilder()
            .setStreamId(ID)
            .setCommandId("c" + version)
            .setAction(action)
            .setResult(CommandRecord.Result.APPLIED)
            .setStateVersion(version)
            .setDecidedAt(ProtoTime.of(decided))
            .setRunId(runId)
            .setFirstFrame(firstFrame)
            .build());
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
  void run_anOlderRun_endsAtTheStopFrameOfTheDecisionAfterIt() {
    assertThat(timeline.run(ID, "r1")).hasValue(new Timeline.Run("r1", T, 30, 90));
  }

  @Test
  void run_theHeadsRun_goesOn() {
    assertThat(timeline.run(ID, "r2")).hasValue(new Timeline.Run("r2", T.plusSeconds(10), 30, -1));
    assertThat(timeline.currentRun(ID)).isEqualTo(timeline.run(ID, "r2"));
    assertThat(timeline.run(ID, "r3")).isEmpty();
  }

  @Test
  void runAt_frameZerosInstant_isThatRunThoughItsStartWasRecordedAMomentLater() {
    assertThat(timeline.runAt(ID, T).map(Timeline.Run::runId)).hasValue("r1");
    assertThat(timeline.runAt(ID, T.plusSeconds(10)).map(Timeline.Run::runId)).hasValue("r2");
  }

  @Test
  void runAt_isTheRunOnAirThen_orNoneBeforeTheFirstAndAfterAStop() {
    assertThat(timeline.runAt(ID, T.plusSeconds(2)).map(Timeline.Run::runId)).hasValue("r1");
    assertThat(timeline.runAt(ID, T.plusSeconds(11)).map(Timeline.Run::runId)).hasValue("r2");
    assertThat(timeline.runAt(ID, T.plusSeconds(5))).as("r1 stopped at frame 90 (3 s)").isEmpty();
    assertThat(timeline.runAt(ID, T.minusSeconds(1))).as("created, never started").isEmpty();
  }

  @Test
  void versions_ofEachRun_fromTheFrameEachVersionWasFirstDrawn() {
    assertThat(timeline.versions(ID, "r1")).isEqualTo(new TreeMap<>(Map.of(0L, 2L, 30L, 3L)));
    assertThat(timeline.versions(ID, "r2")).isEqualTo(new TreeMap<>(Map.of(0L, 5L, 15L, 6L)));
    assertThat(timeline.versionAtFrame(ID, "r1", 29)).hasValue(2L);
    assertThat(timeline.versionAtFrame(ID, "r1", 30)).hasValue(3L);
    assertThat(timeline.versionAtFrame(ID, "r2", 14)).hasValue(5L);
    assertThat(timeline.versionAtFrame(ID, "r2", 1000)).hasValue(6L);
    assertThat(timeline.versionAtFrame(ID, "r3", 0)).isEqualTo(Optional.empty());
  }
}
