package io.streammanager.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Just enough multipart/form-data (RFC 7578) to take the first part that carries a file. */
final class Multipart {
  private Multipart() {}

  static Optional<byte[]> firstFile(byte[] body, String contentType) {
    int b = contentType.indexOf("boundary=");
    if (b < 0) {
      return Optional.empty();
    }
    String boundary =
        contentType.substring(b + "boundary=".length()).split(";")[0].trim().replace("\"", "");
    if (boundary.isEmpty() || boundary.length() > 70) {
      return Optional.empty();
    }
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int pos = indexOf(body, delimiter, 0);
    while (pos >= 0) {
      int headersStart = pos + delimiter.length + 2;
      int headersEnd =
          indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      if (headersEnd < 0) {
        return Optional.empty();
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
      int next = indexOf(body, delimiter, headersEnd);
      if (next < 0) {
        return Optional.empty();
      }
      if (headers.toLowerCase(java.util.Locale.ROOT).contains("filename=")) {
        return Optional.of(Arrays.copyOfRange(body, headersEnd + 4, next - 2));
      }
      pos = next;
    }
    return Optional.empty();
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
