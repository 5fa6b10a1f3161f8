package io.streammanager.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RMap;

/**
 * The keys admins minted, name to "token hash|scopes": a Redis hash shared by every gateway
 * instance in production ({@link #redis}), a map in routing tests ({@link #memory}).
 */
interface MintedKeys {
  Map<String, String> all();

  /** Stores the key unless one of that name exists; true when stored. */
  boolean putIfAbsent(String name, String value);

  /** True when there was such a key. */
  boolean remove(String name);

  static MintedKeys redis(RMap<String, String> map) {
    return new MintedKeys() {
      @Override
      public Map<String, String> all() {
        return map.readAllMap();
      }

      @Override
      public boolean putIfAbsent(String name, String value) {
        return map.fastPutIfAbsent(name, value);
      }

      @Override
      public boolean remove(String name) {
        return map.remove(name) != null;
      }
    };
  }

  /** Where minted keys and revocations are logged: {@code sm.keys}; completes once stored. */
  @FunctionalInterface
  interface KeyLog {
    java.util.concurrent.CompletableFuture<?> append(io.streammanager.proto.MintedKey key);
  }

  /** The key log did not acknowledge a mint or a revocation in time: nothing was changed. */
  final class NotLoggedException extends RuntimeException {
    NotLoggedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * {@code store} with every mint and revocation in the key log too, so {@code replay rebuild}
   * restores them: a mint is stored, then logged (and taken back when the log does not take it); a
   * revocation is logged, then done.
   */
  static MintedKeys logged(MintedKeys store, KeyLog log, java.time.Clock clock) {
    return new MintedKeys() {
      @Override
      public Map<String, String> all() {
        return store.all();
      }

      @Override
      public boolean putIfAbsent(String name, String value) {
        if (!store.putIfAbsent(name, value)) {
          return false;
        }
        try {
          append(name, value, false);
        } catch (NotLoggedException e) {
          store.remove(name);
          throw e;
        }
        return true;
      }

      @Override
      public boolean remove(String name) {
        String value = store.all().get(name);
        if (value == null) {
          return false;
        }
        append(name, value, true);
        return store.remove(name);
      }

      private void append(String name, String value, boolean revoked) {
        try {
          log.append(
                  io.streammanager.proto.MintedKey.newBuilder()
                      .setName(name)
                      .setValue(value)
                      .setRevoked(revoked)
                      .setAt(io.streammanager.proto.ProtoTime.of(clock.instant()))
                      .build())
              .get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new NotLoggedException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          throw new NotLoggedException(
              "Kafka did not acknowledge the key's record in time; nothing was changed", e);
        }
      }
    };
  }

  static MintedKeys memory() {
    Map<String, String> map = new ConcurrentHashMap<>();
    return new MintedKeys() {
      @Override
      public Map<String, String> all() {
        return Map.copyOf(map);
      }

      @Override
      public boolean putIfAbsent(String name, String value) {
        return map.putIfAbsent(name, value) == null;
      }

      @Override
      public boolean remove(String name) {
        return map.remove(name) != null;
      }
    };
  }
}
