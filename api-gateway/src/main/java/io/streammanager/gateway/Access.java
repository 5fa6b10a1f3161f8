package io.streammanager.gateway;

import io.helidon.webserver.http.ServerRequest;
import java.util.Set;

/**
 * What the caller of a request (or a WebSocket client) may do: the name and scopes of its key.
 * {@code admin} does everything; {@code read} reads every stream; {@code streams:write} reads and
 * changes every stream; {@code stream:<id>:write} reads and changes that stream; {@code
 * stream:<id>:read} reads that stream. Stream keys in output URLs are shown only to callers that
 * may change the stream.
 *
 * @param name the key's name, {@value Authorizer#LOCAL_CALLER} for a trusted loopback call,
 *     "anonymous" with auth off
 */
record Access(String name, Set<String> scopes) {
  /** Auth is off: everything is allowed. */
  static final Access ANONYMOUS = new Access("anonymous", Set.of("admin"));

  static Access of(ServerRequest req) {
    return req.context().get(Authorizer.ACCESS, Access.class).orElse(ANONYMOUS);
  }

  boolean admin() {
    return scopes.contains("admin");
  }

  /** True when the key reads every stream (admin, read, streams:write). */
  boolean readsEveryStream() {
    return admin() || scopes.contains("read") || scopes.contains("streams:write");
  }

  boolean canRead(String streamId) {
    return readsEveryStream()
        || scopes.contains("stream:" + streamId + ":write")
        || scopes.contains("stream:" + streamId + ":read");
  }

  /** True when the key may change the stream, and so see its stream keys. */
  boolean canWrite(String streamId) {
    return admin()
        || scopes.contains("streams:write")
        || scopes.contains("stream:" + streamId + ":write");
  }
}
