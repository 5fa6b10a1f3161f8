package io.streammanager.encoder.media;

import io.streammanager.kit.config.OutputUrls;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the encoder writes and in which container: FLV for {@code rtmp://}, {@code rtmps://} and
 * {@code .flv}, MPEG-TS for {@code srt://} and {@code .ts}, MP4 for {@code .mp4}, Matroska for
 * {@code .mkv}, and an HLS playlist with its 2 s MPEG-TS segments beside it for {@code .m3u8}.
 *
 * @param url the URL or file path given to FFmpeg
 * @param muxer the FFmpeg muxer name
 * @param network true for a streaming URL, false for a file
 */
record OutputTarget(String url, String muxer, boolean network) {
  /**
   * What FFmpeg takes as a protocol name: scheme characters up to a ':' (or ',' for its option
   * syntax).
   */
  private static final java.util.regex.Pattern PROTOCOL_PREFIX =
      java.util.regex.Pattern.compile("[A-Za-z0-9+\\-.]+[:,]");

  static final String ALLOWED =
      "an rtmp://, rtmps:// or srt:// URL with a host, or a file path ending .flv, .mp4, "
          + ".mkv, .ts or .m3u8 (HLS)";

  /**
   * Empty when the URL names neither a supported streaming protocol (with a host that {@link
   * OutputUrls} allows) nor a supported file extension, or when a file path starts like an FFmpeg
   * protocol name ({@code gopher:}, {@code file:}, {@code concat:}, {@code subfile,}...): FFmpeg
   * would read the protocol rather than a file.
   */
  static Optional<OutputTarget> parse(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    if (url.contains("://")) {
      return OutputUrls.problem(url) == null
          ? networkMuxer(url).map(muxer -> new OutputTarget(url, muxer, true))
          : Optional.empty();
    }
    if (PROTOCOL_PREFIX.matcher(url).lookingAt()) {
      return Optional.empty();
    }
    String lower = url.toLowerCase(Locale.ROOT);
    String muxer =
        lower.endsWith(".flv")
            ? "flv"
            : lower.endsWith(".mp4")
                ? "mp4"
                : lower.endsWith(".mkv")
                    ? "matroska"
                    : lower.endsWith(".ts") ? "mpegts" : lower.endsWith(".m3u8") ? "hls" : null;
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
   * This target, except that a recording file that exists already is never overwritten: it gets a
   * sibling {@code name-1.ext}, {@code name-2.ext}, ... Network URLs and HLS playlists (which
   * replace their own segments) are kept.
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
   * The URL safe to log: a streaming URL loses its credentials, its last path segment and its query
   * (where ingest servers put the stream key), e.g. {@code rtmp://a.rtmp.youtube.com/live2/***}.
   * File paths are shown whole.
   */
  String redacted() {
    return redact(url);
  }

  @Override
  public String toString() {
    return redacted();
  }

  /**
   * As {@link #redacted()}, for any string (file paths and unparsable input included): {@link
   * OutputUrls#redact}.
   */
  static String redact(String url) {
    return OutputUrls.redact(url);
  }

  /**
   * Why this streaming output must not be connected: its host resolves to a link-local, unspecified
   * or cloud-metadata address (a DNS name can point anywhere, whatever the URL looked like). Empty
   * for files, allowed hosts, and hosts that do not resolve (FFmpeg then fails and the output
   * retries).
   */
  Optional<String> forbiddenDestination() {
    if (!network) {
      return Optional.empty();
    }
    try {
      String host = URI.create(url).getHost();
      for (java.net.InetAddress a :
          java.net.InetAddress.getAllByName(
              host.startsWith("[") ? host.substring(1, host.length() - 1) : host)) {
        if (OutputUrls.forbiddenAddress(a)) {
          return Optional.of(
              "the host of "
                  + redacted()
                  + " resolves to "
                  + a.getHostAddress()
                  + ", a link-local, unspecified or cloud metadata address: refused");
        }
      }
    } catch (java.net.UnknownHostException e) {
      return Optional
          .empty(); // FFmpeg cannot resolve it either: the output fails and retries, checked again
      // then
    } catch (RuntimeException e) {
      return Optional.of("the host of " + redacted() + " cannot be checked: " + e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * The FFmpeg protocols this output may open, and nothing nested: {@link
   * OutputUrls#protocolWhitelist}.
   */
  String protocolWhitelist() {
    return network ? OutputUrls.protocolWhitelist(url) : "file";
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
