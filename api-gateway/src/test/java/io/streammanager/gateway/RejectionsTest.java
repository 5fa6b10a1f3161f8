package io.streammanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammanager.proto.RejectionCode;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RejectionsTest {
  @Test
  void everyRejectionCode_hasOneStatusAndName_andAnUnknownCodeIsAnInvalidCommand() {
    Map<String, String> table = new TreeMap<>();
    Arrays.stream(RejectionCode.values())
        .filter(c -> c != RejectionCode.UNRECOGNIZED)
        .forEach(c -> table.put(c.name(), Rejections.status(c).code() + " " + Rejections.name(c)));

    assertThat(table)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "REJECTION_CODE_UNSPECIFIED", "422 invalid",
                "REJECTION_INVALID", "422 invalid",
                "REJECTION_NOT_FOUND", "404 not_found",
                "REJECTION_CONFLICT", "409 conflict",
                "REJECTION_VERSION_MISMATCH", "412 version_mismatch",
                "REJECTION_NOT_APPLIED", "503 not_applied"));
    assertThat(Rejections.status(RejectionCode.UNRECOGNIZED).code()).isEqualTo(422);
  }
}
