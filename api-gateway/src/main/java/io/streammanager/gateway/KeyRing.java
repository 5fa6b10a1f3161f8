package io.streammanager.gateway;

import io.streammanager.kit.config.PlatformConfig.AuthSettings;
import io.streammanager.kit.config.PlatformConfig.KeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * API keys: those from API_KEYS and ADMIN_TOKEN, and those admins mint through {@code /api/keys}
 * (kept in Redis so every gateway instance knows them). Only SHA-256 hashes of tokens are kept; a
 * presented token is hashed and compared in constant time.
 */
final class KeyRing {
  /**
   * A key: its name, the hash of its token, its scopes, and whether it comes from the environment.
   */
  record Key(String name, byte[] tokenHash, Set<String> scopes, boolean configured) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private final List<Key> configured = new ArrayList<>();
  private final MintedKeys minted;

  KeyRing(AuthSettings settings, MintedKeys minted) {
    this.minted = minted;
    for (KeySpec k : settings.keys()) {
      configured.add(new Key(k.name(), hash(k.token()), Set.copyOf(k.scopes()), true));
    }
    if (!settings.adminToken().isEmpty()) {
      configured.add(new Key("admin", hash(settings.adminToken()), Set.of("admin"), true));
    }
  }

  /** The key a token belongs to. */
  Optional<Key> identify(String token) {
    byte[] presented = hash(token);
    Key found = null;
    for (Key k : all()) {
      if (MessageDigest.isEqual(presented, k.tokenHash()) && found == null) {
        found = k;
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Minted keys are read from Redis at most once a second (revocation elsewhere takes effect within
   * 1 s).
   */
  private volatile List<Key> cached = List.of();

  private volatile long cachedAt;

  List<Key> all() {
    long now = System.nanoTime();
    if (cachedAt != 0 && now - cachedAt < 1_000_000_000L) {
      return cached;
    }
    List<Key> out = new ArrayList<>(configured);
    for (Map.Entry<String, String> e : minted.all().entrySet()) {
      String[] v = e.getValue().split("\\|", 2);
      out.add(
          new Key(
              e.getKey(),
              HexFormat.of().parseHex(v[0]),
              Set.copyOf(List.of(v[1].split(","))),
              false));
    }
    cached = List.copyOf(out);
    cachedAt = now == 0 ? 1 : now;
    return cached;
  }

  boolean isConfigured(String name) {
    return configured.stream().anyMatch(k -> k.name().equals(name));
  }

  /**
   * A new key; the token is returned once and never stored. Empty when a key of that name exists
   * (checked and stored in one step, so two admins minting the same name at once never replace each
   * other's key).
   */
  Optional<String> mint(String name, List<String> scopes) {
    if (isConfigured(name)) {
      return Optional.empty();
    }
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = "sm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    boolean stored =
        minted.putIfAbsent(
            name,
            HexFormat.of().formatHex(hash(token))
                + "|"
                + String.join(",", new java.util.TreeSet<>(scopes)));
    cachedAt = 0;
    return stored ? Optional.of(token) : Optional.empty();
  }

  boolean revoke(String name) {
    cachedAt = 0;
    return minted.remove(name);
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
