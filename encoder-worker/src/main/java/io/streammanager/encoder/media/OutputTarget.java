package io.streammanager.encoder.media;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the encoder writes and in which container: FLV for {@code rtmp://}, {@code rtmps://} and {@code .flv}, MPEG-TS
 * for {@code srt://} and {@code .ts}, MP4 for {@code .mp4}, Matroska for {@code .mkv}, and an HLS playlist with its
 * 2 s MPEG-TS segments beside it for {@code .m3u8}.
 *
 * @param url the URL or file path given to FFmpeg
 * @param muxer the FFmpeg muxer name
 * @param network true for a streaming URL, false for a file
 */
record OutputTarget(String url, String muxer, boolean network) {
  static final String ALLOWED = "an rtmp://, rtmps:// or srt:// URL with a host, or a file path ending .flv, .mp4, "
      + ".mkv, .ts or .m3u8 (HLS)";

  /** Empty when the URL names neither a supported streaming protocol nor a supported file extension. */
  static Optional<OutputTarget> parse(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    if (url.contains("://")) {
      return networkMuxer(url).map(muxer -> new OutputTarget(url, muxer, true));
    }
    String lower = url.toLowerCase(Locale.ROOT);
    String muxer = lower.endsWith(".flv") ? "flv"
        : lower.endsWith(".mp4") ? "mp4"
        : lower.endsWith(".mkv") ? "matroska"
        : lower.endsWith(".ts") ? "mpegts"
        : lower.endsWith(".m3u8") ? "hls"
        : null;
    return Optional.ofNullable(muxer).map(m -> new OutputTarget(url, m, false));
  }

  /** True for an HLS playlist (the muxer writes the playlist and its segments itself). */
  boolean hls() {
    return "hls".equals(muxer);
  }

  /** The kind of output, a metrics label: rtmp, rtmps, srt, file or hls. */
  String protocol() {
    if (network) {
      return url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT);
    }
    return hls() ? "hls" : "file";
  }

  /**
   * This target, except that a recording file that exists already is never overwritten: it gets a sibling
   * {@code name-1.ext}, {@code name-2.ext}, ... Network URLs and HLS playlists (which replace their own segments) are
   * kept.
   */
  OutputTarget withFreeFileName() {
    if (network || hls()) {
      return this;
    }
    return new OutputTarget(freeFileName(url), muxer, false);
  }

  /** {@code path}, or the first {@code base-N.ext} that does not exist yet. */
  static String freeFileName(String path) {
    if (!Files.exists(Path.of(path))) {
      return path;
    }
    int dot = path.lastIndexOf('.');
    String base = dot > path.lastIndexOf('/') ? path.substring(0, dot) : path;
    String ext = dot > path.lastIndexOf('/') ? path.substring(dot) : "";
    for (int i = 1; ; i++) {
      String candidate = base + "-" + i + ext;
      if (!Files.exists(Path.of(candidate))) {
        return candidate;
      }
    }
  }

  /**
   * The URL safe to log: a streaming URL loses its credentials, its last path segment and its query (where ingest
   * servers put the stream key), e.g. {@code rtmp://a.rtmp.youtube.com/live2/***}. File paths are shown whole.
   */
  String redacted() {
    return redact(url);
  }

  @Override
  public String toString() {
    return redacted();
  }

  /** As {@link #redacted()}, for any string (file paths and unparsable input included). */
  static String redact(String url) {
    if (url == null || !url.contains("://")) {
      return url;
    }
    try {
      URI uri = URI.create(url);
      String authority = uri.getHost() == null ? "" : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      int lastSlash = path.lastIndexOf('/');
      String shownPath = lastSlash >= 0 && lastSlash < path.length() - 1 ? path.substring(0, lastSlash + 1) + "***"
          : path;
      String query = uri.getRawQuery() == null ? "" : "?***";
      return uri.getScheme() + "://" + authority + shownPath + query;
    } catch (IllegalArgumentException e) {
      int schemeEnd = url.indexOf("://");
      return (schemeEnd > 0 ? url.substring(0, schemeEnd + 3) : "") + "***";
    }
  }

  private static Optional<String> networkMuxer(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      return Optional.empty();
    }
    return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
      case "rtmp", "rtmps" -> Optional.of("flv");
      case "srt" -> Optional.of("mpegts");
      default -> Optional.empty();
    };
  }
}
