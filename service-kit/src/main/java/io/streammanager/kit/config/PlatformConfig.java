package io.streammanager.kit.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's configuration, shared by every service. Each service reads the whole set, so a bad
 * value stops any of them at start with the same message.
 *
 * @param ports PORT, WS_PORT, METRICS_PORT, HEALTH_PORT
 * @param kafka KAFKA_BOOTSTRAP_SERVERS
 * @param redis REDIS_URL, REDIS_PASSWORD
 * @param stream STREAM_RESOLUTION, TARGET_FPS, RENDER_QUALITY, STREAM_BITRATE, STREAM_URL and the
 *     audio variables: the settings of the stream {@code default}, and the defaults of every new
 *     stream
 * @param assets ASSET_MAX_BYTES, ASSET_MAX_PIXELS: what an uploaded picture may be
 * @param auth API_KEYS, ADMIN_TOKEN, AUTH_DISABLED, AUTH_TRUST_LOOPBACK, RATE_LIMIT
 * @param logLevel LOG_LEVEL: error|warn|info|debug
 * @param logFormat LOG_FORMAT: text (one line per event, default) or json (one JSON object per
 *     line, with the command and stream being handled)
 * @param outputs RECORDINGS_DIR, OUTPUT_HOSTS: where file outputs go and which hosts streaming
 *     outputs may name
 * @param quotas what one stream, one command and the deployment may hold (docs/security.md)
 * @param web ALLOWED_HOSTS, ALLOWED_ORIGINS and the WebSocket connection caps of the gateway
 */
public record PlatformConfig(
    Ports ports,
    KafkaSettings kafka,
    RedisSettings redis,
    StreamDefaults stream,
    AssetLimits assets,
    AuthSettings auth,
    LogLevel logLevel,
    LogFormat logFormat,
    OutputSettings outputs,
    Quotas quotas,
    WebSettings web) {

  public enum Quality {
    LOW,
    MEDIUM,
    HIGH
  }

  public enum AudioCodecName {
    AAC,
    OPUS
  }

  public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG
  }

  public enum LogFormat {
    TEXT,
    JSON
  }

  /**
   * PORT (HTTP API, default 3000), WS_PORT (WebSocket, 3001), METRICS_PORT (9464), HEALTH_PORT
   * (8080).
   */
  public record Ports(int http, int ws, int metrics, int health) {}

  /**
   * KAFKA_BOOTSTRAP_SERVERS (default 127.0.0.1:9092); KAFKA_REPLICATION_FACTOR and
   * KAFKA_MIN_INSYNC_REPLICAS of the topics the services create (default 0: the broker's own
   * default.replication.factor and min.insync.replicas; the chart sets 3 and 2).
   */
  public record KafkaSettings(
      String bootstrapServers, int replicationFactor, int minInsyncReplicas) {
    /** The broker's own replication defaults. */
    public KafkaSettings(String bootstrapServers) {
      this(bootstrapServers, 0, 0);
    }
  }

  /** REDIS_URL (default redis://127.0.0.1:6379) and REDIS_PASSWORD (default none). */
  public record RedisSettings(String url, String password) {
    @Override
    public String toString() {
      return "RedisSettings[url="
          + url
          + ", password="
          + (password.isEmpty() ? "<none>" : "<set>")
          + "]";
    }
  }

  /**
   * STREAM_RESOLUTION, e.g. 1920x1080: even numbers, width 128..7680, height 72..4320 ({@link
   * Bounds}).
   */
  public record Resolution(int width, int height) {
    @Override
    public String toString() {
      return width + "x" + height;
    }
  }

  /**
   * ASSET_MAX_BYTES (default 16 MiB, 1 KiB..256 MiB), ASSET_MAX_PIXELS (width x height, default 16
   * MP = 16777216, at most 16384x16384) and ASSET_MAX_TOTAL_BYTES (every stored asset together,
   * default 1 GiB): larger pictures are refused from their header, before anything is decoded.
   */
  public record AssetLimits(long maxBytes, long maxPixels, long maxTotalBytes) {
    public AssetLimits(long maxBytes, long maxPixels) {
      this(maxBytes, maxPixels, DEFAULT_TOTAL_ASSET_BYTES);
    }
  }

  public static final long DEFAULT_TOTAL_ASSET_BYTES = 1024L * 1024 * 1024;

  /**
   * RECORDINGS_DIR (default {@code var/recordings}): file outputs, given as relative paths, are
   * written below {@code RECORDINGS_DIR/<stream>/}. OUTPUT_HOSTS (comma-separated host globs,
   * default {@code *}): the hosts a streaming output may name; link-local and cloud-metadata
   * addresses are refused whatever it says.
   */
  public record OutputSettings(String recordingsDir, List<String> hosts) {
    public OutputSettings {
      hosts = List.copyOf(hosts);
    }

    /**
     * The output rules of this deployment, STREAM_URL being the one output allowed to be an
     * absolute path.
     */
    public OutputUrls.Rules rules(String streamUrl) {
      return new OutputUrls.Rules(hosts, streamUrl);
    }

    public java.nio.file.Path recordingsPath() {
      return java.nio.file.Path.of(recordingsDir);
    }
  }

  /**
   * What one stream, one command and the whole deployment may hold, enforced by layer-service (the
   * gateway checks the same numbers early). A refusal names the variable and its value.
   *
   * @param maxLayers MAX_LAYERS, layers per stream (default 256)
   * @param maxOutputs MAX_OUTPUTS, outputs per stream (default 8)
   * @param maxTextChars MAX_TEXT_CHARS, characters of a text layer (default 4096)
   * @param maxClockFormatChars MAX_CLOCK_FORMAT_CHARS, characters of a clock's pattern (default
   *     256)
   * @param maxScheduled MAX_SCHEDULED, pending scheduled commands per stream (default 256)
   * @param maxBatchOperations MAX_BATCH_OPERATIONS, operations in one batch (default 100)
   * @param maxStreams MAX_STREAMS, streams in the deployment (default 10000)
   * @param maxPixelRate MAX_PIXEL_RATE, width x height x fps of one stream (default 1920x1080x60 =
   *     124416000)
   * @param maxBitrateKbps MAX_BITRATE, video kbps of one stream (default 20000)
   * @param maxStateBytes MAX_STATE_BYTES, a stream's whole state serialized: layers and pending
   *     schedules (default 1 MiB); every change writes it to Redis
   */
  public record Quotas(
      int maxLayers,
      int maxOutputs,
      int maxTextChars,
      int maxClockFormatChars,
      int maxScheduled,
      int maxBatchOperations,
      int maxStreams,
      long maxPixelRate,
      int maxBitrateKbps,
      int maxStateBytes) {
    public static final Quotas DEFAULTS =
        new Quotas(256, 8, 4096, 256, 256, 100, 10_000, 1920L * 1080 * 60, 20_000, 1024 * 1024);

    /** Characters of a stream's name (fixed). */
    public static final int MAX_NAME_CHARS = 256;
  }

  /**
   * The gateway's web rules. ALLOWED_HOSTS: Host names (besides localhost, 127.0.0.1 and [::1]) for
   * which loopback trust holds; ALLOWED_ORIGINS: browser origins (e.g. https://panel.example.com)
   * allowed besides the gateway's own host; WS_MAX_CONNECTIONS_PER_KEY (default 16) and
   * WS_MAX_CONNECTIONS_PER_ADDRESS (default 64).
   */
  public record WebSettings(
      List<String> allowedHosts, List<String> allowedOrigins, int wsPerKey, int wsPerAddress) {
    public static final WebSettings DEFAULTS = new WebSettings(List.of(), List.of(), 16, 64);

    public WebSettings {
      allowedHosts = List.copyOf(allowedHosts);
      allowedOrigins = List.copyOf(allowedOrigins);
    }
  }

  /**
   * One API key from API_KEYS.
   *
   * @param scopes admin, read, streams:write, stream:&lt;id&gt;:write or stream:&lt;id&gt;:read
   */
  public record KeySpec(String name, String token, List<String> scopes) {
    @Override
    public String toString() {
      return "KeySpec[name=" + name + ", token=<set>, scopes=" + scopes + "]";
    }
  }

  /**
   * API_KEYS ({@code name:token:scope,scope;...}), ADMIN_TOKEN (one admin token), AUTH_DISABLED
   * (true only to run without any token, said loudly), AUTH_TRUST_LOOPBACK (true: HTTP calls
   * without an Authorization header from this machine act as admin, as {@code demo} runs; never
   * behind a reverse proxy on the same machine), RATE_LIMIT (requests per second per key, 0 = none;
   * default 100). Tokens are at least 16 characters.
   */
  public record AuthSettings(
      List<KeySpec> keys,
      String adminToken,
      boolean disabled,
      boolean trustLoopback,
      int rateLimitPerSecond) {
    /** True when some token can be checked. */
    public boolean hasTokens() {
      return !keys.isEmpty() || !adminToken.isEmpty();
    }

    @Override
    public String toString() {
      return "AuthSettings[keys="
          + keys
          + ", adminToken="
          + (adminToken.isEmpty() ? "<none>" : "<set>")
          + ", disabled="
          + disabled
          + ", rateLimitPerSecond="
          + rateLimitPerSecond
          + "]";
    }
  }

  /** AUDIO_ENABLED (true), AUDIO_CODEC (aac|opus), AUDIO_BITRATE (kbps, 128). */
  public record Audio(boolean enabled, AudioCodecName codec, int bitrateKbps) {}

  /**
   * @param url STREAM_URL: rtmp://, rtmps:// or srt:// URL, or a file path ending
   *     .flv/.mp4/.mkv/.ts; empty means a recording under var/recordings/ named after the stream
   *     and run ({@link #DEFAULT_RECORDING})
   */
  public record StreamDefaults(
      Resolution resolution, int fps, Quality quality, int bitrateKbps, String url, Audio audio) {}

  /**
   * Where a stream records when STREAM_URL is empty, below RECORDINGS_DIR/&lt;stream&gt;/; {stream}
   * and {run} are filled in by the encoder.
   */
  public static final String DEFAULT_RECORDING = "{stream}-{run}.flv";

  private static final Pattern RESOLUTION = Pattern.compile("(\\d{2,5})x(\\d{2,5})");
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}");

  /**
   * Reads and checks every variable; throws {@link InvalidConfigurationException} listing all
   * problems.
   */
  public static PlatformConfig from(EnvSource env) {
    ConfigReader r = new ConfigReader(env);
    Ports ports =
        new Ports(
            r.port("PORT", 3000),
            r.port("WS_PORT", 3001),
            r.port("METRICS_PORT", 9464),
            r.port("HEALTH_PORT", 8080));
    String bootstrap = r.string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    for (String hp : bootstrap.split(",")) {
      if (!HOST_PORT.matcher(hp.trim()).matches()) {
        r.problem("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "a comma-separated list of host:port");
        bootstrap = "127.0.0.1:9092";
        break;
      }
    }
    RedisSettings redis =
        new RedisSettings(
            r.uri("REDIS_URL", "redis://127.0.0.1:6379", "redis", "rediss"),
            r.string("REDIS_PASSWORD", ""));
    Resolution resolution = resolution(r);
    int fps = r.integer("TARGET_FPS", 30, (int) Bounds.FPS.min(), (int) Bounds.FPS.max());
    Quality quality = r.enumeration("RENDER_QUALITY", Quality.MEDIUM);
    int bitrate =
        r.integer(
            "STREAM_BITRATE", 4500, (int) Bounds.VIDEO_KBPS.min(), (int) Bounds.VIDEO_KBPS.max());
    OutputSettings outputs =
        new OutputSettings(
            r.string("RECORDINGS_DIR", "var/recordings"), list(r.string("OUTPUT_HOSTS", "*")));
    String url = streamUrl(r, outputs);
    Audio audio =
        new Audio(
            r.bool("AUDIO_ENABLED", true),
            r.enumeration("AUDIO_CODEC", AudioCodecName.AAC),
            r.integer(
                "AUDIO_BITRATE",
                128,
                (int) Bounds.AUDIO_KBPS.min(),
                (int) Bounds.AUDIO_KBPS.max()));
    AssetLimits assets =
        new AssetLimits(
            r.integer("ASSET_MAX_BYTES", 16 * 1024 * 1024, 1024, 256 * 1024 * 1024),
            r.integer("ASSET_MAX_PIXELS", 16 * 1024 * 1024, 1, 16384 * 16384),
            r.longInteger(
                "ASSET_MAX_TOTAL_BYTES", DEFAULT_TOTAL_ASSET_BYTES, 1024 * 1024, 1L << 40));
    AuthSettings auth = auth(r);
    LogLevel logLevel = r.enumeration("LOG_LEVEL", LogLevel.INFO);
    LogFormat logFormat = r.enumeration("LOG_FORMAT", LogFormat.TEXT);
    Quotas q = Quotas.DEFAULTS;
    Quotas quotas =
        new Quotas(
            r.integer("MAX_LAYERS", q.maxLayers(), 1, 10_000),
            r.integer("MAX_OUTPUTS", q.maxOutputs(), 1, 64),
            r.integer("MAX_TEXT_CHARS", q.maxTextChars(), 1, 65_536),
            r.integer("MAX_CLOCK_FORMAT_CHARS", q.maxClockFormatChars(), 8, 4096),
            r.integer("MAX_SCHEDULED", q.maxScheduled(), 0, 10_000),
            r.integer("MAX_BATCH_OPERATIONS", q.maxBatchOperations(), 1, 10_000),
            r.integer("MAX_STREAMS", q.maxStreams(), 1, 1_000_000),
            r.longInteger(
                "MAX_PIXEL_RATE",
                q.maxPixelRate(),
                Bounds.WIDTH.min() * Bounds.HEIGHT.min(),
                Bounds.WIDTH.max() * Bounds.HEIGHT.max() * Bounds.FPS.max()),
            r.integer(
                "MAX_BITRATE",
                q.maxBitrateKbps(),
                (int) Bounds.VIDEO_KBPS.min(),
                (int) Bounds.VIDEO_KBPS.max()),
            r.integer("MAX_STATE_BYTES", q.maxStateBytes(), 64 * 1024, 64 * 1024 * 1024));
    if ((long) resolution.width() * resolution.height() * fps > quotas.maxPixelRate()) {
      r.problem(
          "MAX_PIXEL_RATE",
          String.valueOf(quotas.maxPixelRate()),
          "at least STREAM_RESOLUTION x TARGET_FPS = "
              + (long) resolution.width() * resolution.height() * fps
              + " (the default stream must fit)");
    }
    if (bitrate > quotas.maxBitrateKbps()) {
      r.problem(
          "MAX_BITRATE",
          String.valueOf(quotas.maxBitrateKbps()),
          "at least STREAM_BITRATE = " + bitrate + " (the default stream must fit)");
    }
    WebSettings web =
        new WebSettings(
            list(r.string("ALLOWED_HOSTS", "")),
            list(r.string("ALLOWED_ORIGINS", "")),
            r.integer("WS_MAX_CONNECTIONS_PER_KEY", WebSettings.DEFAULTS.wsPerKey(), 1, 100_000),
            r.integer(
                "WS_MAX_CONNECTIONS_PER_ADDRESS", WebSettings.DEFAULTS.wsPerAddress(), 1, 100_000));
    for (String origin : web.allowedOrigins()) {
      if (!origin.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+")) {
        r.problem(
            "ALLOWED_ORIGINS",
            origin,
            "comma-separated origins like https://panel.example.com[:port]");
      }
    }
    int replicas = r.integer("KAFKA_REPLICATION_FACTOR", 0, 0, 32);
    int minInsync = r.integer("KAFKA_MIN_INSYNC_REPLICAS", 0, 0, 32);
    if (replicas > 0 && minInsync > replicas) {
      r.problem(
          "KAFKA_MIN_INSYNC_REPLICAS",
          String.valueOf(minInsync),
          "at most KAFKA_REPLICATION_FACTOR ("
              + replicas
              + "): no write could ever be acknowledged");
    }
    r.throwIfInvalid();
    return new PlatformConfig(
        ports,
        new KafkaSettings(bootstrap, replicas, minInsync),
        redis,
        new StreamDefaults(resolution, fps, quality, bitrate, url, audio),
        assets,
        auth,
        logLevel,
        logFormat,
        outputs,
        quotas,
        web);
  }

  private static List<String> list(String raw) {
    return java.util.Arrays.stream(raw.split(","))
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .toList();
  }

  private static final Pattern KEY_NAME = io.streammanager.proto.Ids.NAME;

  /**
   * An API key scope: admin, read, streams:write, stream:&lt;id&gt;:write or stream:&lt;id&gt;:read
   * (API_KEYS, /api/keys).
   */
  public static final Pattern SCOPE =
      Pattern.compile("admin|read|streams:write|stream:[A-Za-z0-9._\\-]{1,64}:(write|read)");

  private static AuthSettings auth(ConfigReader r) {
    List<KeySpec> keys = new ArrayList<>();
    String raw = r.string("API_KEYS", "");
    for (String entry : raw.isEmpty() ? new String[0] : raw.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.trim().split(":", 3);
      List<String> scopes = parts.length == 3 ? List.of(parts[2].split(",")) : List.of();
      if (parts.length != 3
          || !KEY_NAME.matcher(parts[0]).matches()
          || parts[1].length() < 16
          || scopes.isEmpty()
          || !scopes.stream().allMatch(sc -> SCOPE.matcher(sc.trim()).matches())) {
        r.problem(
            "API_KEYS",
            parts.length > 1 ? parts[0] + ":<token>:..." : "<an entry without ':'>",
            "name:token:scope[,scope];... "
                + "with a name of A-Z a-z 0-9 . _ -, a token of at least 16 characters and scopes admin, read, "
                + "streams:write, stream:<id>:write or stream:<id>:read");
        continue;
      }
      keys.add(new KeySpec(parts[0], parts[1], scopes.stream().map(String::trim).toList()));
    }
    String admin = r.string("ADMIN_TOKEN", "");
    if (!admin.isEmpty() && admin.length() < 16) {
      r.problem(
          "ADMIN_TOKEN",
          "<" + admin.length() + " characters>",
          "a token of at least 16 characters");
      admin = "";
    }
    return new AuthSettings(
        List.copyOf(keys),
        admin,
        r.bool("AUTH_DISABLED", false),
        r.bool("AUTH_TRUST_LOOPBACK", false),
        r.integer("RATE_LIMIT", 100, 0, 1_000_000));
  }

  private static Resolution resolution(ConfigReader r) {
    String raw = r.string("STREAM_RESOLUTION", "1920x1080");
    Matcher m = RESOLUTION.matcher(raw.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      int w = Integer.parseInt(m.group(1));
      int h = Integer.parseInt(m.group(2));
      if (Bounds.resolution(w, h)) {
        return new Resolution(w, h);
      }
    }
    r.problem(
        "STREAM_RESOLUTION",
        raw,
        "WIDTHxHEIGHT with " + Bounds.RESOLUTION_RULE + " (e.g. 1920x1080)");
    return new Resolution(1920, 1080);
  }

  private static String streamUrl(ConfigReader r, OutputSettings outputs) {
    String raw = r.string("STREAM_URL", "");
    String problem =
        OutputUrls.problem(raw, outputs.rules(raw), io.streammanager.proto.StreamIds.DEFAULT);
    if (problem != null) {
      r.problem("STREAM_URL", OutputUrls.redact(raw), problem);
      return "";
    }
    return raw;
  }
}
