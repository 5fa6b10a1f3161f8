package io.streammanager.gateway;

import io.helidon.http.Status;

/** The HTTP status for a command layer-service rejected, from its field and reason. */
final class Rejections {
  private Rejections() {}

  static Status status(String field, String reason) {
    if ("/If-Match".equals(field)) {
      return Status.PRECONDITION_FAILED_412;
    }
    if (reason.contains("does not exist") || reason.startsWith("no pending scheduled command")) {
      return Status.NOT_FOUND_404;
    }
    if (reason.contains("already exists") || reason.contains("stop it first")) {
      return Status.CONFLICT_409;
    }
    return Status.UNPROCESSABLE_CONTENT_422;
  }
}
