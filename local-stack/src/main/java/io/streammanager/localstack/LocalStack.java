package io.streammanager.localstack;

/**
 * Kafka and Redis started together: Redis first (it takes milliseconds and fails fast when
 * redis-server is not installed), then Kafka. {@link #close} stops Kafka, then Redis, and stops
 * Redis even when Kafka's shutdown fails.
 */
public final class LocalStack implements AutoCloseable {

  private final KafkaBroker kafka;
  private final RedisServer redis;

  private LocalStack(KafkaBroker kafka, RedisServer redis) {
    this.kafka = kafka;
    this.redis = redis;
  }

  /**
   * Starts both; if Kafka does not start, the already running Redis is stopped before the error
   * propagates.
   */
  public static LocalStack start(
      KafkaBroker.Settings kafkaSettings, RedisServer.Settings redisSettings) {
    RedisServer redis = RedisServer.start(redisSettings);
    try {
      return new LocalStack(KafkaBroker.start(kafkaSettings), redis);
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

  @Override
  public void close() {
    try {
      kafka.close();
    } finally {
      redis.close();
    }
  }
}
