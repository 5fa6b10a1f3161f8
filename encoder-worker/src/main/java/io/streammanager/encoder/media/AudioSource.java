package io.streammanager.encoder.media;

/**
 * Supplies the PCM of the audio track: 48 kHz stereo, interleaved float samples in [-1, 1]. The
 * encoder pulls exactly as many samples as keep the audio track as long as the video track, so a
 * source never has to know about frames or codecs. Called on the encoder's thread only.
 */
public interface AudioSource {
  int SAMPLE_RATE = 48_000;
  int CHANNELS = 2;

  /**
   * Fills {@code sampleFrames} stereo sample frames (L, R, L, R, ...) into the start of {@code
   * interleaved}.
   *
   * @param firstSample position on the stream's 48 kHz clock: sample {@code n} plays with video
   *     frame {@code n * fps / 48000}; consecutive calls ask for consecutive ranges
   * @param interleaved destination, at least {@code 2 * sampleFrames} long
   * @param sampleFrames how many stereo sample frames to write
   */
  void read(long firstSample, float[] interleaved, int sampleFrames);
}
