package io.streammanager.gateway;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.streammanager.gateway.json.FieldProblem;
import io.streammanager.kit.config.PlatformConfig.AssetLimits;
import io.streammanager.kit.pictures.Pictures;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.kit.sounds.AudioFiles;
import io.streammanager.proto.Ids;
import java.util.List;
import java.util.Optional;

/**
 * Pictures for image layers and sounds for audio layers: {@code POST /api/assets} (the raw bytes,
 * or multipart/form-data with one file) stores a PNG or JPEG, or a WAV, MP3 or OGG file, under the
 * SHA-256 of its bytes and answers the id layers use as {@code "src": "asset:<id>"}; {@code GET
 * /api/assets/{id}} returns it. The type is sniffed from the bytes (never the name or header). A
 * picture's size in bytes and in pixels is checked before anything is decoded, so a decompression
 * bomb is refused; an audio file is held to the byte limit and recognised by its container ({@link
 * AudioFiles}), and decoded by the encoder.
 */
final class AssetsApi {
  /** Room for the multipart framing around the file (boundaries, part headers). */
  private static final long MULTIPART_OVERHEAD = 64 * 1024;

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
    String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
    boolean multipart =
        contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    Optional<byte[]> read =
        Http.readBody(
            req, res, limits.maxBytes() + (multipart ? MULTIPART_OVERHEAD : 0), "the asset");
    if (read.isEmpty()) {
      return;
    }
    byte[] body = read.get();
    byte[] bytes = multipart ? Multipart.firstFile(body, contentType).orElse(new byte[0]) : body;
    if (bytes.length == 0) {
      Problems.invalid(
          res,
          "No asset",
          List.of(
              new FieldProblem(
                  "",
                  "send a PNG, JPEG, WAV, MP3 or OGG file as the "
                      + "body, or as the file of a multipart/form-data request")));
      return;
    }
    Optional<String> audio = AudioFiles.sniff(bytes);
    if (audio.isPresent()) {
      storeAudio(res, bytes, audio.get());
      return;
    }
    java.awt.image.BufferedImage image;
    try {
      image = Pictures.decode(bytes, limits);
    } catch (Pictures.RefusedPicture e) {
      refused(res, bytes, e);
      return;
    }
    String type = Pictures.sniff(bytes).orElseThrow();
    int[] size = {image.getWidth(), image.getHeight()};
    String id = Ids.asset(bytes);
    if (!stored(res, id, bytes)) {
      return;
    }
    res.header(HeaderNames.LOCATION, "/api/assets/" + id);
    Http.json(
        res,
        Status.CREATED_201,
        Http.JSON
            .createObjectNode()
            .put("id", id)
            .put("src", "asset:" + id)
            .put("type", type)
            .put("width", size[0])
            .put("height", size[1])
            .put("bytes", bytes.length));
  }

  /**
   * 413 for a picture too large, 503 when the decode budget stayed taken, 415/422 for what is not a
   * picture.
   */
  static void refused(ServerResponse res, byte[] bytes, Pictures.RefusedPicture e) {
    if (e.busy()) {
      res.header(HeaderNames.RETRY_AFTER, "1");
      Problems.send(
          res,
          Status.SERVICE_UNAVAILABLE_503,
          "busy",
          "Busy decoding pictures",
          e.getMessage(),
          List.of());
      return;
    }
    Status status =
        e.tooLarge()
            ? Status.REQUEST_ENTITY_TOO_LARGE_413
            : Pictures.sniff(bytes).isEmpty()
                ? Status.UNSUPPORTED_MEDIA_TYPE_415
                : Status.UNPROCESSABLE_CONTENT_422;
    Problems.send(
        res,
        status,
        status.code() == 413 ? "too-large" : "invalid-picture",
        "Picture refused",
        e.getMessage()
            + (status.code() == 415
                ? " nor a WAV, MP3 or OGG sound (the type is read from the bytes, "
                    + "not the name)"
                : ""),
        List.of());
  }

  /**
   * Stores the asset unless every asset together would pass ASSET_MAX_TOTAL_BYTES (then 422 has
   * been answered).
   */
  private boolean stored(ServerResponse res, String id, byte[] bytes) {
    if (store.putAsset(id, bytes, limits.maxTotalBytes()) == StateStore.AssetStored.OVER_QUOTA) {
      Problems.send(
          res,
          Status.UNPROCESSABLE_CONTENT_422,
          "quota",
          "Asset quota reached",
          "the stored assets would exceed "
              + limits.maxTotalBytes()
              + " bytes (ASSET_MAX_TOTAL_BYTES)",
          List.of());
      return false;
    }
    return true;
  }

  private void storeAudio(ServerResponse res, byte[] bytes, String type) {
    if (bytes.length > limits.maxBytes()) {
      tooLarge(res, bytes.length);
      return;
    }
    Optional<String> bad = AudioFiles.problem(bytes);
    if (bad.isPresent()) {
      Problems.send(
          res,
          Status.UNPROCESSABLE_CONTENT_422,
          "invalid-sound",
          "Sound refused",
          bad.get(),
          List.of());
      return;
    }
    String id = Ids.asset(bytes);
    if (!stored(res, id, bytes)) {
      return;
    }
    res.header(HeaderNames.LOCATION, "/api/assets/" + id);
    Http.json(
        res,
        Status.CREATED_201,
        Http.JSON
            .createObjectNode()
            .put("id", id)
            .put("src", "asset:" + id)
            .put("type", type)
            .put("bytes", bytes.length));
  }

  private void download(ServerRequest req, ServerResponse res) {
    String id = req.path().pathParameters().get("id");
    Optional<byte[]> bytes = id.matches("[0-9a-f]{64}") ? store.asset(id) : Optional.empty();
    if (bytes.isEmpty()) {
      Http.notFound(res, "no asset '" + id + "'");
      return;
    }
    res.header(
        HeaderNames.CONTENT_TYPE,
        Pictures.sniff(bytes.get())
            .or(() -> AudioFiles.sniff(bytes.get()))
            .orElse("application/octet-stream"));
    // Content-addressed, so it never changes; private: shared caches must not keep what needed a
    // key to read.
    res.header(HeaderNames.CACHE_CONTROL, "private, max-age=31536000, immutable");
    res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
    res.send(bytes.get());
  }

  private void tooLarge(ServerResponse res, long bytes) {
    Problems.send(
        res,
        Status.REQUEST_ENTITY_TOO_LARGE_413,
        "too-large",
        "Asset too large",
        "the file is "
            + bytes
            + " bytes; at most "
            + limits.maxBytes()
            + " are allowed (ASSET_MAX_BYTES)",
        List.of());
  }
}
