package io.streammanager.render;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streammanager.kit.kafka.Publisher;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RedrawRequest;
import io.streammanager.proto.Tick;
import io.streammanager.proto.Topics;
import java.time.Clock;
import java.time.Duration;

/**
 * Frames an encoder asked for again ({@code sm.redraws}): it waited for them and they did not come,
 * because the worker whose partition they were on died or stalls. Every worker reads every request
 * and draws the ones that name it, from scratch ({@link ScratchFrames}), whole, to {@code
 * sm.frames} like a live frame. Runs on the redraws consumer's thread only.
 */
final class Redraws {
  /** A request older than this is not drawn: the encoder has filled the frame's slot already. */
  static final Duration STALE_AFTER = Duration.ofSeconds(2);

  private final ScratchFrames frames;
  private final Publisher publisher;
  private final Clock clock;
  private final String workerId;
  private final Counter drawn;
  private final Counter stale;

  Redraws(
      ScratchFrames frames, Publisher publisher, Clock clock, String workerId, MeterRegistry r) {
    this.frames = frames;
    this.publisher = publisher;
    this.clock = clock;
    this.workerId = workerId;
    this.drawn =
        Counter.builder("sm_render_redraws_total")
            .description("frames drawn again because an encoder asked this worker for them")
            .register(r);
    this.stale =
        Counter.builder("sm_render_redraws_stale_total")
            .description("redraw requests for this worker not drawn because they came too late")
            .register(r);
  }

  void onRequest(RedrawRequest request) {
    if (!request.getWorkerId().equals(workerId)) {
      return;
    }
    if (Duration.between(ProtoTime.toInstant(request.getRequestedAt()), clock.instant())
            .compareTo(STALE_AFTER)
        > 0) {
      stale.increment();
      return;
    }
    Tick tick = request.getTick();
    for (FrameChunk c : frames.draw(tick, "redraw of frame " + tick.getFrame())) {
      publisher.send(Topics.FRAMES, tick.getStreamId(), c);
    }
    drawn.increment();
  }
}
