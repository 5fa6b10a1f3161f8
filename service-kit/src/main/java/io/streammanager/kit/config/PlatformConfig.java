package io.streammanager.kit.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's configuration, shared by every service. Each service reads the whole set, so a bad value stops any of
 * them at start with the same message.
 *
 * @param ports PORT, WS_PORT, METRICS_PORT, HEALTH_PORT
 * @param kafka KAFKA_BOOTSTRAP_SERVERS
 * @param redis REDIS_URL, REDIS_PASSWORD
 * @param stream STREAM_RESOLUTION, TARGET_FPS, RENDER_QUALITY, STREAM_BITRATE, STREAM_URL and the audio variables:
 *     the settings of the stream {@code default}, and the defaults of every new stream
 * @param assets ASSET_MAX_BYTES, ASSET_MAX_PIXELS: what an uploaded picture may be
 * @param auth API_KEYS, ADMIN_TOKEN, AUTH_DISABLED, AUTH_TRUST_LOOPBACK, RATE_LIMIT
 * @param logLevel LOG_LEVEL: error|warn|info|debug
 * @param logFormat LOG_FORMAT: text (one line per event, default) or json (one JSON object per line, with the command
 *     and stream being handled)
 */
public record PlatformConfig(Ports ports, KafkaSettings kafka, RedisSettings redis, StreamDefaults stream,
    AssetLimits assets, AuthSettings auth, LogLevel logLevel, LogFormat logFormat) {

  public enum Quality { LOW, MEDIUM, HIGH }

  public enum AudioCodecName { AAC, OPUS }

  public enum LogLevel { ERROR, WARN, INFO, DEBUG }

  public enum LogFormat { TEXT, JSON }

  /** PORT (HTTP API, default 3000), WS_PORT (WebSocket, 3001), METRICS_PORT (9464), HEALTH_PORT (8080). */
  public record Ports(int http, int ws, int metrics, int health) {}

  /** KAFKA_BOOTSTRAP_SERVERS, default 127.0.0.1:9092. */
  public record KafkaSettings(String bootstrapServers) {}

  /** REDIS_URL (default redis://127.0.0.1:6379) and REDIS_PASSWORD (default none). */
  public record RedisSettings(String url, String password) {
    @Override
    public String toString() {
      return "RedisSettings[url=" + url + ", password=" + (password.isEmpty() ? "<none>" : "<set>") + "]";
    }
  }

  /** STREAM_RESOLUTION, e.g. 1920x1080: even numbers, width 128..7680, height 72..4320. */
  public record Resolution(int width, int height) {
    @Override
    public String toString() {
      return width + "x" + height;
    }
  }

  /**
   * ASSET_MAX_BYTES (default 16 MiB, 1 KiB..256 MiB) and ASSET_MAX_PIXELS (width x height, default 8192x8192 =
   * 67108864, at most 16384x16384): larger uploads are refused before they are decoded.
   */
  public record AssetLimits(long maxBytes, long maxPixels) {}

  /**
   * One API key from API_KEYS.
   *
   * @param scopes admin, read, streams:write or stream:&lt;id&gt;:write
   */
  public record KeySpec(String name, String token, List<String> scopes) {
    @Override
    public String toString() {
      return "KeySpec[name=" + name + ", token=<set>, scopes=" + scopes + "]";
    }
  }

  /**
   * API_KEYS ({@code name:token:scope,scope;...}), ADMIN_TOKEN (one admin token), AUTH_DISABLED (true only to run
   * without any token, said loudly), AUTH_TRUST_LOOPBACK (true: HTTP calls without an Authorization header from this
   * machine act as admin, as {@code demo} runs; never behind a reverse proxy on the same machine), RATE_LIMIT
   * (requests per second per key, 0 = none; default 100). Tokens are at least 16 characters.
   */
  public record AuthSettings(List<KeySpec> keys, String adminToken, boolean disabled, boolean trustLoopback,
      int rateLimitPerSecond) {
    /** True when some token can be checked. */
    public boolean hasTokens() {
      return !keys.isEmpty() || !adminToken.isEmpty();
    }

    @Override
    public String toString() {
      return "AuthSettings[keys=" + keys + ", adminToken=" + (adminToken.isEmpty() ? "<none>" : "<set>")
          + ", disabled=" + disabled + ", rateLimitPerSecond=" + rateLimitPerSecond + "]";
    }
  }

  /** AUDIO_ENABLED (true), AUDIO_CODEC (aac|opus), AUDIO_BITRATE (kbps, 128). */
  public record Audio(boolean enabled, AudioCodecName codec, int bitrateKbps) {}

  /**
   * @param url STREAM_URL: rtmp://, rtmps:// or srt:// URL, or a file path ending .flv/.mp4/.mkv/.ts; empty means a
   *     recording under var/recordings/ named after the stream and run ({@link #DEFAULT_RECORDING})
   */
  public record StreamDefaults(Resolution resolution, int fps, Quality quality, int bitrateKbps, String url,
      Audio audio) {}

  /** Where a stream records when STREAM_URL is empty; {stream} and {run} are filled in by the encoder. */
  public static final String DEFAULT_RECORDING = "var/recordings/{stream}-{run}.flv";

  private static final Pattern RESOLUTION = Pattern.compile("(\\d{2,5})x(\\d{2,5})");
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}");

  /** Reads and checks every variable; throws {@link InvalidConfigurationException} listing all problems. */
  public static PlatformConfig from(EnvSource env) {
    ConfigReader r = new ConfigReader(env);
    Ports ports = new Ports(r.port("PORT", 3000), r.port("WS_PORT", 3001), r.port("METRICS_PORT", 9464),
        r.port("HEALTH_PORT", 8080));
    String bootstrap = r.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    for (String hp : bootstrap.split(",")) {
      if (!HOST_PORT.matcher(hp.trim()).matches()) {
        r.problem("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "a comma-separated list of host:port");
        bootstrap = "127.0.0.1:9092";
        break;
      }
    }
    RedisSettings redis = new RedisSettings(r.uri("REDIS_URL", "redis://127.0.0.1:6379", "redis", "rediss"),
        r.string("REDIS_PASSWORD", ""));
    Resolution resolution = resolution(r);
    int fps = r.integer("TARGET_FPS", 30, 1, 120);
    Quality quality = r.enumeration("RENDER_QUALITY", Quality.MEDIUM);
    int bitrate = r.integer("STREAM_BITRATE", 4500, 100, 100_000);
    String url = streamUrl(r);
    Audio audio = new Audio(r.bool("AUDIO_ENABLED", true), r.enumeration("AUDIO_CODEC", AudioCodecName.AAC),
        r.integer("AUDIO_BITRATE", 128, 16, 512));
    AssetLimits assets = new AssetLimits(r.integer("ASSET_MAX_BYTES", 16 * 1024 * 1024, 1024, 256 * 1024 * 1024),
        r.integer("ASSET_MAX_PIXELS", 8192 * 8192, 1, 16384 * 16384));
    AuthSettings auth = auth(r);
    LogLevel logLevel = r.enumeration("LOG_LEVEL", LogLevel.INFO);
    LogFormat logFormat = r.enumeration("LOG_FORMAT", LogFormat.TEXT);
    r.throwIfInvalid();
    return new PlatformConfig(ports, new KafkaSettings(bootstrap), redis,
        new StreamDefaults(resolution, fps, quality, bitrate, url, audio), assets, auth, logLevel, logFormat);
  }

  private static final Pattern KEY_NAME = io.streammanager.proto.Ids.NAME;
  /** An API key scope: admin, read, streams:write or stream:&lt;id&gt;:write (API_KEYS and /api/keys). */
  public static final Pattern SCOPE = Pattern.compile("admin|read|streams:write|stream:[A-Za-z0-9._\\-]{1,64}:write");

  private static AuthSettings auth(ConfigReader r) {
    List<KeySpec> keys = new ArrayList<>();
    String raw = r.string("API_KEYS", "");
    for (String entry : raw.isEmpty() ? new String[0] : raw.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.trim().split(":", 3);
      List<String> scopes = parts.length == 3 ? List.of(parts[2].split(",")) : List.of();
      if (parts.length != 3 || !KEY_NAME.matcher(parts[0]).matches() || parts[1].length() < 16
          || scopes.isEmpty() || !scopes.stream().allMatch(sc -> SCOPE.matcher(sc.trim()).matches())) {
        r.problem("API_KEYS", parts.length > 1 ? parts[0] + ":<token>:..." : entry, "name:token:scope[,scope];... "
            + "with a name of A-Z a-z 0-9 . _ -, a token of at least 16 characters and scopes admin, read, "
            + "streams:write or stream:<id>:write");
        continue;
      }
      keys.add(new KeySpec(parts[0], parts[1], scopes.stream().map(String::trim).toList()));
    }
    String admin = r.string("ADMIN_TOKEN", "");
    if (!admin.isEmpty() && admin.length() < 16) {
      r.problem("ADMIN_TOKEN", "<" + admin.length() + " characters>", "a token of at least 16 characters");
      admin = "";
    }
    return new AuthSettings(List.copyOf(keys), admin, r.bool("AUTH_DISABLED", false),
        r.bool("AUTH_TRUST_LOOPBACK", false), r.integer("RATE_LIMIT", 100, 0, 1_000_000));
  }

  private static Resolution resolution(ConfigReader r) {
    String raw = r.string("STREAM_RESOLUTION", "1920x1080");
    Matcher m = RESOLUTION.matcher(raw.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      int w = Integer.parseInt(m.group(1));
      int h = Integer.parseInt(m.group(2));
      if (w % 2 == 0 && h % 2 == 0 && w >= 128 && w <= 7680 && h >= 72 && h <= 4320) {
        return new Resolution(w, h);
      }
    }
    r.problem("STREAM_RESOLUTION", raw, "WIDTHxHEIGHT with even numbers, width 128..7680, height 72..4320 "
        + "(e.g. 1920x1080)");
    return new Resolution(1920, 1080);
  }

  private static String streamUrl(ConfigReader r) {
    String raw = r.string("STREAM_URL", "");
    String problem = OutputUrls.problem(raw);
    if (problem != null) {
      r.problem("STREAM_URL", raw, problem);
      return "";
    }
    return raw;
  }
}
