package io.streammanager.gateway;

import io.helidon.webserver.http.ServerRequest;

/** Who is calling. Until API keys exist every caller is "anonymous" (recorded as the command's sender). */
final class Auth {
  private Auth() {}

  static String caller(ServerRequest req) {
    return "anonymous";
  }
}
