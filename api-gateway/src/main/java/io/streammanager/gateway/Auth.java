package io.streammanager.gateway;

import io.helidon.webserver.http.ServerRequest;

/**
 * Who is calling: the name of the API key the request was made with, or "anonymous" when auth is
 * off.
 */
final class Auth {
  private Auth() {}

  static String caller(ServerRequest req) {
    return req.context().get(Authorizer.CALLER, String.class).orElse("anonymous");
  }
}
