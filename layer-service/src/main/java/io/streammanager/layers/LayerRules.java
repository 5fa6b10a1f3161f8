package io.streammanager.layers;

import io.streammanager.proto.Layer;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules a layer must follow to be stored; the gateway checks the same rules on the JSON it receives. */
final class LayerRules {
  static final Pattern ID = io.streammanager.proto.Ids.NAME;

  private LayerRules() {}

  static Optional<Outcome.Rejected> check(Layer layer) {
    if (!ID.matcher(layer.getId()).matches()) {
      return reject("/id", "id must be 1-64 characters of A-Z a-z 0-9 . _ -, was '" + layer.getId() + "'");
    }
    if (layer.getKindCase() == Layer.KindCase.KIND_NOT_SET) {
      return reject("/type", "type is required: one of color, rect, text, image, clock");
    }
    if (layer.hasOpacity() && !(layer.getOpacity() >= 0 && layer.getOpacity() <= 1)) {
      return reject("/opacity", "opacity must be from 0 to 1, was " + layer.getOpacity());
    }
    if (!Double.isFinite(layer.getX()) || !Double.isFinite(layer.getY())) {
      return reject("/x", "x and y must be finite numbers");
    }
    if (layer.hasWidth() && !(layer.getWidth() >= 0 && layer.getWidth() <= 16384)) {
      return reject("/width", "width must be from 0 to 16384, was " + layer.getWidth());
    }
    if (layer.hasHeight() && !(layer.getHeight() >= 0 && layer.getHeight() <= 16384)) {
      return reject("/height", "height must be from 0 to 16384, was " + layer.getHeight());
    }
    return switch (layer.getKindCase()) {
      case RECT -> layer.hasWidth() && layer.hasHeight() ? Optional.empty()
          : reject("/width", "a rect needs width and height");
      case TEXT -> textSize(layer.getText().getStyle().getSize());
      case CLOCK -> layer.getClock().hasCountdownTo()
          && !io.streammanager.proto.ProtoTime.isRepresentable(layer.getClock().getCountdownTo())
          ? reject("/countdownTo", "countdownTo must be a valid instant")
          : textSize(layer.getClock().getStyle().getSize());
      case IMAGE -> layer.getImage().getAssetId().isEmpty() ? reject("/src", "an image needs a picture") 
          : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static Optional<Outcome.Rejected> textSize(double size) {
    return size > 0 && size <= 1000 ? Optional.empty()
        : reject("/size", "size must be from 1 to 1000, was " + size);
  }

  private static Optional<Outcome.Rejected> reject(String field, String reason) {
    return Optional.of(new Outcome.Rejected(field, reason));
  }
}
