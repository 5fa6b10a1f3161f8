package io.streammanager.gateway;

import java.util.Optional;

/**
 * Recognises the audio files audio layers play, from their first bytes (never the name or a header): WAV
 * ({@code RIFF....WAVE}), Ogg ({@code OggS}: Vorbis or Opus) and MP3 (an ID3v2 tag, or an MPEG audio layer III frame
 * header). Only the container is checked here; the encoder decodes the file with FFmpeg and plays a file it cannot
 * decode as silence (logged and counted there).
 */
final class AudioFiles {
  private AudioFiles() {}

  /** "audio/wav", "audio/ogg" or "audio/mpeg", or empty when the bytes are none of them. */
  static Optional<String> sniff(byte[] b) {
    if (b.length >= 12 && ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) {
      return Optional.of("audio/wav");
    }
    if (b.length >= 4 && ascii(b, 0, "OggS")) {
      return Optional.of("audio/ogg");
    }
    if (b.length >= 10 && ascii(b, 0, "ID3") || b.length >= 4 && mpegLayer3Header(b)) {
      return Optional.of("audio/mpeg");
    }
    return Optional.empty();
  }

  /** 11 sync bits, a known MPEG version, layer III, a bitrate index that is not "bad" and a known sample rate. */
  private static boolean mpegLayer3Header(byte[] b) {
    int b1 = b[1] & 0xFF;
    int b2 = b[2] & 0xFF;
    boolean sync = (b[0] & 0xFF) == 0xFF && (b1 & 0xE0) == 0xE0;
    boolean version = (b1 & 0x18) != 0x08;
    boolean layer3 = (b1 & 0x06) == 0x02;
    return sync && version && layer3 && (b2 & 0xF0) != 0xF0 && (b2 & 0x0C) != 0x0C;
  }

  private static boolean ascii(byte[] b, int at, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (b[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
