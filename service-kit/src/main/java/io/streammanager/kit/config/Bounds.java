package io.streammanager.kit.config;

/**
 * The ranges a stream configuration and a layer must keep, defined once: the environment's defaults
 * ({@link PlatformConfig}), the gateway's JSON codecs (early, naming the JSON field) and
 * layer-service's rules (for good, in its decision) all read them here. The deployment's quotas are
 * {@link Limits}.
 */
public final class Bounds {
  private Bounds() {}

  /** A closed range; {@code toString} is "min..max", as the messages show it. */
  public record Range(long min, long max) {
    public boolean contains(double value) {
      return value >= min && value <= max;
    }

    /** "from min to max", as a sentence says it. */
    public String words() {
      return "from " + min + " to " + max;
    }

    @Override
    public String toString() {
      return min + ".." + max;
    }
  }

  /** Frame width in pixels (even). */
  public static final Range WIDTH = new Range(128, 7680);

  /** Frame height in pixels (even). */
  public static final Range HEIGHT = new Range(72, 4320);

  public static final Range FPS = new Range(1, 120);
  public static final Range VIDEO_KBPS = new Range(100, 100_000);
  public static final Range AUDIO_KBPS = new Range(16, 512);

  /** A layer's width, height, crop edges and a text's wrap width, in pixels. */
  public static final Range LAYER_PIXELS = new Range(0, 16_384);

  /** A text's or clock's size in pixels. */
  public static final Range TEXT_SIZE = new Range(1, 1000);

  /** An audio layer's test tone in Hz. */
  public static final Range TONE_HZ = new Range(20, 20_000);

  /** The frame size rule in words: "even numbers, width 128..7680, height 72..4320". */
  public static final String RESOLUTION_RULE =
      "even numbers, width " + WIDTH + ", height " + HEIGHT;

  /** True for a frame size the encoder takes: both even, each within its range. */
  public static boolean resolution(long width, long height) {
    return width % 2 == 0 && height % 2 == 0 && WIDTH.contains(width) && HEIGHT.contains(height);
  }
}
