package io.streammanager.localstack;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A minimal RESP2 client over a plain socket, enough to check that a Redis server answers (PING,
 * AUTH) and to stop it (SHUTDOWN NOSAVE) without a client library.
 */
final class RespConnection implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RespConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects; {@code timeout} bounds the connect and every later read. */
  static RespConnection open(String host, int port, Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      int millis = (int) Math.max(1, timeout.toMillis());
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      return new RespConnection(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Sends one command and returns its reply as text: a simple string ("PONG", "OK"), an error with
   * its leading "-" ("-NOAUTH Authentication required."), an integer, or a bulk string (null for a
   * nil bulk string).
   *
   * @throws EOFException when the server closes the connection instead of answering (as SHUTDOWN
   *     does)
   */
  String call(String... command) throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (String part : command) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      request.writeBytes(bytes);
      request.writeBytes(new byte[] {'\r', '\n'});
    }
    out.write(request.toByteArray());
    out.flush();
    return readReply();
  }

  private String readReply() throws IOException {
    String line = readLine();
    if (line.isEmpty()) {
      throw new IOException("empty RESP reply");
    }
    return switch (line.charAt(0)) {
      case '+', ':' -> line.substring(1);
      case '-' -> line;
      case '$' -> readBulk(Integer.parseInt(line.substring(1)));
      default -> throw new IOException("unsupported RESP reply: " + line);
    };
  }

  private String readBulk(int length) throws IOException {
    if (length < 0) {
      return null;
    }
    byte[] data = in.readNBytes(length + 2); // payload + CRLF
    if (data.length < length + 2) {
      throw new EOFException("connection closed inside a bulk reply");
    }
    return new String(data, 0, length, StandardCharsets.UTF_8);
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed by the server");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
