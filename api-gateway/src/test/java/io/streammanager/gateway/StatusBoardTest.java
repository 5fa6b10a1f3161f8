package io.streammanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.EncoderOutput;
import io.streammanager.proto.EncoderOutputState;
import io.streammanager.proto.EncoderState;
import io.streammanager.proto.EncoderStatus;
import io.streammanager.proto.RenderStats;
import io.streammanager.proto.StreamEvent;
import io.streammanager.proto.StreamLifecycle;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusBoardTest {
  private static final String REC = "var/recordings/{stream}-{run}.flv";
  private static final String FILE = "var/recordings/default-r1.flv";

  private final StatusBoard board = new StatusBoard();

  private static StreamEvent lifecycle(boolean running, String runId) {
    return StreamEvent.newBuilder()
        .setStreamId("default")
        .setSource("layer-service")
        .setLifecycle(
            StreamLifecycle.newBuilder()
                .setRunning(running)
                .setRunId(runId)
                .setStateVersion(12)
                .setLayerCount(3)
                .setCurrentFrame(250)
                .addOutputUrls(REC))
        .build();
  }

  private static StreamEvent encoder(EncoderState state, String runId, String error) {
    return StreamEvent.newBuilder()
        .setStreamId("default")
        .setSource("encoder-worker")
        .setEncoderStatus(
            EncoderStatus.newBuilder()
                .setState(state)
                .setRunId(runId)
                .setOutputUrl(FILE)
                .setFramesEncoded(240)
                .setFramesDropped(2)
                .setError(error))
        .build();
  }

  private static StreamEvent rendered(String worker, String runId, long frames) {
    return StreamEvent.newBuilder()
        .setStreamId("default")
        .setSource("render-worker")
        .setRenderStats(
            RenderStats.newBuilder().setWorkerId(worker).setRunId(runId).setFramesRendered(frames))
        .build();
  }

  private void accept(StreamEvent... events) {
    List.of(events).forEach(board::accept);
  }

  @Test
  void status_noEvents_isStoppedWithNothing() {
    assertThat(board.status("default"))
        .isEqualTo(new StreamStatus("default", "stopped", 0, 0, 0, 0, 0, "", "", -1, ""));
  }

  @Test
  void status_encoderReportsItsOutputs_eachOutputsStateIsInTheStatus() {
    EncoderOutput rtmp =
        EncoderOutput.newBuilder()
            .setUrl("rtmp://ingest.example/live/***")
            .setProtocol("rtmp")
            .setState(EncoderOutputState.ENCODER_OUTPUT_STATE_RECONNECTING)
            .setReconnects(2)
            .setBytesWritten(1000)
            .setError("Connection refused")
            .build();
    EncoderOutput file =
        EncoderOutput.newBuilder()
            .setUrl(FILE)
            .setProtocol("file")
            .setState(EncoderOutputState.ENCODER_OUTPUT_STATE_LIVE)
            .setBytesWritten(5000)
            .build();
    StreamEvent enc = encoder(EncoderState.ENCODER_STATE_LIVE, "r1", "");
    accept(
        lifecycle(true, "r1"),
        enc.toBuilder()
            .setEncoderStatus(enc.getEncoderStatus().toBuilder().addOutputs(rtmp).addOutputs(file))
            .build());

    StreamStatus status = board.status("default");

    assertThat(status.outputs()).containsExactly(rtmp, file);
    assertThat(status.outputsJson().toString())
        .isEqualTo(
            "[{\"url\":\"rtmp://ingest.example/live/***\","
                + "\"protocol\":\"rtmp\",\"state\":\"reconnecting\",\"bytesWritten\":1000,\"reconnects\":2,"
                + "\"packetsDropped\":0,\"error\":\"Connection refused\"},{\"url\":\""
                + FILE
                + "\",\"protocol\":\"file\","
                + "\"state\":\"live\",\"bytesWritten\":5000,\"reconnects\":0,\"packetsDropped\":0,\"error\":\"\"}]");
  }

  @Test
  void status_runningWithoutEncoderOfThisRun_isStartingAndShowsTheConfiguredOutput() {
    accept(lifecycle(true, "r1"));

    assertThat(board.status("default"))
        .isEqualTo(new StreamStatus("default", "starting", 0, 0, 0, 12, 3, REC, "r1", 250, ""));
  }

  @Test
  void status_runningAndEncoderLiveOnThisRun_isLiveWithEncoderCounts() {
    accept(lifecycle(true, "r1"), encoder(EncoderState.ENCODER_STATE_LIVE, "r1", ""));

    assertThat(board.status("default"))
        .isEqualTo(new StreamStatus("default", "live", 0, 240, 2, 12, 3, FILE, "r1", 250, ""));
  }

  @Test
  void status_runningAndEncoderStartingOnThisRun_isStarting() {
    accept(lifecycle(true, "r1"), encoder(EncoderState.ENCODER_STATE_STARTING, "r1", ""));

    assertThat(board.status("default").state()).isEqualTo("starting");
  }

  @Test
  void status_stoppedWhileEncoderStillLiveOnThisRun_isStopping() {
    accept(
        lifecycle(true, "r1"),
        encoder(EncoderState.ENCODER_STATE_LIVE, "r1", ""),
        lifecycle(false, "r1"));

    assertThat(board.status("default"))
        .isEqualTo(new StreamStatus("default", "stopping", 0, 240, 2, 12, 3, FILE, "r1", 250, ""));
  }

  @Test
  void status_stoppedAndEncoderStopped_isStopped() {
    accept(lifecycle(false, "r1"), encoder(EncoderState.ENCODER_STATE_STOPPED, "r1", ""));

    assertThat(board.status("default"))
        .isEqualTo(new StreamStatus("default", "stopped", 0, 240, 2, 12, 3, FILE, "r1", 250, ""));
  }

  @Test
  void status_encoderErrorOnThisRun_isErrorWithTheMessageEvenWhileRunning() {
    accept(
        lifecycle(true, "r1"),
        encoder(EncoderState.ENCODER_STATE_ERROR, "r1", "cannot open output"));

    assertThat(board.status("default"))
        .isEqualTo(
            new StreamStatus(
                "default", "error", 0, 240, 2, 12, 3, FILE, "r1", 250, "cannot open output"));
  }

  @Test
  void status_encoderErrorOfAnEarlierRun_isIgnoredForTheNewRun() {
    accept(encoder(EncoderState.ENCODER_STATE_ERROR, "r0", "old failure"), lifecycle(true, "r1"));

    assertThat(board.status("default"))
        .isEqualTo(new StreamStatus("default", "starting", 0, 0, 0, 12, 3, REC, "r1", 250, ""));
  }

  @Test
  void status_encoderLiveOnAnEarlierRunWhileStopped_isStopped() {
    accept(encoder(EncoderState.ENCODER_STATE_LIVE, "r0", ""), lifecycle(false, "r1"));

    assertThat(board.status("default").state()).isEqualTo("stopped");
  }

  @Test
  void status_encoderStatusWithoutAnyLifecycle_isStopped() {
    accept(encoder(EncoderState.ENCODER_STATE_LIVE, "", ""));

    assertThat(board.status("default"))
        .isEqualTo(new StreamStatus("default", "stopped", 0, 0, 0, 0, 0, "", "", 0, ""));
  }

  @Test
  void status_renderStatsOfSeveralWorkers_areSummedUsingEachWorkersNewestCount() {
    accept(
        lifecycle(true, "r1"),
        rendered("w1", "r1", 100),
        rendered("w2", "r1", 80),
        rendered("w1", "r1", 130));

    assertThat(board.status("default").framesRendered()).isEqualTo(210);
  }

  @Test
  void status_renderStatsOfANewRun_startCountingAgain() {
    accept(
        lifecycle(true, "r1"),
        rendered("w1", "r1", 100),
        rendered("w2", "r1", 80),
        lifecycle(true, "r2"),
        rendered("w1", "r2", 5));

    assertThat(board.status("default").framesRendered()).isEqualTo(5);
  }

  @Test
  void status_renderStatsOfAnotherRunThanTheLifecycle_countZero() {
    accept(lifecycle(true, "r1"), rendered("w1", "r2", 100));

    assertThat(board.status("default").framesRendered()).isZero();
  }

  @Test
  void status_eventsOfAnotherStream_doNotCount() {
    accept(
        lifecycle(true, "r1"),
        StreamEvent.newBuilder()
            .setStreamId("other")
            .setEncoderStatus(
                EncoderStatus.newBuilder().setState(EncoderState.ENCODER_STATE_LIVE).setRunId("r1"))
            .build());

    assertThat(board.status("default").state()).isEqualTo("starting");
  }

  @Test
  void status_staleRenderStatsOfThePreviousRun_keepTheCurrentRunCount() {
    accept(lifecycle(true, "r2"), rendered("w1", "r2", 40), rendered("w1", "r1", 500));

    assertThat(board.status("default").framesRendered()).isEqualTo(40);
  }

  @Test
  void status_lifecycleOfAnOlderVersionArrivingLate_doesNotWin() {
    StreamEvent stoppedAtVersion13 =
        lifecycle(false, "r1").toBuilder()
            .setLifecycle(lifecycle(false, "r1").getLifecycle().toBuilder().setStateVersion(13))
            .build();

    accept(stoppedAtVersion13, lifecycle(true, "r1"));

    assertThat(board.status("default").state()).isEqualTo("stopped");
    assertThat(board.status("default").stateVersion()).isEqualTo(13);
  }
}
