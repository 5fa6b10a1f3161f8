package io.streammanager.encoder;

import io.streammanager.kit.config.EnvSource;
import io.streammanager.kit.config.InvalidConfigurationException;
import io.streammanager.kit.config.PlatformConfig;
import io.streammanager.kit.kafka.TopicAdmin;
import io.streammanager.kit.lifecycle.LogSetup;
import io.streammanager.kit.redis.AiredFrames;
import io.streammanager.kit.redis.RedisConnector;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RedissonClient;

/**
 * {@code replay render --stream S --from T1 --to T2 --out clip.mp4 [--run R]}: the frames presented
 * in [T1, T2) of the run on air at T1 (or run R), drawn again by the render-worker pool and encoded
 * to a file, faster than real time when the workers are. Same configuration as the services
 * (environment / .env). Progress on stderr; one summary line on stdout. Exit 2 on bad arguments or
 * a span with no frame, 1 on failure.
 */
public final class ClipMain {
  private static final String USAGE =
      "usage: replay render --stream ID --from ISO-TIME --to ISO-TIME --out FILE "
          + "[--run RUN-ID]";

  private ClipMain() {}

  public static void main(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].matches("--(stream|from|to|out|run)") || i + 1 >= args.length) {
        exit(2, USAGE + "   (unexpected: " + args[i] + ")");
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    for (String required : new String[] {"stream", "from", "to", "out"}) {
      if (!opts.containsKey(required)) {
        exit(2, USAGE + "   (--" + required + " is missing)");
      }
    }
    Instant from = time(opts.get("from"), "--from");
    Instant to = time(opts.get("to"), "--to");
    if (java.nio.file.Files.exists(java.nio.file.Path.of(opts.get("out")))) {
      exit(
          2,
          "replay render: " + opts.get("out") + " exists; give another --out or delete it first");
    }
    PlatformConfig config;
    try {
      config = PlatformConfig.from(EnvSource.fromEnvironment());
    } catch (InvalidConfigurationException e) {
      exit(2, "replay render: " + e.getMessage());
      return;
    }
    LogSetup.configure("replay", PlatformConfig.LogLevel.WARN, config.logFormat());
    String bootstrap = config.kafka().bootstrapServers();
    RedissonClient redis = RedisConnector.connect(config.redis());
    int status = 0;
    try {
      TopicAdmin.ensure(bootstrap, Topics.ALL, Duration.ofSeconds(30));
      String stream = opts.get("stream");
      ClipRender clip =
          new ClipRender(
              bootstrap, new StateStore(redis), AiredFrames.reader(redis), Clock.systemUTC());
      ClipRender.Span span = clip.span(stream, Optional.ofNullable(opts.get("run")), from, to);
      System.err.println(
          "[replay] "
              + stream
              + " run "
              + span.run().runId()
              + ": frames "
              + span.first()
              + ".."
              + (span.end() - 1)
              + " to "
              + opts.get("out"));
      ClipRender.Result r =
          clip.render(
              stream,
              span,
              opts.get("out"),
              ClipRender.Progress.bar(System.err::print, span.run().fps()));
      double seconds = r.took().toMillis() / 1000.0;
      System.out.printf(
          java.util.Locale.ROOT,
          "%s %d frames in %.1f s (%.1fx real time); aired checksums: %d of " + "%d match%n",
          opts.get("out"),
          r.frames(),
          seconds,
          r.frames() / (double) span.run().fps() / seconds,
          r.matched(),
          r.aired());
    } catch (IllegalArgumentException e) {
      System.err.println("replay render: " + e.getMessage());
      status = 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 1;
    } catch (RuntimeException e) {
      System.err.println("replay render failed: " + e);
      status = 1;
    } finally {
      redis.shutdown();
    }
    System.exit(status);
  }

  private static Instant time(String raw, String name) {
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException e) {
      exit(2, name + " must be an ISO-8601 time like 2026-11-26T14:03:22.500Z, was '" + raw + "'");
      return null;
    }
  }

  private static void exit(int status, String message) {
    System.err.println(message);
    System.exit(status);
  }
}
