package io.streammanager.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * TCP port checks done before a server is started, so a taken port fails at once with a useful
 * message.
 */
final class Ports {

  static final int MAX_PORT = 65_535;

  private Ports() {}

  /** Whether {@code port} is 0 ("pick a free one") or a usable TCP port. */
  static boolean isValidOrZero(int port) {
    return port >= 0 && port <= MAX_PORT;
  }

  /**
   * Returns {@code count} distinct ports that were free on {@code host} a moment ago (all sockets
   * are held open together, so the ports differ from each other).
   */
  static int[] free(String host, int count) {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      InetAddress address = InetAddress.getByName(host);
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, address);
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free TCP port on " + host, e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // the port was only probed
        }
      }
    }
  }

  /**
   * Fails with an {@link IllegalStateException} naming the port, what it is for and {@code
   * howToChange} when something already listens on {@code host:port}.
   */
  static void requireFree(String host, int port, String what, String howToChange) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(
          true); // a port in TIME_WAIT is usable; only a live listener counts as taken
      socket.bind(new InetSocketAddress(host, port), 1);
    } catch (IOException e) {
      throw new IllegalStateException(
          what
              + " "
              + port
              + " on "
              + host
              + " is already in use ("
              + e.getMessage()
              + "): stop whatever listens there, or "
              + howToChange,
          e);
    }
  }
}
