package io.streammanager.gateway;

import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket clients at {@code /ws} on WS_PORT: each gets every event as one JSON text message. A slow client has
 * its own bounded queue (oldest events dropped and counted) and never holds up the others or the events consumer.
 */
final class EventHub implements WsListener {
  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
  private static final int QUEUE = 1024;
  private final Map<WsSession, BlockingQueue<String>> clients = new ConcurrentHashMap<>();
  private final AtomicLong droppedForSlowClients = new AtomicLong();

  @Override
  public void onOpen(WsSession session) {
    BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
    clients.put(session, queue);
    Thread.ofVirtual().name("ws-client").start(() -> {
      try {
        while (clients.containsKey(session)) {
          String message = queue.poll(1, java.util.concurrent.TimeUnit.SECONDS);
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
    // Clients only listen for now; commands go through the HTTP API.
  }

  /** Sends one JSON message to every client. */
  void broadcast(String json) {
    for (BlockingQueue<String> queue : clients.values()) {
      while (!queue.offer(json)) {
        queue.poll();
        droppedForSlowClients.incrementAndGet();
      }
    }
  }

  int clientCount() {
    return clients.size();
  }

  long droppedForSlowClients() {
    return droppedForSlowClients.get();
  }
}
