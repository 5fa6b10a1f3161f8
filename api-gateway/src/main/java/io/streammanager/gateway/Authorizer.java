package io.streammanager.gateway;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;

/**
 * Every {@code /api} call needs {@code Authorization: Bearer <token>} when keys are configured: 401
 * without or with a bad token, 403 when the key lacks the scope, 429 past the key's rate. Scopes
 * ({@link Access}): {@code admin} (everything), {@code read} (every GET), {@code streams:write}
 * (every change, and reads), {@code stream:<id>:write} (changes to that stream, and its reads),
 * {@code stream:<id>:read} (that stream's reads). With no key configured the API is open (the
 * gateway says so at start). With loopback trust (AUTH_TRUST_LOOPBACK, what {@code demo} runs
 * with), a call without an Authorization header acts as the admin {@value #LOCAL_CALLER} only when
 * all of this holds ({@link LoopbackTrust}): it comes from this machine's loopback, names a
 * loopback host (or one of ALLOWED_HOSTS) in {@code Host}, and carries no sign of a cross-site
 * browser request ({@code Origin} of another host, {@code Sec-Fetch-Site: cross-site|same-site}); a
 * call that sends a header is always checked.
 */
final class Authorizer implements Filter {
  static final String CALLER = "sm.caller";
  static final String ACCESS = "sm.access";
  static final String LOCAL_CALLER = "local";
  private static final Pattern STREAM_PATH = Pattern.compile("^/api/streams/([^/]+)(/.*)?$");
  private static final Pattern SEED_PATH = Pattern.compile("^/api/(layers|stream)(/.*)?$");

  private final KeyRing keys;
  private final boolean enabled;
  private final LoopbackTrust loopback;
  private final int ratePerSecond;
  private final RedissonClient redis;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Authorizer.class);
  private final Map<String, RRateLimiter> limiters = new ConcurrentHashMap<>();

  Authorizer(
      KeyRing keys,
      boolean enabled,
      LoopbackTrust loopback,
      int ratePerSecond,
      RedissonClient redis) {
    this.keys = keys;
    this.enabled = enabled;
    this.loopback = loopback;
    this.ratePerSecond = ratePerSecond;
    this.redis = redis;
  }

  boolean enabled() {
    return enabled;
  }

  KeyRing keys() {
    return keys;
  }

  /**
   * WebSocket identify: what the key a token belongs to may do (everything, for any token, with
   * auth off); empty for a token no key has.
   */
  Optional<Access> identify(String token) {
    if (!enabled) {
      return Optional.of(Access.ANONYMOUS);
    }
    return keys.identify(token).map(k -> new Access(k.name(), k.scopes()));
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String path = req.path().path();
    if (!enabled || !path.startsWith("/api/")) {
      chain.proceed();
      return;
    }
    Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
    Optional<String> untrusted = header.isEmpty() ? loopback.refusal(req) : Optional.of("");
    if (untrusted.isEmpty()) {
      req.context().register(CALLER, LOCAL_CALLER);
      req.context().register(ACCESS, new Access(LOCAL_CALLER, Set.of("admin")));
      chain.proceed();
      return;
    }
    Optional<KeyRing.Key> key =
        header
            .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
            .map(h -> h.substring(7).trim())
            .flatMap(keys::identify);
    if (key.isEmpty()) {
      res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"stream-manager\"");
      Problems.send(
          res,
          Status.UNAUTHORIZED_401,
          "unauthorized",
          "Unauthorized",
          header.isEmpty()
              ? "send Authorization: Bearer <token>"
                  + (untrusted.get().isEmpty() ? "" : " (" + untrusted.get() + ")")
              : "the token is not known",
          List.of());
      return;
    }
    String needed = scopeFor(req.prologue().method(), path);
    if (!allows(key.get().scopes(), needed)) {
      Problems.send(
          res,
          Status.FORBIDDEN_403,
          "forbidden",
          "Forbidden",
          "the key '" + key.get().name() + "' lacks the scope " + needed,
          List.of());
      return;
    }
    if (ratePerSecond > 0 && !withinRate(key.get().name())) {
      res.header(HeaderNames.RETRY_AFTER, "1");
      Problems.send(
          res,
          Status.TOO_MANY_REQUESTS_429,
          "rate-limited",
          "Too many requests",
          "the key '" + key.get().name() + "' may make " + ratePerSecond + " requests per second",
          List.of());
      return;
    }
    req.context().register(CALLER, key.get().name());
    req.context().register(ACCESS, new Access(key.get().name(), key.get().scopes()));
    chain.proceed();
  }

  /**
   * The scope a request needs: admin, read, stream:&lt;id&gt;:read, streams:write or
   * stream:&lt;id&gt;:write.
   */
  static String scopeFor(Method method, String path) {
    if (path.startsWith("/api/keys")) {
      return "admin";
    }
    if (method == Method.GET || method == Method.HEAD) {
      Matcher m = STREAM_PATH.matcher(path);
      if (m.matches()) {
        return "stream:" + m.group(1) + ":read";
      }
      return SEED_PATH.matcher(path).matches() ? "stream:" + SeedApi.STREAM + ":read" : "read";
    }
    if (path.equals("/api/assets")) {
      return "assets:write";
    }
    Matcher m = STREAM_PATH.matcher(path);
    if (m.matches()) {
      return "stream:" + m.group(1) + ":write";
    }
    if (SEED_PATH.matcher(path).matches()) {
      return "stream:" + SeedApi.STREAM + ":write";
    }
    return "streams:write";
  }

  static boolean allows(Set<String> scopes, String needed) {
    if (scopes.contains("admin") || scopes.contains(needed)) {
      return true;
    }
    if (needed.equals("admin")) {
      return false;
    }
    boolean writer = scopes.contains("streams:write");
    if (needed.equals("read")) {
      return writer || scopes.stream().anyMatch(s -> s.startsWith("stream:"));
    }
    if (needed.equals("assets:write")) {
      return writer
          || scopes.stream().anyMatch(s -> s.startsWith("stream:") && s.endsWith(":write"));
    }
    if (needed.startsWith("stream:") && needed.endsWith(":read")) {
      String id = needed.substring("stream:".length(), needed.length() - ":read".length());
      return writer || scopes.contains("read") || scopes.contains("stream:" + id + ":write");
    }
    return writer;
  }

  /**
   * One request of the key's per-second allowance. The limiter lives in Redis: when Redis lost it
   * (restarted empty, FLUSHALL), it is set up again rather than failing every request; if Redis is
   * away, the request is let through (the rate limit protects the system, it must not take the API
   * down with Redis).
   */
  private boolean withinRate(String name) {
    try {
      return limiter(name).tryAcquire();
    } catch (org.redisson.client.RedisException e) {
      limiters.remove(name);
      try {
        return limiter(name).tryAcquire();
      } catch (RuntimeException again) {
        LOG.warn(
            "rate limit of key {} unavailable, request let through: {}", name, again.getMessage());
        return true;
      }
    }
  }

  private RRateLimiter limiter(String name) {
    return limiters.computeIfAbsent(
        name,
        n -> {
          RRateLimiter l = redis.getRateLimiter("sm:rate:" + n);
          l.trySetRate(RateType.OVERALL, ratePerSecond, Duration.ofSeconds(1));
          return l;
        });
  }
}
