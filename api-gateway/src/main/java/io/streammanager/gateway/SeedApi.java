package io.streammanager.gateway;

/**
 * The seed's endpoints, acting on stream {@code default}: {@code POST /api/layers}, {@code DELETE
 * /api/layers/{id}}, {@code POST /api/stream/control}, {@code GET /api/stream/status}. They share
 * the handlers of {@link StreamsApi}.
 */
final class SeedApi {
  static final String STREAM = io.streammanager.proto.StreamIds.DEFAULT;

  private final StreamsApi streams;
  private final StatusView status;

  SeedApi(StreamsApi streams, StatusView status) {
    this.streams = streams;
    this.status = status;
  }

  void routing(Routes r) {
    r.post("/api/layers", (req, res) -> streams.layers().upsert(req, res, STREAM, null))
        .delete(
            "/api/layers/{id}",
            (req, res) -> streams.layers().remove(req, res, STREAM, StreamsApi.param(req, "id")))
        .post("/api/stream/control", (req, res) -> streams.control(req, res, STREAM))
        .get("/api/stream/status", (req, res) -> status.send(STREAM, req, res));
  }
}
