package io.streammanager.gateway;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a call comes from. Its TCP peer, except when that peer is this machine's loopback and the
 * call names a client it was forwarded for ({@code X-Forwarded-For}, or {@code for=} of RFC 7239
 * {@code Forwarded}): then a proxy on this machine passed it on (the launcher's {@code
 * gateway-front} in front of two or more gateways, or an operator's own nginx), and the client is
 * the last entry, the one the proxy added for its own peer. A client may put anything in these
 * headers; the proxy's entry comes after it. A call that reaches the gateway from another machine
 * is judged by its peer alone, whatever it says it was forwarded for. An entry that is not an
 * address literal ({@code unknown}, an obfuscated {@code _name}) is no address at all.
 */
final class ClientAddress {
  static final HeaderName FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");
  static final HeaderName FORWARDED = HeaderNames.create("Forwarded");

  private ClientAddress() {}

  /**
   * Every line of a header, joined with commas in order (a proxy may add a line of its own rather
   * than append to the client's: the last entry is still the proxy's); empty when it is absent.
   */
  static Optional<String> joined(io.helidon.http.Headers headers, HeaderName name) {
    java.util.List<String> lines = headers.values(name);
    return lines.isEmpty() ? Optional.empty() : Optional.of(String.join(",", lines));
  }

  /**
   * @param peer the TCP peer of the call
   * @param forwardedFor the {@code X-Forwarded-For} header, when there is one
   * @param forwarded the {@code Forwarded} header, when there is one
   * @return the client's address, empty when it cannot be told
   */
  static Optional<InetAddress> of(
      SocketAddress peer, Optional<String> forwardedFor, Optional<String> forwarded) {
    if (!(peer instanceof InetSocketAddress a) || a.getAddress() == null) {
      return Optional.empty();
    }
    if (!a.getAddress().isLoopbackAddress()) {
      return Optional.of(a.getAddress());
    }
    if (forwardedFor.isPresent()) {
      return literal(last(forwardedFor.get()));
    }
    if (forwarded.isPresent()) {
      return literal(forParameter(last(forwarded.get())));
    }
    return Optional.of(a.getAddress());
  }

  /**
   * True when the client is this machine: its peer is, and so is every client a header names (both
   * headers must agree).
   */
  static boolean loopback(
      SocketAddress peer, Optional<String> forwardedFor, Optional<String> forwarded) {
    return isLoopback(of(peer, forwardedFor, Optional.empty()))
        && isLoopback(of(peer, Optional.empty(), forwarded));
  }

  private static boolean isLoopback(Optional<InetAddress> address) {
    return address.map(InetAddress::isLoopbackAddress).orElse(false);
  }

  private static String last(String header) {
    return header.substring(header.lastIndexOf(',') + 1).trim();
  }

  /**
   * {@code for=192.0.2.60;proto=http} -> {@code 192.0.2.60}; {@code for="[2001:db8::1]:80"} too.
   */
  private static String forParameter(String element) {
    for (String pair : element.split(";")) {
      String p = pair.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("for=")) {
        String v = p.substring(4).trim();
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
          v = v.substring(1, v.length() - 1);
        }
        if (v.startsWith("[")) {
          int end = v.indexOf(']');
          return end > 0 ? v.substring(0, end + 1) : v;
        }
        int colon = v.indexOf(':');
        return colon >= 0 && v.indexOf(':', colon + 1) < 0 ? v.substring(0, colon) : v;
      }
    }
    return "";
  }

  private static Optional<InetAddress> literal(String text) {
    String t =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (t.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.ofLiteral(t));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
