package io.streammanager.encoder.media;

import java.util.Arrays;

/**
 * An {@link AudioSource} of digital silence: tools, benchmarks and tests (a stream run uses its
 * audio mixer).
 */
public final class SilenceSource implements AudioSource {
  public static final SilenceSource INSTANCE = new SilenceSource();

  private SilenceSource() {}

  @Override
  public void read(long firstSample, float[] interleaved, int sampleFrames) {
    Arrays.fill(interleaved, 0, sampleFrames * CHANNELS, 0f);
  }
}
