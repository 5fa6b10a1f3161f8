package io.streammanager.gateway;

import io.helidon.http.Status;
import io.streammanager.proto.RejectionCode;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one table from layer-service's rejection codes to HTTP statuses (and the code's name in JSON
 * answers and events). A code this gateway does not know (older or newer layer-service) is answered
 * as an invalid command, 422.
 */
final class Rejections {
  private static final Map<RejectionCode, Status> STATUS =
      new EnumMap<>(
          Map.of(
              RejectionCode.REJECTION_INVALID, Status.UNPROCESSABLE_CONTENT_422,
              RejectionCode.REJECTION_NOT_FOUND, Status.NOT_FOUND_404,
              RejectionCode.REJECTION_CONFLICT, Status.CONFLICT_409,
              RejectionCode.REJECTION_VERSION_MISMATCH, Status.PRECONDITION_FAILED_412,
              RejectionCode.REJECTION_NOT_APPLIED, Status.SERVICE_UNAVAILABLE_503));

  private Rejections() {}

  static Status status(RejectionCode code) {
    return STATUS.getOrDefault(known(code), Status.UNPROCESSABLE_CONTENT_422);
  }

  /** "invalid", "not_found", "conflict", "version_mismatch" or "not_applied". */
  static String name(RejectionCode code) {
    return known(code).name().substring("REJECTION_".length()).toLowerCase(Locale.ROOT);
  }

  private static RejectionCode known(RejectionCode code) {
    return STATUS.containsKey(code) ? code : RejectionCode.REJECTION_INVALID;
  }
}
