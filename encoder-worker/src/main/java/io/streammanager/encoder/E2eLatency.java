package io.streammanager.encoder;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accept-to-air latency of each change: from the gateway accepting a command to the first
 * encoded frame whose state version includes it (the version's newest command; changes applied
 * between two frames are measured by the last of them), with each hop on the way. One per encoder;
 * streams tracked apart.
 */
final class E2eLatency {
  private static final Logger LOG = LoggerFactory.getLogger(E2eLatency.class);
  private final Clock clock;
  private final Timer total;
  private final Map<String, Timer> hops = new ConcurrentHashMap<>();
  private final MeterRegistry registry;

  /** The last command seen on air, per stream. */
  private final Map<String, String> lastCommand = new ConcurrentHashMap<>();

  E2eLatency(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.total =
        Timer.builder("sm_e2e_latency_seconds")
            .description(
                "from the gateway accepting a command to the first encoded frame that shows it")
            .publishPercentiles(0.5, 0.99)
            .publishPercentileHistogram()
            .register(registry);
  }

  /** Called when a frame has been encoded and handed to the outputs. */
  void onEncoded(String streamId, long frame, FrameTrace trace) {
    if (trace.commandId().isEmpty()
        || trace.commandIssuedAt() == null
        || trace.commandId().equals(lastCommand.put(streamId, trace.commandId()))) {
      return;
    }
    Instant egress = clock.instant();
    Duration latency = Duration.between(trace.commandIssuedAt(), egress);
    total.record(latency);
    hop("accepted_to_applied", trace.commandIssuedAt(), trace.stateAppliedAt());
    hop("applied_to_tick", trace.stateAppliedAt(), trace.tickEmittedAt());
    hop("tick_to_rendered", trace.tickEmittedAt(), trace.renderedAt());
    hop("rendered_to_encoded", trace.renderedAt(), egress);
    LOG.debug(
        "command {} on air in frame {} of {}: {} ms after the gateway accepted it",
        trace.commandId(),
        frame,
        streamId,
        latency.toMillis());
  }

  private void hop(String name, Instant from, Instant to) {
    if (from != null && to != null) {
      hops.computeIfAbsent(
              name,
              n ->
                  Timer.builder("sm_e2e_hop_seconds")
                      .tag("hop", n)
                      .description("one hop of the accept-to-air latency")
                      .register(registry))
          .record(Duration.between(from, to));
    }
  }
}
