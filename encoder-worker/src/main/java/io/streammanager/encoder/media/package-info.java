/**
 * The live encoder core: raw I420 frames in, H.264 (libx264, strict CBR) plus AAC or Opus out, muxed to RTMP(S), SRT
 * or a recording file through the raw FFmpeg API (bytedeco). {@link io.streammanager.encoder.media.LiveEncoder} is the
 * only entry point; {@link io.streammanager.encoder.media.EncoderSettings} says what to produce and is checked when it
 * is built, and {@link io.streammanager.encoder.media.AudioSource} supplies the audio track (silence for now). Native
 * FFmpeg structs never leave this package and are freed in one place, when the encoder closes or fails to open.
 */
package io.streammanager.encoder.media;
