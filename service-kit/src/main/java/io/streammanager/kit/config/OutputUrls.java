package io.streammanager.kit.config;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * What an output may be: a streaming URL, a recording file, or an HLS playlist ({@code .m3u8}, its segments written
 * beside it). Shared by STREAM_URL and the HTTP API.
 */
public final class OutputUrls {
  private static final Set<String> SCHEMES = Set.of("rtmp", "rtmps", "srt");
  private static final Set<String> FILE_EXTENSIONS = Set.of(".flv", ".mp4", ".mkv", ".ts", ".m3u8");
  public static final String ALLOWED = "an rtmp://, rtmps:// or srt:// URL with a host, or a file path ending "
      + ".flv, .mp4, .mkv, .ts or .m3u8 (HLS)";

  private OutputUrls() {}

  /** Null when the url is empty or allowed; otherwise what is allowed. */
  public static String problem(String rawUrl) {
    if (rawUrl == null || rawUrl.isEmpty()) {
      return null;
    }
    // {stream} and {run} are filled in by the encoder; check the URL as it will be.
    String url = rawUrl.replace("{stream}", "stream").replace("{run}", "run");
    int colon = url.indexOf("://");
    if (colon > 0) {
      try {
        URI uri = URI.create(url);
        if (uri.getScheme() != null && SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
            && uri.getHost() != null) {
          return null;
        }
      } catch (IllegalArgumentException e) {
        return ALLOWED;
      }
      return ALLOWED;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    return FILE_EXTENSIONS.stream().anyMatch(lower::endsWith) ? null : ALLOWED;
  }

  /** True for a network output (as opposed to a file). */
  public static boolean isNetwork(String url) {
    return url.contains("://");
  }

  /** An output URL or path with {@code {stream}} and {@code {run}} filled in (the run left as is while unknown). */
  public static String resolve(String url, String streamId, String runId) {
    String withStream = url.replace("{stream}", streamId);
    return runId == null || runId.isEmpty() ? withStream : withStream.replace("{run}", runId);
  }
}
