package io.streammanager.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The one Redis command chaos sends ({@code FLUSHALL}), in RESP over a plain socket. */
final class RedisCommands {
  private RedisCommands() {}

  /** Empties every database of the Redis at {@code url} (redis://host:port). */
  static void flushAll(String url, String password) throws IOException {
    URI uri = URI.create(url);
    try (Socket s = new Socket(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      if (!password.isEmpty()) {
        expectOk(command(out, in, "AUTH", password), "AUTH");
      }
      expectOk(command(out, in, "FLUSHALL"), "FLUSHALL");
    }
  }

  private static String command(OutputStream out, InputStream in, String... words)
      throws IOException {
    StringBuilder b = new StringBuilder("*").append(words.length).append("\r\n");
    for (String w : words) {
      b.append('$').append(w.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
      b.append(w).append("\r\n");
    }
    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    StringBuilder reply = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      reply.append((char) c);
    }
    return reply.toString().strip();
  }

  private static void expectOk(String reply, String what) throws IOException {
    if (!reply.equals("+OK")) {
      throw new IOException("Redis answered " + what + " with " + reply);
    }
  }
}
