package io.streammanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

  /**
   * peer | X-Forwarded-For | Forwarded ("-" for none) | the client's address ("-" for none) |
   * loopback.
   */
  @ParameterizedTest(name = "{0} forwarded for {1} / {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      127.0.0.1   | -                      | -                              | 127.0.0.1       | true
      203.0.113.7 | -                      | -                              | 203.0.113.7     | false
      127.0.0.1   | 127.0.0.1              | -                              | 127.0.0.1       | true
      127.0.0.1   | 203.0.113.7            | -                              | 203.0.113.7     | false
      127.0.0.1   | 127.0.0.1, 203.0.113.7 | -                              | 203.0.113.7     | false
      127.0.0.1   | 203.0.113.7, 127.0.0.1 | -                              | 127.0.0.1       | true
      203.0.113.7 | 127.0.0.1              | for=127.0.0.1                  | 203.0.113.7     | false
      127.0.0.1   | [::1]                  | -                              | 0:0:0:0:0:0:0:1 | true
      127.0.0.1   | localhost              | -                              | -               | false
      127.0.0.1   | unknown                | -                              | -               | false
      127.0.0.1   | -                      | for=203.0.113.7;proto=http     | 203.0.113.7     | false
      127.0.0.1   | -                      | for=127.0.0.1, for=198.51.100.2 | 198.51.100.2   | false
      127.0.0.1   | -                      | for="[::1]:4711"               | 0:0:0:0:0:0:0:1 | true
      127.0.0.1   | -                      | for=_hidden                    | -               | false
      127.0.0.1   | 127.0.0.1              | for=203.0.113.7                | 127.0.0.1       | false
      """)
  void theClientIsThePeerUnlessALocalProxyNamedIt(
      String peer, String forwardedFor, String forwarded, String client, boolean loopback) {
    InetSocketAddress address = new InetSocketAddress(peer, 3000);
    Optional<String> xff = header(forwardedFor);
    Optional<String> rfc = header(forwarded);

    assertThat(ClientAddress.of(address, xff, rfc).map(a -> a.getHostAddress()).orElse("-"))
        .isEqualTo(client);
    assertThat(ClientAddress.loopback(address, xff, rfc)).isEqualTo(loopback);
  }

  private static Optional<String> header(String value) {
    return value.equals("-") ? Optional.empty() : Optional.of(value);
  }
}
