package io.streammanager.gateway.json;

import io.streammanager.proto.ImageRef;
import java.util.regex.Pattern;

/**
 * The {@code src} of an image layer: an uploaded asset ({@code asset:<sha256>}) or an inline data:
 * URL.
 */
final class ImageSource {
  static final String ALLOWED =
      "src must be asset:<sha256 id> (from POST /api/assets) or a data URL "
          + "data:image/png;base64,... (PNG or JPEG)";
  private static final Pattern ASSET = Pattern.compile("asset:([0-9a-f]{64})");

  private ImageSource() {}

  /** Fills the asset id, or returns the inline bytes. */
  static byte[] read(Fields f, ImageRef.Builder img) {
    String src = f.text("src").orElse(null);
    if (src == null) {
      f.problem("src", ALLOWED);
      return null;
    }
    var m = ASSET.matcher(src);
    if (m.matches()) {
      img.setAssetId(m.group(1));
      return null;
    }
    return LayerCodec.decodeDataUrl(f, src);
  }
}
