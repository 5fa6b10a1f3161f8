package io.streammanager.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client's automation driving a stream through several gateways, as behind a load balancer: a
 * change every {@code periodMs}, each with an Idempotency-Key of its own, and, like any careful
 * client, the same request again (same key) through the next gateway when an answer does not come
 * or is a 5xx, for up to a minute. Remembers each change's final answer, tagged with the fault that
 * was going on when it was sent, so the stream's history can later say which were lost and which
 * were applied twice.
 */
final class ChaosClient implements AutoCloseable {
  private static final Duration ATTEMPT = Duration.ofSeconds(6);
  private static final long GIVE_UP_NANOS = 60_000_000_000L;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<String> gateways;
  private final String token;
  private final String stream;
  private final String layer;
  private final long periodMs;
  private final String runTag = Long.toString(System.currentTimeMillis(), 36);
  private final AtomicInteger next = new AtomicInteger();
  private final Map<String, Change> changes = new ConcurrentHashMap<>();
  private final Thread sender;
  private volatile String fault = "none";
  private volatile boolean paused;
  private volatile boolean running = true;

  /**
   * One change and what finally became of it.
   *
   * @param status the final HTTP status (0: never answered within a minute)
   * @param commandId the command id the answer named
   * @param attempts how many times it was sent
   */
  record Change(String key, String fault, int status, String commandId, int attempts) {
    boolean accepted() {
      return status >= 200 && status < 300;
    }
  }

  ChaosClient(List<String> gateways, String token, String stream, String layer, long periodMs) {
    this.gateways = List.copyOf(gateways);
    this.token = token;
    this.stream = stream;
    this.layer = layer;
    this.periodMs = periodMs;
    this.sender = Thread.ofPlatform().daemon().name("chaos-client").start(this::run);
  }

  /** Changes sent from now on are counted for {@code name}. */
  void during(String name) {
    this.fault = name;
  }

  /** While paused, no change is sent (changes in flight go on). */
  void pause(boolean pause) {
    this.paused = pause;
  }

  /** Every change sent so far, by key (those still being retried are not there yet). */
  Map<String, Change> changes() {
    return Map.copyOf(changes);
  }

  private void run() {
    while (running) {
      if (paused) {
        try {
          Thread.sleep(periodMs);
        } catch (InterruptedException e) {
          return;
        }
        continue;
      }
      int n = next.incrementAndGet();
      String key = "chaos-" + runTag + "-" + n;
      String tag = fault;
      Thread.ofVirtual().start(() -> changes.put(key, send(key, tag, n)));
      try {
        Thread.sleep(periodMs);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Change send(String key, String tag, int n) {
    long deadline = System.nanoTime() + GIVE_UP_NANOS;
    int attempts = 0;
    int last = 0;
    for (int g = n; System.nanoTime() < deadline; g++) {
      attempts++;
      String gateway = gateways.get(Math.floorMod(g, gateways.size()));
      try {
        HttpResponse<String> r =
            http.send(request(gateway, key, n), HttpResponse.BodyHandlers.ofString());
        last = r.statusCode();
        if (last < 500 && last != 409) {
          JsonNode body =
              r.body().isEmpty() ? Api.JSON.createObjectNode() : Api.JSON.readTree(r.body());
          return new Change(key, tag, last, body.path("commandId").asText(""), attempts);
        }
      } catch (IOException e) {
        last = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return new Change(key, tag, last >= 500 ? last : 0, "", attempts);
  }

  private HttpRequest request(String gateway, String key, int n) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(gateway + "/api/streams/" + stream + "/layers/" + layer + "?wait=true"))
            .timeout(ATTEMPT)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"text\":\"cue " + n + "\"}"));
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.build();
  }

  /** Stops sending and waits (at most a minute) for the changes still being retried. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    sender.interrupt();
    sender.join(5_000);
    long deadline = System.nanoTime() + GIVE_UP_NANOS + 10_000_000_000L;
    while (changes.size() < next.get() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  /**
   * What the stream's history says of the changes: per fault, how many accepted changes were never
   * applied (lost) and how many were applied more than once.
   */
  static Map<String, int[]> lostAndTwice(
      Map<String, Change> changes, Map<String, Integer> applied) {
    Map<String, int[]> out = new HashMap<>();
    for (Change c : changes.values()) {
      int[] counts = out.computeIfAbsent(c.fault(), f -> new int[3]);
      counts[2]++;
      int times = applied.getOrDefault(c.commandId(), 0);
      if (c.accepted() && times == 0) {
        counts[0]++;
      }
      if (times > 1) {
        counts[1]++;
      }
    }
    return out;
  }
}
