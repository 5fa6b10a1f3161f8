package io.streammanager.gateway;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.RoutingRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When a call without an Authorization header may act as the admin {@value Authorizer#LOCAL_CALLER}
 * (AUTH_TRUST_LOOPBACK, what {@code demo} runs with): it must come from this machine's loopback
 * (through a proxy on this machine too: then the client its {@code X-Forwarded-For} or {@code
 * Forwarded} names, see {@link ClientAddress}), name a loopback host ({@code localhost}, {@code
 * 127.0.0.1}, {@code [::1]}) or one of ALLOWED_HOSTS in its {@code Host} header (a DNS rebinding
 * page names its own host), and carry no sign of a browser sending it from another site: an {@code
 * Origin} other than the request's own (scheme, host and port), or {@code Sec-Fetch-Site:
 * cross-site|same-site}. A curl on the same machine passes; a web page the operator opens cannot
 * act through it (it also cannot send JSON without {@code Content-Type: application/json}, which a
 * cross-site request can only send after a CORS preflight this gateway never allows).
 */
final class LoopbackTrust {
  static final LoopbackTrust OFF = new LoopbackTrust(false, List.of());
  private static final Set<String> LOOPBACK_HOSTS =
      Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final boolean enabled;
  private final Set<String> allowedHosts;

  LoopbackTrust(boolean enabled, List<String> allowedHosts) {
    this.enabled = enabled;
    this.allowedHosts =
        Set.copyOf(allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
  }

  boolean enabled() {
    return enabled;
  }

  /**
   * Empty when the request is trusted; otherwise why not (shown in the 401), or "" when trust is
   * off.
   */
  Optional<String> refusal(RoutingRequest req) {
    if (!enabled) {
      return Optional.of("");
    }
    if (!ClientAddress.loopback(
        req.remotePeer().address(),
        ClientAddress.joined(req.headers(), ClientAddress.FORWARDED_FOR),
        ClientAddress.joined(req.headers(), ClientAddress.FORWARDED))) {
      return Optional.of("");
    }
    String host = hostOnly(req.headers().first(HeaderNames.HOST).orElse(""));
    if (!trustedHost(host)) {
      return Optional.of(
          "loopback trust holds only for Host localhost, 127.0.0.1, [::1] or ALLOWED_HOSTS, not '"
              + host
              + "'");
    }
    Optional<String> fetchSite = req.headers().first(HeaderNames.create("Sec-Fetch-Site"));
    if (fetchSite.isPresent()
        && !fetchSite.get().equals("same-origin")
        && !fetchSite.get().equals("none")) {
      return Optional.of("loopback trust does not hold for a browser request from another site");
    }
    // A browser's request from a page of this very origin (the panel) names it exactly; any other
    // origin, even another port of this machine, is another site.
    Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
    String hostHeader =
        req.headers().first(HeaderNames.HOST).orElse("").trim().toLowerCase(Locale.ROOT);
    if (origin.isPresent()
        && !origin.get().trim().toLowerCase(Locale.ROOT).equals("http://" + hostHeader)
        && !origin.get().trim().toLowerCase(Locale.ROOT).equals("https://" + hostHeader)) {
      return Optional.of("loopback trust does not hold for a browser request from " + origin.get());
    }
    return Optional.empty();
  }

  /** True for a loopback name or one of ALLOWED_HOSTS (the Host header without its port). */
  boolean trustedHost(String host) {
    return LOOPBACK_HOSTS.contains(host) || allowedHosts.contains(host);
  }

  /**
   * {@code example.com:3000} -> {@code example.com}; {@code [::1]:3000} -> {@code [::1]}; lower
   * case.
   */
  static String hostOnly(String hostHeader) {
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 ? h.substring(0, end + 1) : h;
    }
    int colon = h.indexOf(':');
    return colon >= 0 ? h.substring(0, colon) : h;
  }

  /**
   * The host of an Origin header ({@code null} and unparsable origins give a host nothing matches).
   */
  static String originHost(String origin) {
    try {
      String host = URI.create(origin.trim()).getHost();
      return host == null
          ? "\u0000"
          : host.toLowerCase(Locale.ROOT).contains(":") && !host.startsWith("[")
              ? "[" + host.toLowerCase(Locale.ROOT) + "]"
              : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "\u0000";
    }
  }
}
