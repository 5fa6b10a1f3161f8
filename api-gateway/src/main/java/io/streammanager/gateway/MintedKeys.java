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
