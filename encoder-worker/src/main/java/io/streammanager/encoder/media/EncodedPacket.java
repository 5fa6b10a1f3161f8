package io.streammanager.encoder.media;

/**
 * One encoded packet, copied out of FFmpeg into the Java heap so it can be queued for several
 * outputs without sharing native memory between threads (a few tens of KB per frame at broadcast
 * bit rates).
 *
 * @param track {@link Tracks#VIDEO} or {@link Tracks#AUDIO}
 * @param pts presentation time in the track's codec time base (video 1/fps, audio 1/48000)
 * @param dts decoding time in the same time base
 * @param duration duration in the same time base
 * @param keyframe true for an H.264 IDR frame (audio packets are never key here)
 * @param data the payload (Annex B for H.264)
 */
record EncodedPacket(int track, long pts, long dts, long duration, boolean keyframe, byte[] data) {
  boolean isVideoKeyframe() {
    return track == Tracks.VIDEO && keyframe;
  }
}
