package io.streammanager.kit.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an output may be, in one place for the HTTP API, STREAM_URL, layer-service and the encoder:
 * a streaming URL ({@code rtmp://}, {@code rtmps://}, {@code srt://} with a host), or a recording
 * file or HLS playlist given as a relative path, written below the stream's own folder of the
 * recordings directory ({@code RECORDINGS_DIR/<stream>/}). An absolute path is allowed only as
 * STREAM_URL, which the deployment sets. Anything else, whatever FFmpeg would make of it ({@code
 * gopher:}, {@code file:}, {@code tcp:}, {@code pipe:}, {@code concat:}, {@code subfile,} ...), is
 * refused, and the encoder also hands FFmpeg a protocol whitelist for the one protocol an output
 * needs ({@link #protocolWhitelist}), so no nested protocol can be reached.
 */
public final class OutputUrls {
  private static final Set<String> SCHEMES = Set.of("rtmp", "rtmps", "srt");
  private static final List<String> FILE_EXTENSIONS =
      List.of(".flv", ".mp4", ".mkv", ".ts", ".m3u8");

  /** One segment of a recording path; {stream} and {run} may appear in it. */
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._\\-{}]{1,128}");

  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(?i)[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?)*\\.?");
  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  /**
   * SRT options a caller may set in the query; others (mode=listener, transtype, ...) are refused.
   */
  private static final Set<String> SRT_OPTIONS =
      Set.of(
          "streamid",
          "passphrase",
          "pbkeylen",
          "latency",
          "rcvlatency",
          "peerlatency",
          "tlpktdrop",
          "mode");

  /** Host names of cloud metadata services, refused whatever OUTPUT_HOSTS says. */
  private static final Set<String> METADATA_HOSTS =
      Set.of(
          "metadata",
          "metadata.google.internal",
          "metadata.goog",
          "instance-data",
          "instance-data.ec2.internal");

  public static final int MAX_LENGTH = 2048;

  public static final String ALLOWED =
      "an rtmp://, rtmps:// or srt:// URL with a host, or a relative file path "
          + "ending .flv, .mp4, .mkv, .ts or .m3u8 (HLS), written below the stream's folder of RECORDINGS_DIR";

  private OutputUrls() {}

  /**
   * What a deployment allows besides the fixed rules.
   *
   * @param hostGlobs OUTPUT_HOSTS: the hosts streaming outputs may name ({@code *} matches any
   *     characters; empty or {@code *} alone: any host); link-local and cloud-metadata addresses
   *     are refused regardless
   * @param streamUrl STREAM_URL as configured: the one output that may be an absolute path
   */
  public record Rules(List<String> hostGlobs, String streamUrl) {
    public static final Rules ANY_HOST = new Rules(List.of(), "");

    public Rules {
      hostGlobs = List.copyOf(hostGlobs);
      streamUrl = streamUrl == null ? "" : streamUrl;
    }

    boolean anyHost() {
      return hostGlobs.isEmpty() || hostGlobs.contains("*");
    }

    boolean hostAllowed(String host) {
      String h = host.toLowerCase(Locale.ROOT);
      return anyHost()
          || hostGlobs.stream()
              .anyMatch(g -> glob(g.toLowerCase(Locale.ROOT)).matcher(h).matches());
    }
  }

  /** A run id of the form the encoder fills {run} with, to check a URL as it will be. */
  private static final String SAMPLE_RUN = "20260101-000000-000-0";

  /**
   * Null when the url is empty or allowed by the fixed rules and any host; otherwise what is wrong
   * and allowed.
   */
  public static String problem(String rawUrl) {
    return problem(rawUrl, Rules.ANY_HOST);
  }

  /** {@link #problem(String, Rules, String)} for a stream whose id does not matter to the check. */
  public static String problem(String rawUrl, Rules rules) {
    return problem(rawUrl, rules, "stream");
  }

  /**
   * Null when the url is empty or allowed as an output of {@code streamId}; otherwise what is wrong
   * and what is allowed. The URL is checked as the encoder will open it, with {stream} and {run}
   * filled in. STREAM_URL may be an absolute path only for the default stream, or, when it names
   * {stream}, for every stream (each its own file).
   */
  public static String problem(String rawUrl, Rules rules, String streamId) {
    if (rawUrl == null || rawUrl.isEmpty()) {
      return null;
    }
    if (rawUrl.length() > MAX_LENGTH) {
      return "at most " + MAX_LENGTH + " characters; " + ALLOWED;
    }
    for (int i = 0; i < rawUrl.length(); i++) {
      char c = rawUrl.charAt(i);
      if (c < 0x21
          || c == 0x7f
          || c == '\\'
          || Character.isWhitespace(c)
          || Character.isISOControl(c)
          || c > 0x7e) {
        return "no spaces, control characters, backslashes or non-ASCII characters; " + ALLOWED;
      }
    }
    // {stream} and {run} are filled in by the encoder; check the URL as it will be.
    String url = rawUrl.replace("{stream}", streamId).replace("{run}", SAMPLE_RUN);
    int scheme = url.indexOf("://");
    if (scheme > 0) {
      return networkProblem(url, url.substring(0, scheme).toLowerCase(Locale.ROOT), rules);
    }
    if (rawUrl.startsWith("/")) {
      boolean ownFile =
          rawUrl.contains("{stream}") || streamId.equals(io.streammanager.proto.StreamIds.DEFAULT);
      return rawUrl.equals(rules.streamUrl()) && ownFile
          ? fileProblem(url.substring(1))
          : "an absolute path is allowed only as STREAM_URL (for the default stream, or for every stream when it "
              + "names {stream}); give a path relative to the stream's folder of RECORDINGS_DIR (e.g. show-{run}.flv)";
    }
    return fileProblem(url);
  }

  private static String networkProblem(String url, String scheme, Rules rules) {
    if (!SCHEMES.contains(scheme)) {
      return "the scheme '" + scheme + "' is not allowed; " + ALLOWED;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "not a valid URL (" + e.getReason() + "); " + ALLOWED;
    }
    String host = uri.getHost();
    if (host == null
        || uri.getRawAuthority() == null
        || uri.getRawAuthority().indexOf('@') != uri.getRawAuthority().lastIndexOf('@')) {
      return "a URL with a host; " + ALLOWED;
    }
    if (uri.getRawFragment() != null) {
      return "no #fragment; " + ALLOWED;
    }
    String hostProblem = hostProblem(host);
    if (hostProblem != null) {
      return hostProblem;
    }
    if (!rules.hostAllowed(host)) {
      return "the host '" + host + "' is not one of OUTPUT_HOSTS " + rules.hostGlobs();
    }
    if (scheme.equals("srt")) {
      String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
      for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
        String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
        String value = pair.contains("=") ? pair.substring(pair.indexOf('=') + 1) : "";
        if (!SRT_OPTIONS.contains(name)) {
          return "the SRT option '"
              + name
              + "' is not allowed; allowed: "
              + new java.util.TreeSet<>(SRT_OPTIONS);
        }
        if (name.equals("mode") && !value.equals("caller")) {
          return "SRT outputs call their receiver (mode=caller); the encoder never listens";
        }
      }
    }
    return null;
  }

  /**
   * Null for a host an output may name: a DNS name or an IP literal that is not link-local,
   * unspecified or metadata.
   */
  static String hostProblem(String rawHost) {
    String host = rawHost.toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      String v6 = host.substring(1, host.length() - 1);
      if (v6.startsWith("fe8")
          || v6.startsWith("fe9")
          || v6.startsWith("fea")
          || v6.startsWith("feb")
          || v6.equals("::")
          || v6.equals("fd00:ec2::254")
          || v6.contains(".")) {
        return "the host '"
            + rawHost
            + "' is link-local, unspecified, IPv4-mapped or a cloud metadata address: "
            + "refused";
      }
      return null;
    }
    String lastLabel = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    lastLabel = lastLabel.substring(lastLabel.lastIndexOf('.') + 1);
    boolean numeric =
        !lastLabel.isEmpty()
            && (Character.isDigit(lastLabel.charAt(0)) || lastLabel.startsWith("0x"));
    if (numeric) {
      // Only the canonical a.b.c.d: FFmpeg's resolver would read 2852039166, 0xA9FEA9FE or
      // 0251.0376.0251.0376 too.
      if (!DOTTED_QUAD.matcher(host).matches()) {
        return "the host '"
            + rawHost
            + "' is neither a DNS name nor an IPv4 address written a.b.c.d";
      }
      if (host.startsWith("169.254.") || host.equals("0.0.0.0") || host.equals("100.100.100.200")) {
        return "the host '"
            + rawHost
            + "' is link-local, unspecified or a cloud metadata address: refused";
      }
      return null;
    }
    if (!DNS_NAME.matcher(host).matches() || host.length() > 253) {
      return "the host '" + rawHost + "' is not a valid DNS name";
    }
    String bare = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (METADATA_HOSTS.contains(bare)) {
      return "the host '" + rawHost + "' is a cloud metadata service: refused";
    }
    return null;
  }

  /**
   * True for an address a resolved output host must not be (link-local, unspecified, cloud
   * metadata), checked by the encoder when it connects, so a DNS name pointing at 169.254.169.254
   * is refused too.
   */
  public static boolean forbiddenAddress(java.net.InetAddress a) {
    if (a.isLinkLocalAddress() || a.isAnyLocalAddress()) {
      return true;
    }
    String s = a.getHostAddress();
    return s.equals("100.100.100.200") || s.equalsIgnoreCase("fd00:ec2:0:0:0:0:0:254");
  }

  private static String fileProblem(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (FILE_EXTENSIONS.stream().noneMatch(lower::endsWith)) {
      return "a file path must end .flv, .mp4, .mkv, .ts or .m3u8; " + ALLOWED;
    }
    if (path.indexOf(':') >= 0) {
      return "a file path has no ':' (FFmpeg would read a protocol before it); " + ALLOWED;
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return "a file path has no '.' or '..' parts; " + ALLOWED;
      }
      if (!SEGMENT.matcher(segment).matches()) {
        return "each part of a file path is 1-128 characters of A-Z a-z 0-9 . _ - (and {stream}, {run}), "
            + "parts separated by single '/'; "
            + ALLOWED;
      }
    }
    return null;
  }

  /** True for a network output (as opposed to a file). */
  public static boolean isNetwork(String url) {
    int scheme = url.indexOf("://");
    return scheme > 0 && SCHEMES.contains(url.substring(0, scheme).toLowerCase(Locale.ROOT));
  }

  /**
   * The FFmpeg protocols an output may use and nothing more ({@code protocol_whitelist}): rtmp over
   * tcp, rtmps over tls and tcp, srt over udp, and file for recordings and HLS.
   */
  public static String protocolWhitelist(String url) {
    if (!isNetwork(url)) {
      return "file";
    }
    return switch (url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT)) {
      case "rtmp" -> "rtmp,tcp";
      case "rtmps" -> "rtmps,tls,tcp";
      default -> "srt,udp";
    };
  }

  /**
   * An output URL or path with {@code {stream}} and {@code {run}} filled in (the run left as is
   * while unknown).
   */
  public static String resolve(String url, String streamId, String runId) {
    String withStream = url.replace("{stream}", streamId);
    return runId == null || runId.isEmpty() ? withStream : withStream.replace("{run}", runId);
  }

  /**
   * Where a file output of a stream is written: a relative path below {@code
   * recordingsDir/<stream>/}, or STREAM_URL's absolute path as it is. Throws when the path would
   * leave the stream's folder (the rules above prevent it; this is the last check before anything
   * is opened).
   */
  public static Path recordingPath(Path recordingsDir, String streamId, String resolvedPath) {
    Path path = Path.of(resolvedPath);
    if (path.isAbsolute()) {
      return path.normalize();
    }
    Path base = recordingsDir.toAbsolutePath().normalize().resolve(streamId).normalize();
    Path out = base.resolve(path).normalize();
    if (!out.startsWith(base)
        || out.equals(base)
        || !base.getParent().equals(recordingsDir.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException(
          "the output '" + resolvedPath + "' of stream '" + streamId + "' is not below " + base);
    }
    return out;
  }

  /**
   * The URL safe to show to anyone: a streaming URL loses its credentials, everything after the
   * application in an RTMP path (where ingest servers put the stream key), an RTMP query, and the
   * values of SRT's {@code streamid} and {@code passphrase}, e.g. {@code
   * rtmp://a.rtmp.youtube.com/live2/***}. File paths are shown whole; anything that is not a valid
   * URL is hidden.
   */
  public static String redact(String url) {
    return redact(url, true);
  }

  /** {@link #redact(String)} when {@code hide}, the URL itself otherwise. */
  public static String redact(String url, boolean hide) {
    if (!hide) {
      return url;
    }
    if (url == null || url.isEmpty() || !url.contains("://")) {
      return url;
    }
    int schemeEnd = url.indexOf("://");
    String scheme = url.substring(0, schemeEnd);
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null) {
        return scheme + "://***";
      }
      String authority =
          (uri.getRawUserInfo() == null ? "" : "***@")
              + uri.getHost()
              + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
      if (scheme.equalsIgnoreCase("srt")) {
        return scheme
            + "://"
            + authority
            + (uri.getRawPath() == null ? "" : uri.getRawPath())
            + srtQuery(uri.getRawQuery());
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      boolean rtmp = scheme.equalsIgnoreCase("rtmp") || scheme.equalsIgnoreCase("rtmps");
      int app = rtmp ? path.indexOf('/', 1) : 0;
      String shownPath =
          app >= 0 && app < path.length() - 1 ? path.substring(0, app + 1) + "***" : path;
      String query = uri.getRawQuery() == null ? "" : "?***";
      return scheme + "://" + authority + shownPath + query;
    } catch (URISyntaxException e) {
      return scheme + "://***";
    }
  }

  private static String srtQuery(String query) {
    if (query == null) {
      return "";
    }
    StringBuilder out = new StringBuilder("?");
    for (String pair : query.split("&")) {
      String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
      boolean secret =
          name.equals("streamid") || name.equals("passphrase") || !SRT_OPTIONS.contains(name);
      out.append(out.length() > 1 ? "&" : "")
          .append(name)
          .append(pair.contains("=") ? "=" : "")
          .append(
              pair.contains("=") ? (secret ? "***" : pair.substring(pair.indexOf('=') + 1)) : "");
    }
    return out.toString();
  }

  private static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (!re.isEmpty()) {
        re.append(".*");
      }
      re.append(Pattern.quote(part));
    }
    return Pattern.compile(re.toString());
  }
}
