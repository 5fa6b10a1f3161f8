/**
 * The stream's audio: {@link io.streammanager.encoder.audio.AudioMixer} mixes the audio layers of
 * the state version each frame draws (uploaded WAV/MP3/OGG assets decoded once per run with FFmpeg
 * and kept as PCM, or a test tone) into the one 48 kHz stereo track the encoder pulls, on the frame
 * clock. Snapshots and assets are read, and files decoded, on the mixer's own I/O thread, so the
 * encoding thread never waits for Redis or a decoder.
 */
package io.streammanager.encoder.audio;
