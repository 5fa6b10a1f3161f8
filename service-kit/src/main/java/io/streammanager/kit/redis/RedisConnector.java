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
            .setRetryAttempts(3)
            // A whole second between retries, not Redisson's jittered default: Redisson ticks its
            // timer at a step taken from this delay (a jittered one, say 517 ms, gives 10 ms: 100
            // wake-ups a second in every JVM even when idle; a whole second gives 100 ms).
            .setRetryDelay(new org.redisson.config.ConstantDelay(java.time.Duration.ofSeconds(1)));
    if (!settings.password().isEmpty()) {
      single.setPassword(settings.password());
    }
    return Redisson.create(config);
  }
}
