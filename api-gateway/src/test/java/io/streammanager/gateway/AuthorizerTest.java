package io.streammanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Method;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizerTest {
  @Test
  void scopeFor_requests_needTheNarrowestScope() {
    assertThat(Authorizer.scopeFor(Method.GET, "/api/streams/news1/layers"))
        .isEqualTo("stream:news1:read");
    assertThat(Authorizer.scopeFor(Method.GET, "/api/streams")).isEqualTo("read");
    assertThat(Authorizer.scopeFor(Method.GET, "/api/stream/status"))
        .isEqualTo("stream:default:read");
    assertThat(Authorizer.scopeFor(Method.GET, "/api/assets/ab")).isEqualTo("read");
    assertThat(Authorizer.scopeFor(Method.PATCH, "/api/streams/news1/layers/box"))
        .isEqualTo("stream:news1:write");
    assertThat(Authorizer.scopeFor(Method.POST, "/api/streams/news1/control"))
        .isEqualTo("stream:news1:write");
    assertThat(Authorizer.scopeFor(Method.DELETE, "/api/streams/news1"))
        .isEqualTo("stream:news1:write");
    assertThat(Authorizer.scopeFor(Method.POST, "/api/layers")).isEqualTo("stream:default:write");
    assertThat(Authorizer.scopeFor(Method.POST, "/api/stream/control"))
        .isEqualTo("stream:default:write");
    assertThat(Authorizer.scopeFor(Method.POST, "/api/streams")).isEqualTo("streams:write");
    assertThat(Authorizer.scopeFor(Method.POST, "/api/assets")).isEqualTo("assets:write");
    assertThat(Authorizer.scopeFor(Method.GET, "/api/keys")).isEqualTo("admin");
    assertThat(Authorizer.scopeFor(Method.POST, "/api/keys")).isEqualTo("admin");
  }

  @Test
  void allows_scopes_grantWhatTheyName() {
    assertThat(Authorizer.allows(Set.of("admin"), "admin")).isTrue();
    assertThat(Authorizer.allows(Set.of("admin"), "stream:x:write")).isTrue();
    assertThat(Authorizer.allows(Set.of("read"), "read")).isTrue();
    assertThat(Authorizer.allows(Set.of("read"), "stream:x:write")).isFalse();
    assertThat(Authorizer.allows(Set.of("streams:write"), "stream:x:write")).isTrue();
    assertThat(Authorizer.allows(Set.of("streams:write"), "read")).isTrue();
    assertThat(Authorizer.allows(Set.of("streams:write"), "admin")).isFalse();
    assertThat(Authorizer.allows(Set.of("stream:x:write"), "stream:x:write")).isTrue();
    assertThat(Authorizer.allows(Set.of("stream:x:write"), "stream:y:write")).isFalse();
    assertThat(Authorizer.allows(Set.of("stream:x:write"), "streams:write")).isFalse();
    assertThat(Authorizer.allows(Set.of("stream:x:write"), "read")).isTrue();
    assertThat(Authorizer.allows(Set.of("stream:x:write"), "assets:write")).isTrue();
    assertThat(Authorizer.allows(Set.of("read"), "assets:write")).isFalse();
    assertThat(Authorizer.allows(Set.of("read"), "stream:x:read")).isTrue();
    assertThat(Authorizer.allows(Set.of("stream:x:write"), "stream:x:read")).isTrue();
    assertThat(Authorizer.allows(Set.of("stream:x:read"), "stream:x:read")).isTrue();
    assertThat(Authorizer.allows(Set.of("stream:x:write"), "stream:y:read"))
        .as("another stream's reads")
        .isFalse();
    assertThat(Authorizer.allows(Set.of("stream:x:read"), "stream:x:write")).isFalse();
    assertThat(Authorizer.allows(Set.of("stream:x:read"), "assets:write")).isFalse();
    assertThat(Authorizer.allows(Set.of("streams:write"), "stream:y:read")).isTrue();
  }
}
