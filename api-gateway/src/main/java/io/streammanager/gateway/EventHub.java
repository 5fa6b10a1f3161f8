package io.streammanager.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket clients at {@code /ws} on WS_PORT (protocol: docs/websocket.md). A client identifies, subscribes to
 * streams and event kinds (until it subscribes it gets everything), and may send any REST operation as a
 * {@code request} with a {@code requestId}; the matching {@code response} carries the same status and body as over
 * HTTP. Each client has its own bounded queue (oldest events dropped and counted), so a slow client never holds up
 * the others or the events consumer.
 */
final class EventHub implements WsListener {
  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
  private static final int QUEUE = 1024;
  static final Set<String> KINDS = Set.of("layer.applied", "command.rejected", "stream.status", "stream.started",
      "stream.stopped", "stream.error");

  private final Map<WsSession, Client> clients = new ConcurrentHashMap<>();
  private final AtomicLong droppedForSlowClients = new AtomicLong();
  private final WsRequests requests;
  private final java.util.function.Function<String, java.util.Optional<String>> identify;

  /**
   * @param identify the key name of a token; with auth off it names every token (even none) "anonymous"
   */
  EventHub(WsRequests requests, java.util.function.Function<String, java.util.Optional<String>> identify) {
    this.requests = requests;
    this.identify = identify;
  }

  private static final class Client {
    final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
    /** Null until identified (when auth is on). */
    volatile String name;
    volatile String token = "";
    volatile Set<String> streams = Set.of("*");
    volatile Set<String> kinds = KINDS;

    boolean wants(String streamId, String kind) {
      return (streams.contains("*") || streams.contains(streamId)) && kinds.contains(kind);
    }
  }

  @Override
  public void onOpen(WsSession session) {
    Client client = new Client();
    client.name = identify.apply("").orElse(null);
    clients.put(session, client);
    Thread.ofVirtual().name("ws-client").start(() -> {
      try {
        while (clients.containsKey(session)) {
          String message = client.queue.poll(1, TimeUnit.SECONDS);
          if (message != null) {
            session.send(message, true);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.debug("websocket client gone: {}", e.toString());
        clients.remove(session);
      }
    });
  }

  @Override
  public void onClose(WsSession session, int status, String reason) {
    clients.remove(session);
  }

  @Override
  public void onError(WsSession session, Throwable t) {
    clients.remove(session);
  }

  @Override
  public void onMessage(WsSession session, String text, boolean last) {
    Client client = clients.get(session);
    if (client == null) {
      return;
    }
    JsonNode msg;
    try {
      msg = Http.JSON.readTree(text);
    } catch (Exception e) {
      offer(client, error(null, "the message is not JSON: " + e.getMessage()));
      return;
    }
    String type = msg.path("type").asText("");
    String requestId = msg.hasNonNull("requestId") ? msg.get("requestId").asText() : null;
    if (!type.equals("identify") && client.name == null) {
      offer(client, response(requestId, 401).put("error", "identify first: {\"type\":\"identify\",\"token\":\"...\"}")
          .toString());
      return;
    }
    switch (type) {
      case "identify" -> {
        String token = msg.path("token").asText("");
        java.util.Optional<String> name = identify.apply(token);
        if (name.isEmpty()) {
          offer(client, response(requestId, 401).put("error", "the token is not known").toString());
          return;
        }
        client.name = name.get();
        client.token = token;
        offer(client, response(requestId, 200).put("identity", client.name).toString());
      }
      case "subscribe" -> {
        Set<String> streams = strings(msg.get("streams"), Set.of("*"));
        Set<String> kinds = strings(msg.get("events"), KINDS);
        Set<String> unknown = new java.util.TreeSet<>(kinds);
        unknown.removeAll(KINDS);
        if (!unknown.isEmpty()) {
          offer(client, error(requestId, "unknown event kinds " + unknown + "; allowed: "
              + new java.util.TreeSet<>(KINDS)));
          return;
        }
        client.streams = streams;
        client.kinds = kinds;
        offer(client, response(requestId, 200).toString());
      }
      case "request" -> requests.forward(msg, requestId, client.token, reply -> offer(client, reply));
      default -> offer(client, error(requestId, "type must be identify, subscribe or request"));
    }
  }

  /** Sends an event to every client subscribed to its stream and kind. */
  void publish(String streamId, String kind, String json) {
    for (Client c : clients.values()) {
      if (c.name != null && c.wants(streamId, kind)) {
        offer(c, json);
      }
    }
  }

  private void offer(Client c, String json) {
    while (!c.queue.offer(json)) {
      c.queue.poll();
      droppedForSlowClients.incrementAndGet();
    }
  }

  private static Set<String> strings(JsonNode node, Set<String> whenAbsent) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      return whenAbsent;
    }
    Set<String> out = new java.util.HashSet<>();
    node.forEach(n -> out.add(n.asText()));
    return Set.copyOf(out);
  }

  private static ObjectNode response(String requestId, int status) {
    ObjectNode n = Http.JSON.createObjectNode().put("type", "response");
    if (requestId != null) {
      n.put("requestId", requestId);
    }
    return n.put("status", status);
  }

  private static String error(String requestId, String detail) {
    return response(requestId, 400).put("error", detail).toString();
  }

  int clientCount() {
    return clients.size();
  }

  long droppedForSlowClients() {
    return droppedForSlowClients.get();
  }
}
