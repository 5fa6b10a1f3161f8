package io.streammanager.layers;

import io.streammanager.kit.config.Bounds;
import io.streammanager.kit.config.Limits;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules a stream configuration must follow: the {@link Bounds} the gateway and the environment
 * keep too.
 */
final class StreamConfigRules {
  private StreamConfigRules() {}

  /** The StreamConfig fields an update may name. */
  static final List<String> UPDATABLE =
      List.of(
          "name", "width", "height", "fps", "video_bitrate_kbps", "quality", "outputs", "audio");

  /**
   * The stored configuration with the update applied: only the fields it names when it is masked,
   * else its whole configuration. Empty when it names a field that is not updatable.
   */
  static Optional<StreamConfig> merge(StreamConfig stored, StreamUpdate update) {
    if (!update.getMasked()) {
      return Optional.of(update.getConfig());
    }
    StreamConfig.Builder out = stored.toBuilder();
    for (String name : update.getFieldsList()) {
      com.google.protobuf.Descriptors.FieldDescriptor field =
          StreamConfig.getDescriptor().findFieldByName(name);
      if (field == null || !UPDATABLE.contains(name)) {
        return Optional.empty();
      }
      out.clearField(field);
      if (field.isRepeated() || update.getConfig().hasField(field) || !field.hasPresence()) {
        out.setField(field, update.getConfig().getField(field));
      }
    }
    return Optional.of(out.build());
  }

  static Optional<Outcome.Rejected> check(StreamConfig c) {
    return check("stream", c, Limits.DEFAULTS);
  }

  /**
   * Every rule and quota the configuration of stream {@code streamId} breaks, in one rejection
   * naming the first field at fault.
   */
  static Optional<Outcome.Rejected> check(String streamId, StreamConfig c, Limits limits) {
    List<String> problems = new ArrayList<>();
    if (!Bounds.resolution(c.getWidth(), c.getHeight())) {
      problems.add(
          "/resolution: " + Bounds.RESOLUTION_RULE + ", was " + c.getWidth() + "x" + c.getHeight());
    }
    if (!Bounds.FPS.contains(c.getFps())) {
      problems.add("/fps: " + Bounds.FPS + ", was " + c.getFps());
    }
    if (!Bounds.VIDEO_KBPS.contains(c.getVideoBitrateKbps())) {
      problems.add("/bitrate: " + Bounds.VIDEO_KBPS + " kbps, was " + c.getVideoBitrateKbps());
    }
    if (c.getOutputsCount() == 0) {
      problems.add("/outputs: at least one output");
    }
    limits.stream(streamId, c).forEach(p -> problems.add(p.field() + ": " + p.message()));
    if (c.getAudio().getEnabled() && !Bounds.AUDIO_KBPS.contains(c.getAudio().getBitrateKbps())) {
      problems.add(
          "/audio/bitrate: " + Bounds.AUDIO_KBPS + " kbps, was " + c.getAudio().getBitrateKbps());
    }
    if (problems.isEmpty()) {
      return Optional.empty();
    }
    String first = problems.getFirst();
    return Optional.of(
        new Outcome.Rejected(first.substring(0, first.indexOf(':')), String.join("; ", problems)));
  }

  /** While live, frame size and rate are fixed: they number the frames and size the encoder. */
  static Optional<Outcome.Rejected> checkLiveChange(StreamConfig live, StreamConfig next) {
    if (live.getWidth() != next.getWidth() || live.getHeight() != next.getHeight()) {
      return Optional.of(
          Outcome.Rejected.conflict(
              "/resolution",
              "the resolution cannot change while the stream is " + "live; stop it first"));
    }
    if (live.getFps() != next.getFps()) {
      return Optional.of(
          Outcome.Rejected.conflict(
              "/fps", "fps cannot change while the stream is live; stop it first"));
    }
    return Optional.empty();
  }
}
