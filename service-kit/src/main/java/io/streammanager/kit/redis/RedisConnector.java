package io.streammanager.kit.redis;

import io.streammanager.kit.config.PlatformConfig.RedisSettings;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.config.Config;

/**
 * Opens a Redisson client from REDIS_URL / REDIS_PASSWORD; values are raw bytes (serialized
 * Protobuf).
 */
public final class RedisConnector {
  private RedisConnector() {}

  public static RedissonClient connect(RedisSettings settings) {
    Config config = new Config();
    config.setCodec(ByteArrayCodec.INSTANCE);
    config.setNettyThreads(4);
    config.setThreads(2);
    var single =
        config
            .useSingleServer()
            .setAddress(settings.url())
            .setConnectionMinimumIdleSize(2)
            .setConnectionPoolSize(8)
            .setConnectTimeout(5_000)
            .setTimeout(5_000)
            .setRetryAttempts(3);
    if (!settings.password().isEmpty()) {
      single.setPassword(settings.password());
    }
    return Redisson.create(config);
  }
}
