package io.streammanager.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client of the gateway's /ws that keeps every message and how the server closed it.
 */
final class WsClient implements AutoCloseable {
  final List<String> messages = new CopyOnWriteArrayList<>();
  final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
  final WebSocket socket;

  private WsClient(WebSocket socket) {
    this.socket = socket;
  }

  /** Connects; {@code headers} are name, value pairs (e.g. Origin). */
  static WsClient connect(int port, String... headers) throws Exception {
    WsClient[] self = new WsClient[1];
    List<String> early = new CopyOnWriteArrayList<>();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket.Builder b =
        HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    WebSocket ws =
        b.buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/ws"),
                new WebSocket.Listener() {
                  private final StringBuilder partial = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      (self[0] == null ? early : self[0].messages).add(partial.toString());
                      partial.setLength(0);
                    }
                    w.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
                    closed.complete(statusCode);
                    return null;
                  }

                  @Override
                  public void onError(WebSocket w, Throwable error) {
                    closed.complete(-1);
                  }
                })
            .get(10, TimeUnit.SECONDS);
    WsClient client = new WsClient(ws);
    self[0] = client;
    client.messages.addAll(early);
    closed.whenComplete((code, e) -> client.closedWith.complete(code));
    return client;
  }

  WsClient send(String json) throws Exception {
    socket.sendText(json, true).get(10, TimeUnit.SECONDS);
    return this;
  }

  /** The first message containing {@code fragment}, waiting up to {@code timeout}. */
  String await(String fragment, Duration timeout) {
    Await.until(
        timeout,
        () -> "a message with " + fragment + " among " + messages,
        () -> messages.stream().anyMatch(m -> m.contains(fragment)));
    return messages.stream().filter(m -> m.contains(fragment)).findFirst().orElseThrow();
  }

  /** The close code the server sent, waiting up to {@code timeout}. */
  int awaitClose(Duration timeout) throws Exception {
    return closedWith.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    socket.abort();
  }
}
