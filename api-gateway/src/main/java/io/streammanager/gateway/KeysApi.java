package io.streammanager.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.streammanager.gateway.json.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /api/keys} (admin scope): list keys (never tokens), mint a key (its token is shown once),
 * revoke one.
 */
final class KeysApi {
  private static final Pattern NAME = io.streammanager.proto.Ids.NAME;
  private static final Pattern SCOPE = io.streammanager.kit.config.PlatformConfig.SCOPE;
  private final KeyRing keys;

  KeysApi(KeyRing keys) {
    this.keys = keys;
  }

  void routing(Routes r) {
    r.get("/api/keys", (req, res) -> list(res))
        .post("/api/keys", this::mint)
        .delete("/api/keys/{name}", this::revoke);
  }

  private void list(ServerResponse res) {
    ArrayNode out = Http.JSON.createArrayNode();
    for (KeyRing.Key k : keys.all()) {
      ArrayNode scopes =
          out.addObject()
              .put("name", k.name())
              .put("source", k.configured() ? "environment" : "minted")
              .putArray("scopes");
      k.scopes().stream().sorted().forEach(scopes::add);
    }
    Http.json(res, Status.OK_200, out);
  }

  private void mint(ServerRequest req, ServerResponse res) {
    Optional<JsonNode> body = Http.readJson(req, res);
    if (body.isEmpty()) {
      return;
    }
    List<FieldProblem> problems = new ArrayList<>();
    String name = body.get().path("name").asText("");
    if (!NAME.matcher(name).matches()) {
      problems.add(
          new FieldProblem("/name", "name is required: " + io.streammanager.proto.Ids.NAME_RULE));
    }
    List<String> scopes = new ArrayList<>();
    JsonNode s = body.get().get("scopes");
    if (s == null || !s.isArray() || s.isEmpty()) {
      problems.add(
          new FieldProblem(
              "/scopes",
              "scopes must be a non-empty array of admin, read, streams:write, "
                  + "stream:<id>:write or stream:<id>:read"));
    } else {
      for (int i = 0; i < s.size(); i++) {
        String scope = s.get(i).asText("");
        if (!SCOPE.matcher(scope).matches()) {
          problems.add(
              new FieldProblem(
                  "/scopes/" + i,
                  "scope must be admin, read, streams:write, "
                      + "stream:<id>:write or stream:<id>:read, was '"
                      + scope
                      + "'"));
        }
        scopes.add(scope);
      }
    }
    if (!problems.isEmpty()) {
      Problems.invalid(res, "Invalid key", problems);
      return;
    }
    Optional<String> minted;
    try {
      minted = keys.mint(name, scopes);
    } catch (MintedKeys.NotLoggedException e) {
      notLogged(res, e);
      return;
    }
    if (minted.isEmpty()) {
      Problems.send(
          res,
          Status.CONFLICT_409,
          "conflict",
          "Key exists",
          "a key named '" + name + "' exists",
          List.of(new FieldProblem("/name", "a key named '" + name + "' exists")));
      return;
    }
    String token = minted.get();
    // The token is shown this once: no cache may keep it.
    res.header(io.helidon.http.HeaderNames.CACHE_CONTROL, "no-store");
    ArrayNode sc = Http.JSON.createArrayNode();
    scopes.forEach(sc::add);
    var out = Http.JSON.createObjectNode().put("name", name).put("token", token);
    out.set("scopes", sc);
    Http.json(res, Status.CREATED_201, out);
  }

  private void revoke(ServerRequest req, ServerResponse res) {
    String name = req.path().pathParameters().get("name");
    if (keys.isConfigured(name)) {
      Problems.send(
          res,
          Status.CONFLICT_409,
          "conflict",
          "Key from the environment",
          "'" + name + "' comes from API_KEYS or ADMIN_TOKEN; change the environment to remove it",
          List.of());
      return;
    }
    boolean revoked;
    try {
      revoked = keys.revoke(name);
    } catch (MintedKeys.NotLoggedException e) {
      notLogged(res, e);
      return;
    }
    if (!revoked) {
      Http.notFound(res, "no key '" + name + "'");
      return;
    }
    res.status(Status.NO_CONTENT_204);
    res.send();
  }

  private static void notLogged(ServerResponse res, MintedKeys.NotLoggedException e) {
    Problems.send(
        res,
        Status.SERVICE_UNAVAILABLE_503,
        "key-not-stored",
        "Key not stored",
        e.getMessage() + ". Retry later.",
        List.of());
  }
}
