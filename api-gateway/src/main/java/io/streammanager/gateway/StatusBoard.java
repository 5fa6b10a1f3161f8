package io.streammanager.gateway;

import io.streammanager.proto.EncoderState;
import io.streammanager.proto.EncoderStatus;
import io.streammanager.proto.StreamEvent;
import io.streammanager.proto.StreamLifecycle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folds the events topic into one status per stream: what layer-service holds (the operator's wish,
 * the version, the layers), what the render workers drew and what the encoder put out.
 */
public final class StatusBoard {
  private final Map<String, Entry> streams = new ConcurrentHashMap<>();

  private static final class Entry {
    StreamLifecycle lifecycle = StreamLifecycle.getDefaultInstance();
    EncoderStatus encoder = EncoderStatus.getDefaultInstance();

    /** Frames drawn per run and worker; only the newest few runs are kept. */
    final Map<String, Map<String, Long>> renderedByRun = new java.util.LinkedHashMap<>();
  }

  public void accept(StreamEvent event) {
    Entry e = streams.computeIfAbsent(event.getStreamId(), id -> new Entry());
    synchronized (e) {
      switch (event.getKindCase()) {
        case LIFECYCLE -> {
          if (event.getLifecycle().getDeleted()) {
            streams.remove(event.getStreamId());
            return;
          }
          // Lifecycles come from two threads of layer-service: an older version must not win over a
          // newer one.
          if (event.getLifecycle().getStateVersion() >= e.lifecycle.getStateVersion()) {
            e.lifecycle = event.getLifecycle();
          }
        }
        case ENCODER_STATUS -> e.encoder = event.getEncoderStatus();
        case RENDER_STATS -> {
          var stats = event.getRenderStats();
          e.renderedByRun
              .computeIfAbsent(stats.getRunId(), r -> new java.util.HashMap<>())
              .put(stats.getWorkerId(), stats.getFramesRendered());
          while (e.renderedByRun.size() > 4) {
            e.renderedByRun.remove(e.renderedByRun.keySet().iterator().next());
          }
        }
        default -> {}
      }
    }
  }

  /** True once an event of the stream was seen. */
  public boolean known(String streamId) {
    return streams.containsKey(streamId);
  }

  /** Every stream an event was seen of. */
  public java.util.Set<String> streams() {
    return java.util.Set.copyOf(streams.keySet());
  }

  public StreamStatus status(String streamId) {
    Entry e = streams.get(streamId);
    if (e == null) {
      return new StreamStatus(streamId, "stopped", 0, 0, 0, 0, 0, "", "", -1, "");
    }
    synchronized (e) {
      StreamLifecycle l = e.lifecycle;
      EncoderStatus enc = e.encoder;
      boolean sameRun = !l.getRunId().isEmpty() && enc.getRunId().equals(l.getRunId());
      boolean encoderLive = sameRun && enc.getState() == EncoderState.ENCODER_STATE_LIVE;
      String state;
      if (sameRun && enc.getState() == EncoderState.ENCODER_STATE_ERROR) {
        state = "error";
      } else if (l.getRunning()) {
        state = encoderLive ? "live" : "starting";
      } else {
        state = encoderLive ? "stopping" : "stopped";
      }
      long rendered =
          e.renderedByRun.getOrDefault(l.getRunId(), Map.of()).values().stream()
              .mapToLong(Long::longValue)
              .sum();
      // Status reaches read-only keys and every WebSocket client: stream keys are hidden here,
      // whatever the sources (an older encoder or layer-service may still send them).
      String output =
          io.streammanager.kit.config.OutputUrls.redact(
              sameRun && !enc.getOutputUrl().isEmpty()
                  ? enc.getOutputUrl()
                  : l.getOutputUrlsCount() > 0 ? l.getOutputUrls(0) : "");
      return new StreamStatus(
          streamId,
          state,
          rendered,
          sameRun ? enc.getFramesEncoded() : 0,
          sameRun ? enc.getFramesDropped() : 0,
          l.getStateVersion(),
          l.getLayerCount(),
          output,
          l.getRunId(),
          l.getCurrentFrame(),
          sameRun ? enc.getError() : "",
          sameRun ? enc.getOutputsList() : java.util.List.of());
    }
  }
}
