package io.streammanager.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports nobody listens on right now, taken below Linux's ephemeral range (32768-60999): a port
 * picked here and bound a moment later by a service cannot meanwhile become the local end of some
 * outgoing connection (the services open many to Kafka and Redis while they start).
 */
final class FreePorts {
  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;
  private static final AtomicInteger NEXT =
      new AtomicInteger(FIRST + ThreadLocalRandom.current().nextInt(8_000));

  private FreePorts() {}

  static int next() {
    for (int tries = 0; tries < LAST - FIRST; tries++) {
      int port = NEXT.getAndIncrement();
      if (port >= LAST) {
        NEXT.set(FIRST);
        port = NEXT.getAndIncrement();
      }
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
        return port;
      } catch (IOException inUse) {
        // try the next one
      }
    }
    throw new IllegalStateException("no free port between " + FIRST + " and " + LAST);
  }

  /** The first of {@code count} consecutive ports nobody listens on right now. */
  static int block(int count) {
    for (int tries = 0; tries < 1_000; tries++) {
      int first = next();
      boolean free = true;
      for (int p = first + 1; p < first + count && free; p++) {
        free = p < LAST && isFree(p);
      }
      if (free) {
        NEXT.set(first + count);
        return first;
      }
    }
    throw new IllegalStateException("no " + count + " consecutive free ports");
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }
}
