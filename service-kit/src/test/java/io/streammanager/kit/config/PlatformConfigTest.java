package io.streammanager.kit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.streammanager.kit.config.PlatformConfig.AssetLimits;
import io.streammanager.kit.config.PlatformConfig.Audio;
import io.streammanager.kit.config.PlatformConfig.AudioCodecName;
import io.streammanager.kit.config.PlatformConfig.AuthSettings;
import io.streammanager.kit.config.PlatformConfig.KafkaSettings;
import io.streammanager.kit.config.PlatformConfig.KeySpec;
import io.streammanager.kit.config.PlatformConfig.LogFormat;
import io.streammanager.kit.config.PlatformConfig.LogLevel;
import io.streammanager.kit.config.PlatformConfig.OutputSettings;
import io.streammanager.kit.config.PlatformConfig.Ports;
import io.streammanager.kit.config.PlatformConfig.Quality;
import io.streammanager.kit.config.PlatformConfig.Quotas;
import io.streammanager.kit.config.PlatformConfig.RedisSettings;
import io.streammanager.kit.config.PlatformConfig.Resolution;
import io.streammanager.kit.config.PlatformConfig.StreamDefaults;
import io.streammanager.kit.config.PlatformConfig.WebSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformConfigTest {
  private static final String RESOLUTION_ALLOWED =
      "WIDTHxHEIGHT with even numbers, width 128..7680, height " + "72..4320 (e.g. 1920x1080)";

  private static PlatformConfig read(Map<String, String> env) {
    return PlatformConfig.from(EnvSource.of(env));
  }

  private static List<String> problemsOf(Map<String, String> env) {
    return catchThrowableOfType(InvalidConfigurationException.class, () -> read(env)).problems();
  }

  @Test
  void from_emptyEnvironment_givesEveryDefault() {
    PlatformConfig config = read(Map.of());

    assertThat(config)
        .isEqualTo(
            new PlatformConfig(
                new Ports(3000, 3001, 9464, 8080),
                new KafkaSettings("127.0.0.1:9092"),
                new RedisSettings("redis://127.0.0.1:6379", ""),
                new StreamDefaults(
                    new Resolution(1920, 1080),
                    30,
                    Quality.MEDIUM,
                    4500,
                    "",
                    new Audio(true, AudioCodecName.AAC, 128)),
                new AssetLimits(16 * 1024 * 1024, 16 * 1024 * 1024, 1024L * 1024 * 1024),
                new AuthSettings(List.of(), "", false, false, 100),
                LogLevel.INFO,
                LogFormat.TEXT,
                new OutputSettings("var/recordings", List.of("*")),
                new Quotas(
                    256, 8, 4096, 256, 256, 100, 10_000, 1920L * 1080 * 60, 20_000, 1024 * 1024),
                new WebSettings(List.of(), List.of(), 16, 64)));
  }

  @Test
  void from_everyVariableSetAndValid_readsEveryValue() {
    Map<String, String> env =
        Map.ofEntries(
            Map.entry("PORT", "4000"),
            Map.entry("WS_PORT", "4001"),
            Map.entry("METRICS_PORT", "9100"),
            Map.entry("HEALTH_PORT", "8100"),
            Map.entry("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092, kafka-2:9093"),
            Map.entry("REDIS_URL", "rediss://cache.example.com:6380"),
            Map.entry("REDIS_PASSWORD", "s3cret"),
            Map.entry("STREAM_RESOLUTION", "1280x720"),
            Map.entry("TARGET_FPS", "60"),
            Map.entry("RENDER_QUALITY", "HIGH"),
            Map.entry("STREAM_BITRATE", "6000"),
            Map.entry("STREAM_URL", "rtmp://live.example.com/app/key"),
            Map.entry("AUDIO_ENABLED", "false"),
            Map.entry("AUDIO_CODEC", "opus"),
            Map.entry("AUDIO_BITRATE", "96"),
            Map.entry("LOG_LEVEL", "debug"),
            Map.entry("ASSET_MAX_BYTES", "1048576"),
            Map.entry("ASSET_MAX_PIXELS", "4000000"),
            Map.entry(
                "API_KEYS",
                "ops:0123456789abcdef:read,streams:write;news:fedcba9876543210:stream:news1:write"),
            Map.entry("ADMIN_TOKEN", "admin-token-0123456789"),
            Map.entry("RATE_LIMIT", "20"),
            Map.entry("AUTH_TRUST_LOOPBACK", "true"),
            Map.entry("LOG_FORMAT", "json"),
            Map.entry("RECORDINGS_DIR", "/srv/recordings"),
            Map.entry("OUTPUT_HOSTS", "*.example.com, ingest.local"),
            Map.entry("ASSET_MAX_TOTAL_BYTES", "2097152"),
            Map.entry("MAX_LAYERS", "50"),
            Map.entry("MAX_OUTPUTS", "2"),
            Map.entry("MAX_TEXT_CHARS", "100"),
            Map.entry("MAX_CLOCK_FORMAT_CHARS", "20"),
            Map.entry("MAX_SCHEDULED", "10"),
            Map.entry("MAX_BATCH_OPERATIONS", "5"),
            Map.entry("MAX_STREAMS", "3"),
            Map.entry("MAX_PIXEL_RATE", "55296000"),
            Map.entry("MAX_BITRATE", "8000"),
            Map.entry("MAX_STATE_BYTES", "131072"),
            Map.entry("ALLOWED_HOSTS", "studio.local"),
            Map.entry("ALLOWED_ORIGINS", "https://panel.example.com"),
            Map.entry("WS_MAX_CONNECTIONS_PER_KEY", "4"),
            Map.entry("WS_MAX_CONNECTIONS_PER_ADDRESS", "8"));

    PlatformConfig config = read(env);

    assertThat(config)
        .isEqualTo(
            new PlatformConfig(
                new Ports(4000, 4001, 9100, 8100),
                new KafkaSettings("kafka-1:9092, kafka-2:9093"),
                new RedisSettings("rediss://cache.example.com:6380", "s3cret"),
                new StreamDefaults(
                    new Resolution(1280, 720),
                    60,
                    Quality.HIGH,
                    6000,
                    "rtmp://live.example.com/app/key",
                    new Audio(false, AudioCodecName.OPUS, 96)),
                new AssetLimits(1048576, 4000000, 2097152),
                new AuthSettings(
                    List.of(
                        new KeySpec("ops", "0123456789abcdef", List.of("read", "streams:write")),
                        new KeySpec("news", "fedcba9876543210", List.of("stream:news1:write"))),
                    "admin-token-0123456789",
                    false,
                    true,
                    20),
                LogLevel.DEBUG,
                LogFormat.JSON,
                new OutputSettings("/srv/recordings", List.of("*.example.com", "ingest.local")),
                new Quotas(50, 2, 100, 20, 10, 5, 3, 55_296_000, 8000, 131072),
                new WebSettings(
                    List.of("studio.local"), List.of("https://panel.example.com"), 4, 8)));
  }

  @Test
  void from_blankValues_countAsAbsentAndGiveDefaults() {
    PlatformConfig config = read(Map.of("PORT", "  ", "STREAM_RESOLUTION", "", "LOG_LEVEL", "\t"));

    assertThat(config).isEqualTo(read(Map.of()));
  }

  @Test
  void from_manyBadValues_reportsEveryProblemAtOnceInReadingOrder() {
    Map<String, String> env =
        Map.ofEntries(
            Map.entry("PORT", "0"),
            Map.entry("WS_PORT", "http"),
            Map.entry("KAFKA_BOOTSTRAP_SERVERS", "kafka"),
            Map.entry("REDIS_URL", "http://cache:6379"),
            Map.entry("STREAM_RESOLUTION", "1921x1080"),
            Map.entry("TARGET_FPS", "121"),
            Map.entry("RENDER_QUALITY", "ultra"),
            Map.entry("STREAM_BITRATE", "99"),
            Map.entry("STREAM_URL", "http://example.com/live"),
            Map.entry("AUDIO_ENABLED", "maybe"),
            Map.entry("AUDIO_CODEC", "mp3"),
            Map.entry("AUDIO_BITRATE", "513"),
            Map.entry("LOG_LEVEL", "trace"));

    List<String> problems = problemsOf(env);

    assertThat(problems)
        .containsExactly(
            "PORT='0' is not allowed: expected an integer from 1 to 65535",
            "WS_PORT='http' is not allowed: expected an integer from 1 to 65535",
            "KAFKA_BOOTSTRAP_SERVERS='kafka' is not allowed: expected a comma-separated list of host:port",
            "REDIS_URL='http://cache:6379' is not allowed: expected a URL like redis://host:port",
            "STREAM_RESOLUTION='1921x1080' is not allowed: expected " + RESOLUTION_ALLOWED,
            "TARGET_FPS='121' is not allowed: expected an integer from 1 to 120",
            "RENDER_QUALITY='ultra' is not allowed: expected one of low|medium|high",
            "STREAM_BITRATE='99' is not allowed: expected an integer from 100 to 100000",
            "STREAM_URL='http://example.com/***' is not allowed: expected the scheme 'http' is not allowed; "
                + OutputUrls.ALLOWED,
            "AUDIO_ENABLED='maybe' is not allowed: expected true or false",
            "AUDIO_CODEC='mp3' is not allowed: expected one of aac|opus",
            "AUDIO_BITRATE='513' is not allowed: expected an integer from 16 to 512",
            "LOG_LEVEL='trace' is not allowed: expected one of error|warn|info|debug");
  }

  @Test
  void from_oneBadValue_messageNamesTheCountAndTheProblem() {
    InvalidConfigurationException e =
        catchThrowableOfType(
            InvalidConfigurationException.class, () -> read(Map.of("TARGET_FPS", "0")));

    assertThat(e)
        .hasMessage(
            "invalid configuration (1 problem):\n"
                + "  - TARGET_FPS='0' is not allowed: expected an integer from 1 to 120");
  }

  @Test
  void from_twoBadValues_messageListsBothOnePerLine() {
    InvalidConfigurationException e =
        catchThrowableOfType(
            InvalidConfigurationException.class,
            () -> read(Map.of("TARGET_FPS", "0", "LOG_LEVEL", "loud")));

    assertThat(e)
        .hasMessage(
            "invalid configuration (2 problems):\n"
                + "  - TARGET_FPS='0' is not allowed: expected an integer from 1 to 120\n"
                + "  - LOG_LEVEL='loud' is not allowed: expected one of error|warn|info|debug");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1921x1080",
        "1920x1081",
        "126x720",
        "7682x1080",
        "1920x70",
        "1920x4322",
        "1920*1080",
        "1920x",
        "full-hd",
        "1920x1080x2"
      })
  void from_resolutionOutsideTheRules_isRejected(String raw) {
    assertThat(problemsOf(Map.of("STREAM_RESOLUTION", raw)))
        .containsExactly(
            "STREAM_RESOLUTION='" + raw + "' is not allowed: expected " + RESOLUTION_ALLOWED);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"128x72|128|72", "7680x4320|7680|4320", "1280X720|1280|720", "' 640x360 '|640|360"})
  void from_resolutionAtTheLimitsOrUpperCaseX_isAccepted(String raw, int width, int height) {
    assertThat(
            read(
                    Map.of(
                        "STREAM_RESOLUTION",
                        raw,
                        "MAX_PIXEL_RATE",
                        String.valueOf(7680L * 4320 * 30)))
                .stream()
                .resolution())
        .isEqualTo(new Resolution(width, height));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kafka",
        "kafka:",
        ":9092",
        "kafka:9092,,kafka2:9092",
        "kafka:port",
        "kafka:9092;kafka2:9092"
      })
  void from_kafkaBootstrapNotHostPortList_isRejectedWithWholeValue(String raw) {
    assertThat(problemsOf(Map.of("KAFKA_BOOTSTRAP_SERVERS", raw)))
        .containsExactly(
            "KAFKA_BOOTSTRAP_SERVERS='"
                + raw
                + "' is not allowed: expected a comma-separated list of host:port");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost:9092",
        "10.0.0.1:9092,10.0.0.2:9092",
        "[::1]:9092",
        "kafka_1.local:19092"
      })
  void from_kafkaBootstrapHostPortList_isAccepted(String raw) {
    assertThat(read(Map.of("KAFKA_BOOTSTRAP_SERVERS", raw)).kafka())
        .isEqualTo(new KafkaSettings(raw));
  }

  @Test
  void from_streamUrlAbsolutePath_isAllowedOnlyThere() {
    assertThat(read(Map.of("STREAM_URL", "/srv/air/{stream}-{run}.mp4")).stream().url())
        .isEqualTo("/srv/air/{stream}-{run}.mp4");
  }

  @Test
  void from_streamUrlGopherOrHostOutsideOutputHosts_isRefused() {
    assertThat(problemsOf(Map.of("STREAM_URL", "gopher:127.0.0.1:6379/x.flv")))
        .singleElement()
        .asString()
        .startsWith(
            "STREAM_URL='gopher:127.0.0.1:6379/x.flv' is not allowed: expected a file path has no ':'");
    assertThat(
            problemsOf(
                Map.of(
                    "STREAM_URL",
                    "rtmp://evil.example.net/live/k",
                    "OUTPUT_HOSTS",
                    "*.youtube.com")))
        .containsExactly(
            "STREAM_URL='rtmp://evil.example.net/live/***' is not allowed: expected the host "
                + "'evil.example.net' is not one of OUTPUT_HOSTS [*.youtube.com]");
  }

  @Test
  void from_defaultStreamAboveTheCostCeilings_isRefusedNamingBoth() {
    assertThat(
            problemsOf(
                Map.of(
                    "STREAM_RESOLUTION",
                    "3840x2160",
                    "TARGET_FPS",
                    "60",
                    "STREAM_BITRATE",
                    "30000")))
        .containsExactly(
            "MAX_PIXEL_RATE='124416000' is not allowed: expected at least STREAM_RESOLUTION x TARGET_FPS = 497664000 "
                + "(the default stream must fit)",
            "MAX_BITRATE='20000' is not allowed: expected at least STREAM_BITRATE = 30000 (the default stream must fit)");
  }

  @Test
  void from_apiKeysEntryWithoutColon_neverEchoesIt() {
    assertThat(problemsOf(Map.of("API_KEYS", "sm_a_bare_token_that_is_secret")))
        .singleElement()
        .asString()
        .startsWith("API_KEYS='<an entry without ':'>' is not allowed")
        .doesNotContain("secret");
  }

  @Test
  void from_streamUrlFilePath_isKept() {
    assertThat(read(Map.of("STREAM_URL", "var/out/show.mp4")).stream().url())
        .isEqualTo("var/out/show.mp4");
  }

  @Test
  void from_streamUrlNetworkWithPlaceholders_isAccepted() {
    String url = "rtmp://live.example.com/app/{stream}-{run}";

    assertThat(read(Map.of("STREAM_URL", url)).stream().url()).isEqualTo(url);
  }

  @Test
  void redisSettingsToString_withPassword_hidesIt() {
    assertThat(new RedisSettings("redis://h:6379", "s3cret"))
        .hasToString("RedisSettings[url=redis://h:6379, password=<set>]");
  }

  @Test
  void redisSettingsToString_withoutPassword_saysNone() {
    assertThat(new RedisSettings("redis://h:6379", ""))
        .hasToString("RedisSettings[url=redis://h:6379, password=<none>]");
  }

  @Test
  void replication_isReadForTheTopics_andMoreInSyncReplicasThanCopiesIsRefused() {
    assertThat(
            read(Map.of("KAFKA_REPLICATION_FACTOR", "3", "KAFKA_MIN_INSYNC_REPLICAS", "2")).kafka())
        .isEqualTo(new KafkaSettings("127.0.0.1:9092", 3, 2));
    InvalidConfigurationException e =
        catchThrowableOfType(
            InvalidConfigurationException.class,
            () -> read(Map.of("KAFKA_REPLICATION_FACTOR", "1", "KAFKA_MIN_INSYNC_REPLICAS", "2")));

    assertThat(e)
        .hasMessage(
            "invalid configuration (1 problem):\n"
                + "  - KAFKA_MIN_INSYNC_REPLICAS='2' is not allowed: expected at most KAFKA_REPLICATION_FACTOR"
                + " (1): no write could ever be acknowledged");
  }
}
