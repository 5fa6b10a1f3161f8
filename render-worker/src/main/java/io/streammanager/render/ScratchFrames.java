package io.streammanager.render;

import io.streammanager.kit.kafka.RecordRejectedException;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Tick;
import java.time.Clock;
import java.util.List;

/**
 * Frames drawn from scratch, away from the live path: each by a {@link FrameRenderer} of its own on
 * this drawer's own {@link SceneRenderer}, sent whole (never a patch). Since a renderer's bytes are
 * always those of drawing the frame from scratch, such a frame equals the live one of the same
 * (snapshot version, frame, presentation time). Render jobs and redraws use it; one thread per
 * drawer.
 */
final class ScratchFrames {
  private final SnapshotCache snapshots;
  private final SceneRenderer scene;
  private final FrameStats stats = new FrameStats();
  private final Clock clock;
  private final String workerId;

  ScratchFrames(SnapshotCache snapshots, AssetCache assets, Clock clock, String workerId) {
    this.snapshots = snapshots;
    this.scene = new SceneRenderer(assets);
    this.clock = clock;
    this.workerId = workerId;
  }

  /**
   * The chunks of {@code tick}'s frame; {@code what} names it in the refusal when its snapshot is
   * not in Redis.
   */
  List<FrameChunk> draw(Tick tick, String what) {
    StreamState state =
        snapshots
            .get(tick.getStreamId(), tick.getRunId(), tick.getStateVersion())
            .orElseThrow(
                () ->
                    new RecordRejectedException(
                        what
                            + ": snapshot "
                            + tick.getStreamId()
                            + "@"
                            + tick.getStateVersion()
                            + " is not in Redis (expired or never written)"));
    try (FrameRenderer renderer = new FrameRenderer(scene, stats)) {
      byte[] yuv = renderer.render(state, tick);
      return new FrameChunker()
          .chunks(
              tick,
              renderer.width(),
              renderer.height(),
              yuv,
              renderer.yuvLength(),
              workerId,
              clock.instant());
    }
  }
}
