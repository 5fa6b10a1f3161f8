/**
 * The live encoder core: raw I420 frames in, H.264 (libx264, strict CBR) plus AAC or Opus out,
 * encoded once by a {@link io.streammanager.encoder.media.PacketEncoder} and muxed to RTMP(S), SRT,
 * recording files and HLS through the raw FFmpeg API (bytedeco). {@link
 * io.streammanager.encoder.media.Broadcast} fans one encode out to many outputs, each on its own
 * thread with its own queue and reconnects ({@link io.streammanager.encoder.media.OutputPolicy},
 * {@link io.streammanager.encoder.media.Backoff}); {@link
 * io.streammanager.encoder.media.LiveEncoder} is the one-output, same-thread variant. {@link
 * io.streammanager.encoder.media.EncoderSettings} says what to produce and is checked when it is
 * built, and {@link io.streammanager.encoder.media.AudioSource} supplies the audio track (the run's
 * mixer, or silence). Native FFmpeg structs never leave this package; each is owned by one class
 * (codec contexts by the encoders, codec parameters by {@code Tracks}, format contexts and packets
 * by {@code Muxer}) and freed in its {@code close()}, except {@link
 * io.streammanager.encoder.media.AudioFileDecoder}, which allocates and frees everything of one
 * file's decode in one method.
 */
package io.streammanager.encoder.media;
