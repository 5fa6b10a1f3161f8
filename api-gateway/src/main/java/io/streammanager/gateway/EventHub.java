package io.streammanager.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.streammanager.kit.config.PlatformConfig;
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
 * WebSocket clients at {@code /ws} on WS_PORT (protocol: docs/websocket.md). A client identifies,
 * subscribes to streams and event kinds (until it subscribes it gets everything), and may send any
 * REST operation as a {@code request} with a {@code requestId}; the matching {@code response}
 * carries the same status and body as over HTTP. Each client has its own bounded queue (oldest
 * events dropped and counted), so a slow client never holds up the others or the events consumer.
 *
 * <p>Guarded: a browser may connect only from the gateway's own origins or ALLOWED_ORIGINS ({@link
 * #origins}, held by Helidon before the upgrade); a client must identify within {@link
 * #IDENTIFY_DEADLINE} (when auth is on); connections are capped per address and per key; a message
 * is at most {@link #MAX_MESSAGE_CHARS}; a revoked key is disconnected within seconds; and a client
 * hears only of the streams its key may read.
 */
final class EventHub implements WsListener {
  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
  private static final int QUEUE = 1024;
  static final java.time.Duration IDENTIFY_DEADLINE = java.time.Duration.ofSeconds(10);

  /** Characters of one client message (a request carrying a layer with an inline picture fits). */
  static final int MAX_MESSAGE_CHARS = 1024 * 1024;

  /** How often an identified client's key is checked again (revocation). */
  private static final long RECHECK_NANOS = java.time.Duration.ofSeconds(2).toNanos();

  /** WebSocket close codes: policy violation, message too big. */
  private static final int POLICY = 1008;

  private static final int TOO_BIG = 1009;
  static final Set<String> KINDS =
      Set.of(
          "layer.applied",
          "command.rejected",
          "stream.status",
          "stream.started",
          "stream.stopped",
          "stream.error");

  private final Map<WsSession, Client> clients = new ConcurrentHashMap<>();
  private final AtomicLong droppedForSlowClients = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  /** Held while a connection or an identify is counted against the caps and admitted. */
  private final Object admission = new Object();

  private final WsRequests requests;
  private final java.util.function.Function<String, java.util.Optional<Access>> identify;
  private final PlatformConfig.WebSettings web;

  /**
   * @param identify the access of a token; with auth off it gives every token (even none) {@link
   *     Access#ANONYMOUS}
   * @param web ALLOWED_ORIGINS and the connection caps
   */
  EventHub(
      WsRequests requests,
      java.util.function.Function<String, java.util.Optional<Access>> identify,
      PlatformConfig.WebSettings web) {
    this.requests = requests;
    this.identify = identify;
    this.web = web;
  }

  private static final class Client {
    final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
    final String address;
    final long openedAt = System.nanoTime();

    /** Null until identified (when auth is on). */
    volatile Access access;

    volatile String token = "";
    volatile Set<String> streams = Set.of("*");
    volatile Set<String> kinds = KINDS;

    /** A message arriving in fragments, until its last one. */
    final StringBuilder partial = new StringBuilder();

    long checkedAt = System.nanoTime();

    Client(String address) {
      this.address = address;
    }

    boolean wants(String streamId, String kind) {
      Access a = access;
      return a != null
          && a.canRead(streamId)
          && (streams.contains("*") || streams.contains(streamId))
          && kinds.contains(kind);
    }
  }

  @Override
  public void onOpen(WsSession session) {
    String address = address(session);
    Client client = new Client(address);
    client.access = identify.apply("").orElse(null);
    synchronized (
        admission) { // counted and added in one step: concurrent connections cannot pass the cap
      long fromAddress = clients.values().stream().filter(c -> c.address.equals(address)).count();
      if (fromAddress >= web.wsPerAddress()) {
        refused.incrementAndGet();
        session.close(
            POLICY,
            "at most "
                + web.wsPerAddress()
                + " connections per address "
                + "(WS_MAX_CONNECTIONS_PER_ADDRESS)");
        return;
      }
      clients.put(session, client);
    }
    Thread.ofVirtual()
        .name("ws-client")
        .start(
            () -> {
              try {
                while (clients.containsKey(session)) {
                  String message = client.queue.poll(1, TimeUnit.SECONDS);
                  if (message != null) {
                    session.send(message, true);
                  }
                  guard(session, client);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                LOG.debug("websocket client gone: {}", e.toString());
                clients.remove(session);
              }
            });
  }

  /** Writer thread: closes a client that did not identify in time, or whose key was revoked. */
  private void guard(WsSession session, Client client) {
    long now = System.nanoTime();
    if (client.access == null && now - client.openedAt > IDENTIFY_DEADLINE.toNanos()) {
      close(session, POLICY, "identify within " + IDENTIFY_DEADLINE.toSeconds() + " s");
      return;
    }
    if (client.access != null
        && !client.token.isEmpty()
        && now - client.checkedAt > RECHECK_NANOS) {
      client.checkedAt = now;
      java.util.Optional<Access> still = identify.apply(client.token);
      if (still.isEmpty()) {
        close(session, POLICY, "the key was revoked");
      } else {
        client.access = still.get();
      }
    }
  }

  private void close(WsSession session, int code, String reason) {
    clients.remove(session);
    refused.incrementAndGet();
    try {
      session.close(code, reason);
    } catch (RuntimeException e) {
      LOG.debug("closing a websocket client: {}", e.toString());
    }
  }

  private static String address(WsSession session) {
    try {
      return session.socketContext().remotePeer().address() instanceof java.net.InetSocketAddress a
              && a.getAddress() != null
          ? a.getAddress().getHostAddress()
          : "?";
    } catch (RuntimeException e) {
      return "?";
    }
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
  public void onMessage(WsSession session, String fragment, boolean last) {
    Client client = clients.get(session);
    if (client == null) {
      return;
    }
    String text;
    synchronized (client.partial) {
      if (client.partial.length() + fragment.length() > MAX_MESSAGE_CHARS) {
        client.partial.setLength(0);
        close(session, TOO_BIG, "a message may be at most " + MAX_MESSAGE_CHARS + " characters");
        return;
      }
      if (!last) {
        client.partial.append(fragment);
        return;
      }
      text = client.partial.isEmpty() ? fragment : client.partial.append(fragment).toString();
      client.partial.setLength(0);
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
    if (!type.equals("identify") && client.access == null) {
      offer(
          client,
          response(requestId, 401)
              .put("error", "identify first: {\"type\":\"identify\",\"token\":\"...\"}")
              .toString());
      return;
    }
    switch (type) {
      case "identify" -> {
        String token = msg.path("token").asText("");
        java.util.Optional<Access> access = identify.apply(token);
        if (access.isEmpty()) {
          offer(client, response(requestId, 401).put("error", "the token is not known").toString());
          return;
        }
        String name = access.get().name();
        synchronized (admission) {
          long sameKey =
              clients.values().stream()
                  .filter(
                      c ->
                          c != client
                              && c.access != null
                              && c.access.name().equals(name)
                              && !c.token.isEmpty())
                  .count();
          if (!token.isEmpty() && sameKey >= web.wsPerKey()) {
            refused.incrementAndGet();
            offer(
                client,
                response(requestId, 429)
                    .put(
                        "error",
                        "the key '"
                            + name
                            + "' has "
                            + sameKey
                            + " connections; at most "
                            + web.wsPerKey()
                            + " (WS_MAX_CONNECTIONS_PER_KEY)")
                    .toString());
            return;
          }
          client.access = access.get();
          client.token = token;
        }
        client.checkedAt = System.nanoTime();
        offer(client, response(requestId, 200).put("identity", name).toString());
      }
      case "subscribe" -> {
        Set<String> streams = strings(msg.get("streams"), Set.of("*"));
        Set<String> kinds = strings(msg.get("events"), KINDS);
        Set<String> unknown = new java.util.TreeSet<>(kinds);
        unknown.removeAll(KINDS);
        if (!unknown.isEmpty()) {
          offer(
              client,
              error(
                  requestId,
                  "unknown event kinds "
                      + unknown
                      + "; allowed: "
                      + new java.util.TreeSet<>(KINDS)));
          return;
        }
        Set<String> unreadable = new java.util.TreeSet<>();
        streams.stream()
            .filter(id -> !id.equals("*") && !client.access.canRead(id))
            .forEach(unreadable::add);
        if (!unreadable.isEmpty()) {
          offer(
              client,
              response(requestId, 403)
                  .put(
                      "error",
                      "the key '"
                          + client.access.name()
                          + "' may not read the streams "
                          + unreadable)
                  .toString());
          return;
        }
        client.streams = streams;
        client.kinds = kinds;
        offer(client, response(requestId, 200).toString());
      }
      case "request" ->
          requests.forward(msg, requestId, client.token, reply -> offer(client, reply));
      default -> offer(client, error(requestId, "type must be identify, subscribe or request"));
    }
  }

  /**
   * Sends an event to every client subscribed to its stream and kind whose key may read the stream.
   */
  void publish(String streamId, String kind, String json) {
    for (Client c : clients.values()) {
      if (c.wants(streamId, kind)) {
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
    for (int i = 0; i < node.size() && i < 10_000; i++) {
      out.add(node.get(i).asText());
    }
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

  /** Connections refused or closed for a rule (origin, caps). */
  long refusedConnections() {
    return refused.get();
  }

  /**
   * The browser origins that may open the WebSocket: the HTTP API's own on this machine (the panel
   * on PORT talks to WS_PORT) and ALLOWED_ORIGINS. Helidon also lets an Origin through that names
   * the WebSocket's own host and port; clients that send no Origin (not browsers) must identify
   * like any other.
   */
  static java.util.Set<String> origins(int httpPort, java.util.List<String> allowed) {
    java.util.Set<String> out = new java.util.TreeSet<>(allowed);
    for (String host : java.util.List.of("localhost", "127.0.0.1", "[::1]")) {
      out.add("http://" + host + ":" + httpPort);
    }
    return out;
  }

  int clientCount() {
    return clients.size();
  }

  long droppedForSlowClients() {
    return droppedForSlowClients.get();
  }
}
