package io.streammanager.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand on a socket: for what a regular client will not send (another Host, a
 * browser's Origin and Sec-Fetch-Site, malformed framing).
 */
final class RawHttp {
  /**
   * The status code and the whole answer as text; status -1 when the server closed without
   * answering.
   */
  record Answer(int status, String text) {}

  private RawHttp() {}

  static Answer send(int port, byte[] request) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      s.setSoTimeout(15_000);
      OutputStream out = s.getOutputStream();
      try {
        out.write(request);
        out.flush();
        s.shutdownOutput();
      } catch (IOException e) {
        // the server may close as soon as it has seen enough; read what it answered
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0 && answer.size() < 1 << 20; ) {
          answer.write(buf, 0, n);
          if (complete(answer.toString(StandardCharsets.ISO_8859_1))) {
            break;
          }
        }
      } catch (SocketTimeoutException | java.net.SocketException e) {
        // what came is the answer
      }
      String text = answer.toString(StandardCharsets.ISO_8859_1);
      return new Answer(
          text.startsWith("HTTP/1.1 ") && text.length() >= 12
              ? Integer.parseInt(text.substring(9, 12))
              : -1,
          text);
    }
  }

  /** A request with a JSON body and the given extra header lines (e.g. "Host: evil.example"). */
  static byte[] request(String method, String path, String json, String... headerLines) {
    StringBuilder b = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
    boolean host = false;
    for (String h : headerLines) {
      b.append(h).append("\r\n");
      host |= h.regionMatches(true, 0, "Host:", 0, 5);
    }
    if (!host) {
      b.append("Host: 127.0.0.1\r\n");
    }
    byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    if (json != null) {
      b.append("Content-Length: ").append(body.length).append("\r\n");
    }
    b.append("Connection: close\r\n\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(b.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static boolean complete(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String head = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
    int cl = head.indexOf("content-length:");
    if (cl < 0) {
      return head.contains("transfer-encoding: chunked") ? text.endsWith("0\r\n\r\n") : false;
    }
    int eol = head.indexOf("\r\n", cl);
    int length = Integer.parseInt(head.substring(cl + 15, eol < 0 ? head.length() : eol).trim());
    return text.length() - end - 4 >= length;
  }
}
