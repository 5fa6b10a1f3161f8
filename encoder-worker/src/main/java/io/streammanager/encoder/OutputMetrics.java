package io.streammanager.encoder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.streammanager.encoder.media.OutputListener;
import io.streammanager.encoder.media.OutputState;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code sm_encoder_output_*} meters, one set per stream and output position ({@code stream},
 * {@code output} = index in the stream's output list, {@code protocol}). A set outlives the run
 * that created it, so counters keep counting across runs and the state gauges always read the
 * newest run's output.
 */
final class OutputMetrics {
  private final MeterRegistry registry;
  private final Map<Tags, Listener> listeners = new ConcurrentHashMap<>();

  OutputMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  static OutputMetrics none() {
    return new OutputMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
  }

  /** The listener of output {@code index} of {@code stream}. */
  OutputListener listener(String stream, int index, String protocol) {
    Tags tags = Tags.of("stream", stream, "output", String.valueOf(index), "protocol", protocol);
    return listeners.computeIfAbsent(tags, t -> new Listener(registry, t));
  }

  private static final class Listener implements OutputListener {
    private final AtomicReference<OutputState> state = new AtomicReference<>(OutputState.STOPPED);
    private final Counter bytes;
    private final Counter reconnects;
    private final Counter dropped;

    Listener(MeterRegistry registry, Tags tags) {
      bytes =
          Counter.builder("sm_encoder_output_bytes_total")
              .description("bytes written to the output, container included")
              .tags(tags)
              .register(registry);
      reconnects =
          Counter.builder("sm_encoder_output_reconnects_total")
              .description("times the output went into reconnecting")
              .tags(tags)
              .register(registry);
      dropped =
          Counter.builder("sm_encoder_output_dropped_packets_total")
              .description("packets dropped because the output could not keep up")
              .tags(tags)
              .register(registry);
      for (OutputState s : OutputState.values()) {
        Gauge.builder("sm_encoder_output_state", state, r -> r.get() == s ? 1 : 0)
            .description("1 for the output's current state")
            .tags(tags)
            .tag("state", s.name().toLowerCase(Locale.ROOT))
            .register(registry);
      }
    }

    @Override
    public void stateChanged(OutputState s) {
      state.set(s);
    }

    @Override
    public void bytesWritten(long n) {
      bytes.increment(n);
    }

    @Override
    public void reconnecting() {
      reconnects.increment();
    }

    @Override
    public void packetsDropped(long n) {
      dropped.increment(n);
    }
  }
}
