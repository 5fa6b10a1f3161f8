package io.streammanager.layers;

import io.streammanager.kit.config.EnvSource;
import io.streammanager.kit.config.InvalidConfigurationException;
import io.streammanager.kit.config.PlatformConfig;
import io.streammanager.kit.config.StreamConfigs;
import io.streammanager.kit.kafka.TopicAdmin;
import io.streammanager.kit.lifecycle.LogSetup;
import io.streammanager.kit.redis.RedisConnector;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RedissonClient;

/**
 * {@code replay rebuild [--stream S]...}: rebuilds the streams' Redis state from the command and
 * decision logs in Kafka (all streams without {@code --stream}, and then the minted API keys from
 * the key log). Same configuration as the services (environment / .env). Prints one line per stream
 * with its version and the SHA-256 of its state; exit 1 when a replay diverges from what was
 * decided.
 */
public final class RebuildMain {
  private RebuildMain() {}

  public static void main(String[] args) {
    List<String> streams = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--stream") && i + 1 < args.length) {
        streams.add(args[++i]);
      } else if (!args[i].equals("--all")) {
        System.err.println(
            "usage: replay rebuild [--stream ID]... | --all   (unknown argument: " + args[i] + ")");
        System.exit(2);
      }
    }
    PlatformConfig config;
    try {
      config = PlatformConfig.from(EnvSource.fromEnvironment());
    } catch (InvalidConfigurationException e) {
      System.err.println("replay rebuild: " + e.getMessage());
      System.exit(2);
      return;
    }
    LogSetup.configure("replay", PlatformConfig.LogLevel.WARN, config.logFormat());
    String bootstrap = config.kafka().bootstrapServers();
    RedissonClient redis = RedisConnector.connect(config.redis());
    int status = 0;
    try {
      String commandLogId = TopicAdmin.topicId(bootstrap, Topics.COMMANDS, Duration.ofSeconds(30));
      Rebuild rebuild =
          new Rebuild(
              bootstrap,
              new StateStore(redis),
              StreamConfigs.fromDefaults(CommandApplier.DEFAULT_STREAM, config.stream()),
              config.assets(),
              commandLogId);
      List<Rebuild.Result> results =
          rebuild.run(streams, line -> System.err.println("[replay] " + line));
      for (Rebuild.Result r : results) {
        System.out.println(
            r.streamId()
                + " "
                + (r.deleted() ? "deleted" : "version " + r.version() + " sha256 " + r.checksum()));
      }
      if (streams.isEmpty()) {
        int[] keys = rebuild.restoreKeys();
        System.err.println(
            "[replay] minted API keys from "
                + Topics.KEYS.name()
                + ": "
                + keys[0]
                + " stored, "
                + keys[1]
                + " revoked removed");
      }
    } catch (RuntimeException e) {
      System.err.println("replay rebuild failed: " + e.getMessage());
      status = 1;
    } finally {
      redis.shutdown();
    }
    System.exit(status);
  }
}
