package io.streammanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartTest {
  private static final byte[] PICTURE = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff, '-', '-'
  };

  @Test
  void theFirstPartCarryingAFile_isTakenWhole_pastFieldsBeforeIt() {
    byte[] body =
        body(
            "XyZ",
            part("XyZ", "form-data; name=\"title\"", "logo".getBytes(StandardCharsets.UTF_8)),
            part("XyZ", "form-data; name=\"file\"; filename=\"logo.png\"", PICTURE),
            part("XyZ", "form-data; name=\"other\"; filename=\"b.png\"", new byte[] {1, 2, 3}));

    assertThat(Multipart.firstFile(body, "multipart/form-data; boundary=XyZ")).hasValue(PICTURE);
  }

  @Test
  void aQuotedBoundary_withParametersAfterIt_isRead() {
    byte[] body = body("a'b", part("a'b", "form-data; name=\"f\"; filename=\"x\"", PICTURE));

    assertThat(Multipart.firstFile(body, "multipart/form-data; boundary=\"a'b\"; charset=utf-8"))
        .hasValue(PICTURE);
  }

  @Test
  void noBoundary_aBoundaryTooLong_noFilePart_orACutBody_isNoFile() {
    byte[] fieldsOnly = body("XyZ", part("XyZ", "form-data; name=\"title\"", new byte[] {1}));
    byte[] whole = body("XyZ", part("XyZ", "form-data; name=\"f\"; filename=\"x\"", PICTURE));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 12);

    assertThat(Multipart.firstFile(whole, "multipart/form-data")).isEmpty();
    assertThat(Multipart.firstFile(whole, "multipart/form-data; boundary=" + "b".repeat(71)))
        .isEmpty();
    assertThat(Multipart.firstFile(fieldsOnly, "multipart/form-data; boundary=XyZ")).isEmpty();
    assertThat(Multipart.firstFile(cut, "multipart/form-data; boundary=XyZ")).isEmpty();
  }

  private static byte[] part(String boundary, String disposition, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(content);
    out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  private static byte[] body(String boundary, byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }
}
