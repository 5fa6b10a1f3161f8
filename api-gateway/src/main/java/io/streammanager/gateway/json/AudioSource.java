package io.streammanager.gateway.json;

import io.streammanager.kit.config.Bounds;
import io.streammanager.proto.AudioClip;
import java.util.regex.Pattern;

/**
 * The fields of an audio layer: {@code src} (an uploaded asset, {@code asset:<id>}: audio is too
 * large for a command, so there is no data: URL form; or a sine test tone, {@code tone:<hz>}),
 * {@code volume} 0..1, {@code loop}, {@code muted}.
 */
final class AudioSource {
  static final String ALLOWED =
      "src must be asset:<sha256 id> of a WAV, MP3 or OGG file uploaded with "
          + "POST /api/assets, or tone:<"
          + Bounds.TONE_HZ
          + "> for a test tone in Hz";
  private static final Pattern ASSET = Pattern.compile("asset:([0-9a-f]{64})");
  private static final Pattern TONE = Pattern.compile("tone:([0-9]{2,5})");

  private AudioSource() {}

  static AudioClip read(Fields f) {
    AudioClip.Builder clip = AudioClip.newBuilder();
    String src = f.text("src").orElse(null);
    var tone = src == null ? null : TONE.matcher(src);
    if (src != null && ASSET.matcher(src).matches()) {
      clip.setAssetId(src.substring("asset:".length()));
    } else if (tone != null
        && tone.matches()
        && Bounds.TONE_HZ.contains(Integer.parseInt(tone.group(1)))) {
      clip.setToneHz(Integer.parseInt(tone.group(1)));
    } else if (src != null || !f.has("src")) {
      // (a src that is not a string was already reported by text())
      f.problem("src", ALLOWED);
    }
    f.number("volume", 0, 1, clip::setVolume);
    f.bool("loop", clip::setLoop);
    f.bool("muted", clip::setMuted);
    return clip.build();
  }
}
