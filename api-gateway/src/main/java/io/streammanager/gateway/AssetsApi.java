package io.streammanager.gateway;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.streammanager.gateway.json.FieldProblem;
import io.streammanager.kit.config.PlatformConfig.AssetLimits;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.Ids;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Pictures for image layers: {@code POST /api/assets} (the raw bytes, or multipart/form-data with one file) stores a
 * PNG or JPEG under the SHA-256 of its bytes and answers the id layers use as {@code "src": "asset:<id>"};
 * {@code GET /api/assets/{id}} returns it. The type is sniffed from the bytes (never the name or header), and the
 * size in bytes and in pixels is checked before anything is decoded, so a decompression bomb is refused.
 */
final class AssetsApi {
  private final StateStore store;
  private final AssetLimits limits;

  AssetsApi(StateStore store, AssetLimits limits) {
    this.store = store;
    this.limits = limits;
  }

  void routing(Routes r) {
    r.post("/api/assets", this::upload).get("/api/assets/{id}", this::download);
  }

  private void upload(ServerRequest req, ServerResponse res) {
    long length = req.headers().contentLength().orElse(-1L);
    if (length > limits.maxBytes()) {
      tooLarge(res, length);
      return;
    }
    byte[] body = req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
    String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
    byte[] bytes = contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
        ? Multipart.firstFile(body, contentType).orElse(new byte[0]) : body;
    if (bytes.length == 0) {
      Problems.invalid(res, "No picture", List.of(new FieldProblem("", "send a PNG or JPEG as the body, or as the "
          + "file of a multipart/form-data request")));
      return;
    }
    if (bytes.length > limits.maxBytes()) {
      tooLarge(res, bytes.length);
      return;
    }
    Optional<String> type = sniff(bytes);
    if (type.isEmpty()) {
      Problems.send(res, Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type", "Not a PNG or JPEG",
          "the bytes are not a PNG or a JPEG picture (the type is read from the bytes, not the name)", List.of());
      return;
    }
    int[] size;
    try {
      size = dimensions(bytes);
    } catch (IOException | RuntimeException e) {
      Problems.send(res, Status.UNPROCESSABLE_CONTENT_422, "invalid-picture", "Unreadable picture",
          "the picture cannot be read: " + e.getMessage(), List.of());
      return;
    }
    if ((long) size[0] * size[1] > limits.maxPixels()) {
      Problems.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "too-large", "Picture too large",
          "the picture is " + size[0] + "x" + size[1] + " = " + (long) size[0] * size[1] + " pixels; at most "
              + limits.maxPixels() + " are allowed (ASSET_MAX_PIXELS)", List.of());
      return;
    }
    try {
      verify(bytes);
    } catch (IOException | RuntimeException e) {
      Problems.send(res, Status.UNPROCESSABLE_CONTENT_422, "invalid-picture", "Unreadable picture",
          "the picture does not decode: " + e.getMessage(), List.of());
      return;
    }
    String id = Ids.asset(bytes);
    store.putAsset(id, bytes);
    res.header(HeaderNames.LOCATION, "/api/assets/" + id);
    Http.json(res, Status.CREATED_201, Http.JSON.createObjectNode().put("id", id).put("src", "asset:" + id)
        .put("type", type.get()).put("width", size[0]).put("height", size[1]).put("bytes", bytes.length));
  }

  private void download(ServerRequest req, ServerResponse res) {
    String id = req.path().pathParameters().get("id");
    Optional<byte[]> bytes = id.matches("[0-9a-f]{64}") ? store.asset(id) : Optional.empty();
    if (bytes.isEmpty()) {
      Http.notFound(res, "no asset '" + id + "'");
      return;
    }
    res.header(HeaderNames.CONTENT_TYPE, sniff(bytes.get()).orElse("application/octet-stream"));
    res.header(HeaderNames.CACHE_CONTROL, "public, max-age=31536000, immutable");
    res.send(bytes.get());
  }

  private void tooLarge(ServerResponse res, long bytes) {
    Problems.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "too-large", "Picture too large",
        "the picture is " + bytes + " bytes; at most " + limits.maxBytes() + " are allowed (ASSET_MAX_BYTES)",
        List.of());
  }

  static Optional<String> sniff(byte[] b) {
    if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D
        && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
      return Optional.of("image/png");
    }
    if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
      return Optional.of("image/jpeg");
    }
    return Optional.empty();
  }

  /** At most two pictures are decoded at once (each is at most ASSET_MAX_PIXELS): memory stays bounded. */
  private static final java.util.concurrent.Semaphore DECODING = new java.util.concurrent.Semaphore(2);

  /** Decodes the whole picture once (its size is already known to be within the limit), so broken files are refused. */
  static void verify(byte[] bytes) throws IOException {
    DECODING.acquireUninterruptibly();
    try {
      if (ImageIO.read(new ByteArrayInputStream(bytes)) == null) {
        throw new IOException("no decoder accepts it");
      }
    } finally {
      DECODING.release();
    }
  }

  /** Width and height from the header, without decoding the pixels. */
  static int[] dimensions(byte[] bytes) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      var readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException("no reader for this picture");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return new int[] {reader.getWidth(0), reader.getHeight(0)};
      } finally {
        reader.dispose();
      }
    }
  }
}
