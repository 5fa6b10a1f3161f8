package io.streammanager.layers;

import io.streammanager.kit.config.Bounds;
import io.streammanager.proto.Layer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules a layer must follow to be stored. Their ranges are {@link Bounds}, which the gateway's
 * LayerCodec checks on the JSON it receives; what only a whole layer shows (a rect without a size,
 * an image without a picture) is here.
 */
final class LayerRules {
  static final Pattern ID = io.streammanager.proto.Ids.NAME;

  private LayerRules() {}

  static Optional<Outcome.Rejected> check(Layer layer) {
    return check(layer, io.streammanager.kit.config.Limits.DEFAULTS);
  }

  /** The layer's rules, then its quotas (text and clock pattern length). */
  static Optional<Outcome.Rejected> check(Layer layer, io.streammanager.kit.config.Limits limits) {
    Optional<Outcome.Rejected> bad = rules(layer);
    if (bad.isPresent()) {
      return bad;
    }
    return limits.layer(layer).stream()
        .findFirst()
        .map(p -> new Outcome.Rejected(p.field(), p.message()));
  }

  private static Optional<Outcome.Rejected> rules(Layer layer) {
    if (!ID.matcher(layer.getId()).matches()) {
      return reject(
          "/id",
          "id must be " + io.streammanager.proto.Ids.NAME_RULE + ", was '" + layer.getId() + "'");
    }
    if (layer.getKindCase() == Layer.KindCase.KIND_NOT_SET) {
      return reject(
          "/type", "type is required: one of color, rect, ellipse, text, image, clock, audio");
    }
    if (layer.hasOpacity() && !(layer.getOpacity() >= 0 && layer.getOpacity() <= 1)) {
      return reject("/opacity", "opacity must be from 0 to 1, was " + layer.getOpacity());
    }
    if (!Double.isFinite(layer.getX()) || !Double.isFinite(layer.getY())) {
      return reject("/x", "x and y must be finite numbers");
    }
    if (layer.hasWidth() && !Bounds.LAYER_PIXELS.contains(layer.getWidth())) {
      return reject(
          "/width", "width must be " + Bounds.LAYER_PIXELS.words() + ", was " + layer.getWidth());
    }
    if (layer.hasHeight() && !Bounds.LAYER_PIXELS.contains(layer.getHeight())) {
      return reject(
          "/height",
          "height must be " + Bounds.LAYER_PIXELS.words() + ", was " + layer.getHeight());
    }
    return switch (layer.getKindCase()) {
      case RECT ->
          layer.hasWidth() && layer.hasHeight()
              ? Optional.empty()
              : reject("/width", "a rect needs width and height");
      case TEXT -> textSize(layer.getText().getStyle().getSize());
      case CLOCK ->
          layer.getClock().hasCountdownTo()
                  && !io.streammanager.proto.ProtoTime.isRepresentable(
                      layer.getClock().getCountdownTo())
              ? reject("/countdownTo", "countdownTo must be a valid instant")
              : textSize(layer.getClock().getStyle().getSize());
      case IMAGE ->
          layer.getImage().getAssetId().isEmpty()
              ? reject("/src", "an image needs a picture")
              : Optional.empty();
      case AUDIO -> audio(layer.getAudio());
      default -> Optional.empty();
    };
  }

  private static Optional<Outcome.Rejected> audio(io.streammanager.proto.AudioClip clip) {
    boolean tone = Bounds.TONE_HZ.contains(clip.getToneHz()) && clip.getAssetId().isEmpty();
    if (!tone && !(clip.getToneHz() == 0 && clip.getAssetId().matches("[0-9a-f]{64}"))) {
      return reject(
          "/src",
          "an audio layer needs an audio asset (asset:<sha256 id> from POST /api/assets) or a "
              + "test tone (tone:<"
              + Bounds.TONE_HZ
              + ">)");
    }
    return clip.hasVolume() && !(clip.getVolume() >= 0 && clip.getVolume() <= 1)
        ? reject("/volume", "volume must be from 0 to 1, was " + clip.getVolume())
        : Optional.empty();
  }

  private static Optional<Outcome.Rejected> textSize(double size) {
    return Bounds.TEXT_SIZE.contains(size)
        ? Optional.empty()
        : reject("/size", "size must be " + Bounds.TEXT_SIZE.words() + ", was " + size);
  }

  private static Optional<Outcome.Rejected> reject(String field, String reason) {
    return Optional.of(new Outcome.Rejected(field, reason));
  }
}
