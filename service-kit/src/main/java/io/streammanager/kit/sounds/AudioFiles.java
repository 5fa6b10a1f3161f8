package io.streammanager.kit.sounds;

import java.util.Optional;

/**
 * Recognises the audio files audio layers play, from their first bytes (never the name or a
 * header): WAV ({@code RIFF....WAVE}), Ogg ({@code OggS}: Vorbis or Opus) and MP3 (an ID3v2 tag, or
 * an MPEG audio layer III frame header). Only the container is checked here; the encoder decodes
 * the file with FFmpeg, through the one demuxer the bytes were recognised as ({@link #demuxer}),
 * and plays a file it cannot decode as silence (logged and counted there).
 */
public final class AudioFiles {
  private AudioFiles() {}

  /**
   * The FFmpeg demuxer of the file ("wav", "ogg" or "mp3"), or empty when the bytes are none of
   * them.
   */
  public static Optional<String> demuxer(byte[] b) {
    return sniff(b)
        .map(
            type ->
                switch (type) {
                  case "audio/wav" -> "wav";
                  case "audio/ogg" -> "ogg";
                  default -> "mp3";
                });
  }

  /** "audio/wav", "audio/ogg" or "audio/mpeg", or empty when the bytes are none of them. */
  public static Optional<String> sniff(byte[] b) {
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

  /**
   * What is wrong with a sound's structure, where it can be told without decoding: a WAV must hold
   * a {@code fmt } chunk (1-8 channels, 8-192 kHz, 8-32 bits) and a {@code data} chunk. Empty for a
   * WAV that does, and for MP3 and OGG (their frames are checked by the decoder).
   */
  public static Optional<String> problem(byte[] b) {
    if (!sniff(b).equals(Optional.of("audio/wav"))) {
      return Optional.empty();
    }
    boolean format = false;
    for (int at = 12; at + 8 <= b.length; ) {
      String id = new String(b, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
      long size = Integer.toUnsignedLong(le32(b, at + 4));
      if (id.equals("fmt ")) {
        if (size < 16 || at + 8 + 16 > b.length) {
          return Optional.of("the WAV's fmt chunk is too short");
        }
        int channels = le16(b, at + 10);
        int rate = le32(b, at + 12);
        int bits = le16(b, at + 22);
        if (channels < 1
            || channels > 8
            || rate < 8000
            || rate > 192_000
            || bits < 8
            || bits > 32) {
          return Optional.of(
              "a WAV must have 1-8 channels, 8000-192000 Hz and 8-32 bits a sample, was "
                  + channels
                  + " channels, "
                  + rate
                  + " Hz, "
                  + bits
                  + " bits");
        }
        format = true;
      } else if (id.equals("data")) {
        return format
            ? Optional.empty()
            : Optional.of("the WAV's data chunk comes before its fmt chunk");
      }
      long next = at + 8L + size + (size & 1);
      if (next > b.length) {
        return Optional.of("the WAV's " + id.trim() + " chunk runs past the end of the file");
      }
      at = (int) next;
    }
    return Optional.of("the WAV has no " + (format ? "data" : "fmt") + " chunk");
  }

  private static int le16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  private static int le32(byte[] b, int at) {
    return le16(b, at) | le16(b, at + 2) << 16;
  }

  /**
   * 11 sync bits, a known MPEG version, layer III, a bitrate index that is not "bad" and a known
   * sample rate.
   */
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
