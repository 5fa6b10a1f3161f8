package io.streammanager.localstack;

/**
 * Kafka and Redis started together: Redis first (it takes milliseconds and fails fast when
 * redis-server is not installed), then Kafka. {@link #close} stops Kafka, then Redis, and stops
 * Redis even when Kafka's shutdown fails.
 */
public final class LocalStack implements AutoCloseable {

  private volatile KafkaBroker kafka;
  private final RedisServer redis;

  private final KafkaBroker.Settings kafkaSettings;

  private LocalStack(KafkaBroker kafka, RedisServer redis, KafkaBroker.Settings kafkaSettings) {
    this.kafka = kafka;
    this.redis = redis;
    this.kafkaSettings = kafkaSettings;
  }

  /**
   * Starts both; if Kafka does not start, the already running Redis is stopped before the error
   * propagates.
   */
  public static LocalStack start(
      KafkaBroker.Settings kafkaSettings, RedisServer.Settings redisSettings) {
    RedisServer redis = RedisServer.start(redisSettings);
    try {
      return new LocalStack(KafkaBroker.start(kafkaSettings), redis, kafkaSettings);
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  public RedisServer redis() {
    return redis;
  }

  /**
   * Stops the broker and starts it again on the same ports and data (a broker restart while the
   * services run: they reconnect); Redis keeps running. Only a broker with a data directory of its
   * own can restart: a temporary one would lose its topics.
   */
  public synchronized void restartKafka() {
    if (kafkaSettings.dataDir() == null) {
      throw new IllegalStateException(
          "the broker has no data directory (--data-dir): a restart would lose its topics");
    }
    KafkaBroker old = kafka;
    old.close();
    kafka =
        KafkaBroker.start(
            kafkaSettings.withPort(old.port()).withControllerPort(old.controllerPort()));
  }

  @Override
  public void close() {
    try {
      kafka.close();
    } finally {
      redis.close();
    }
  }
}
