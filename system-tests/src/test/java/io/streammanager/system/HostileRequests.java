package io.streammanager.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile HTTP requests generated from the gateway's own OpenAPI document: every operation it
 * lists, with a body built from the operation's schema and then spoilt (wrong types, missing and
 * extra fields, NaN and huge numbers, deep nesting, long and odd Unicode strings, bad ids, every
 * output URL form of the security review, oversized and chunked bodies, wrong content types,
 * strange tokens and headers). Seeded: the same seed gives the same requests.
 */
final class HostileRequests {
  /** One request: {@code chunked} sends the body without a length. */
  record Request(
      String method, String path, Map<String, String> headers, byte[] body, boolean chunked) {
    String describe() {
      String text =
          body == null
              ? ""
              : new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
      return method
          + " "
          + path
          + " "
          + headers.keySet()
          + (chunked ? " chunked " : " ")
          + text
          + (body != null && body.length > 160 ? "... (" + body.length + " bytes)" : "");
    }
  }

  private record Operation(String method, String template, JsonNode schema) {}

  static final List<String> HOSTILE_URLS =
      List.of(
          "gopher:127.0.0.1:6379/9/\r\nHSET sm:api-keys evil x\r\nQUIT\r\nx.flv",
          "gopher:127.0.0.1:6379/9/x.flv",
          "file:/etc/x.flv",
          "file:///tmp/out.flv",
          "tcp:127.0.0.1:1/x.flv",
          "tcp:0.0.0.0:4444?listen=1&x=.flv",
          "rtmp:h/app/key.flv",
          "pipe:x.flv",
          "concat:a.flv|b.flv",
          "subfile,,start,0,end,0,,:x.flv",
          "http://127.0.0.1:1/x.flv",
          "/tmp/x.flv",
          "../other/x.flv",
          "a/../../x.flv",
          "C:\\x.ts",
          "rtmp://169.254.169.254/live/k",
          "rtmp://2852039166/live/k",
          "rtmp://0xA9FEA9FE/live/k",
          "rtmp://[fe80::1]/live/k",
          "rtmp://metadata.google.internal/a/b",
          "srt://0.0.0.0:9000?mode=listener",
          "rtmp://a@b@c/x/y",
          "rtmp://h/live/k#f",
          "rtmp://" + "h".repeat(300) + "/a/b",
          "{stream}/../x.flv",
          "rtmp://127.0.0.1:1/live/{stream}",
          "x-{run}.flv",
          "hls/{stream}.m3u8",
          "",
          "   ",
          "\u0000.flv");
  static final List<String> ODD_STRINGS =
      List.of(
          "",
          " ",
          "\u0000",
          "\u202Eevil\u202C",
          "\u200B\u200B",
          "\uD83D\uDE00".repeat(50),
          "\\ud800",
          "'; DROP TABLE x; --",
          "<script>alert(1)</script>",
          "${jndi:ldap://x}",
          "%00%2e%2e%2f",
          "..",
          ".",
          "a/b",
          "\r\nSet-Cookie: x=1",
          "null",
          "NaN",
          "\uFFFF\uFFFE",
          "e\u0301".repeat(200));
  static final List<String> BAD_IDS =
      List.of(
          "..",
          ".",
          "%2e%2e",
          "%2E",
          "a%2Fb",
          "x".repeat(65),
          "a b",
          "%00",
          "\u00e9t\u00e9",
          "*",
          "-",
          "_.-",
          "~",
          "%25",
          "a;b",
          "a%0d%0ab");

  private final Random random;
  private final JsonNode openapi;
  private final List<Operation> operations = new ArrayList<>();
  private final List<String> streams;
  private final List<String> layers;
  private final Map<String, String> tokens;
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  /**
   * @param streams stream ids the requests name (besides bad ones)
   * @param tokens name -> token of the keys to send ("" sends none)
   */
  HostileRequests(
      long seed,
      JsonNode openapi,
      List<String> streams,
      List<String> layers,
      Map<String, String> tokens) {
    this.random = new Random(seed);
    this.openapi = openapi;
    this.streams = streams;
    this.layers = layers;
    this.tokens = tokens;
    for (Iterator<Map.Entry<String, JsonNode>> it = openapi.path("paths").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
          operations.add(
              new Operation(
                  op.getKey().toUpperCase(java.util.Locale.ROOT),
                  path.getKey(),
                  bodySchema(op.getValue())));
        }
      }
    }
    if (operations.size() < 20) {
      throw new IllegalStateException(
          "openapi.yaml lists only " + operations.size() + " operations");
    }
  }

  int operationCount() {
    return operations.size();
  }

  /** The next hostile request; {@code key} names the token it carries (one of the tokens given). */
  Request next(String key) {
    Operation op = operations.get(random.nextInt(operations.size()));
    Map<String, String> headers = new LinkedHashMap<>();
    String token = tokens.get(key);
    int auth = random.nextInt(40);
    if (auth == 0) {
      headers.put("Authorization", "Bearer " + pick(ODD_STRINGS).replaceAll("[^\\x21-\\x7e]", ""));
    } else if (auth == 1) {
      headers.put("Authorization", "Basic YWRtaW46YWRtaW4=");
    } else if (!token.isEmpty()) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (random.nextInt(10) == 0) {
      headers.put("If-Match", random.nextBoolean() ? String.valueOf(random.nextLong()) : "\"W/x\"");
    }
    if (random.nextInt(10) == 0) {
      headers.put("Idempotency-Key", "k" + random.nextInt(50));
    }
    String path = fill(op.template()) + query(op);
    byte[] body = null;
    boolean chunked = false;
    if (!op.method().equals("GET") && !op.method().equals("DELETE") || random.nextInt(10) == 0) {
      body = body(op);
      headers.put("Content-Type", contentType(op));
      chunked = random.nextInt(8) == 0;
    }
    return new Request(op.method(), path, headers, body, chunked);
  }

  private String fill(String template) {
    String out = template;
    if (out.contains("{id}")) {
      out = out.replace("{id}", random.nextInt(6) == 0 ? pick(BAD_IDS) : pick(streams));
    }
    if (out.contains("{layerId}")) {
      out = out.replace("{layerId}", random.nextInt(6) == 0 ? pick(BAD_IDS) : pick(layers));
    }
    if (out.contains("{commandId}")) {
      out =
          out.replace(
              "{commandId}",
              random.nextBoolean() ? java.util.UUID.randomUUID().toString() : pick(BAD_IDS));
    }
    if (out.contains("{name}")) {
      out = out.replace("{name}", random.nextBoolean() ? "fz" + random.nextInt(5) : pick(BAD_IDS));
    }
    return out.replace(" ", "%20");
  }

  private String query(Operation op) {
    StringBuilder q = new StringBuilder();
    if (op.template().endsWith("/state") || op.template().endsWith("/frame.png")) {
      q.append("?at=")
          .append(
              enc(
                  switch (random.nextInt(6)) {
                    case 0 -> "frame:" + random.nextInt(2000);
                    case 1 -> "version:" + random.nextInt(30);
                    case 2 -> java.time.Instant.now().minusSeconds(random.nextInt(100)).toString();
                    case 3 -> "frame:-1";
                    case 4 -> "frame:99999999999999999999";
                    default -> pick(ODD_STRINGS);
                  }));
    } else if (op.template().endsWith("/history")) {
      q.append("?limit=")
          .append(random.nextInt(5) == 0 ? "-5" : String.valueOf(random.nextInt(2000)))
          .append("&from=")
          .append(enc(random.nextBoolean() ? "2026-01-01T00:00:00Z" : pick(ODD_STRINGS)));
    } else if (op.template().endsWith("/diff")) {
      q.append("?from=")
          .append(random.nextInt(10) - 2)
          .append("&to=")
          .append(
              enc(random.nextBoolean() ? String.valueOf(random.nextInt(20)) : pick(ODD_STRINGS)));
    }
    if (!op.method().equals("GET") && random.nextInt(40) == 0) {
      q.append(q.isEmpty() ? "?" : "&").append("wait=true");
    }
    return q.toString();
  }

  private String contentType(Operation op) {
    return switch (random.nextInt(20)) {
      case 0 -> "text/plain";
      case 1 -> "application/x-www-form-urlencoded";
      case 2 -> "multipart/form-data; boundary=x";
      case 3 -> "application/json; charset=utf-16";
      case 4 -> "application/merge-patch+json";
      case 5 -> op.template().equals("/api/assets") ? "image/png" : "application/json";
      default ->
          op.template().equals("/api/assets") && random.nextBoolean()
              ? "application/octet-stream"
              : "application/json";
    };
  }

  private byte[] body(Operation op) {
    if (op.template().equals("/api/assets")) {
      return asset();
    }
    int shape = random.nextInt(100);
    if (shape < 3) {
      return ("[".repeat(3000 + random.nextInt(3000)) + "]".repeat(10))
          .getBytes(StandardCharsets.UTF_8);
    }
    if (shape < 5) {
      return ("{\"x\":NaN,\"y\":Infinity,\"width\":-Infinity,\"id\":\"a\",\"type\":\"rect\",\"height\":1e999}")
          .getBytes(StandardCharsets.UTF_8);
    }
    if (shape < 6) {
      return new byte[2 * 1024 * 1024 + random.nextInt(1024 * 1024)];
    }
    if (shape < 9) {
      byte[] junk = new byte[random.nextInt(2000)];
      random.nextBytes(junk);
      return junk;
    }
    JsonNode value = op.schema() == null ? nodes.objectNode() : valid(op.schema(), 0);
    for (int i = random.nextInt(4); i >= 0; i--) {
      value = spoil(value, 0);
    }
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] asset() {
    return switch (random.nextInt(7)) {
      case 0 -> SecurityIT.bombPng();
      case 1 -> java.util.Arrays.copyOf(SecurityIT.bombPng(), 40);
      case 2 ->
          java.util.HexFormat.of()
              .parseHex(
                  "524946462c00000057415645666d742010000000"
                      + "0100ff00ffffff7f"
                      + "00ee02000400100064617461ffffffff");
      case 3 ->
          ("ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0023" + "x".repeat(random.nextInt(500)))
              .getBytes(StandardCharsets.ISO_8859_1);
      case 4 ->
          ("OggS" + "\u0000".repeat(random.nextInt(100))).getBytes(StandardCharsets.ISO_8859_1);
      case 5 ->
          ("--x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.png\"\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1);
      default -> {
        byte[] junk = new byte[random.nextInt(5000)];
        random.nextBytes(junk);
        yield junk;
      }
    };
  }

  /** A value the schema accepts (as far as a schema says: the gateway checks more). */
  private JsonNode valid(JsonNode schema, int depth) {
    schema = resolve(schema);
    if (schema.has("allOf")) {
      ObjectNode merged = nodes.objectNode();
      schema
          .get("allOf")
          .forEach(
              part -> {
                JsonNode v = valid(part, depth + 1);
                if (v.isObject()) {
                  merged.setAll((ObjectNode) v);
                }
              });
      return merged;
    }
    if (schema.has("oneOf")) {
      return valid(schema.get("oneOf").get(random.nextInt(schema.get("oneOf").size())), depth + 1);
    }
    if (schema.has("const")) {
      return schema.get("const");
    }
    if (schema.has("enum")) {
      return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
    }
    String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
    switch (type) {
      case "object" -> {
        ObjectNode o = nodes.objectNode();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> p = it.next();
          if (depth < 4 && (required.contains(p.getKey()) || random.nextInt(3) == 0)) {
            o.set(p.getKey(), special(p.getKey()).orElseGet(() -> valid(p.getValue(), depth + 1)));
          }
        }
        return o;
      }
      case "array" -> {
        ArrayNode a = nodes.arrayNode();
        int n = Math.max(schema.path("minItems").asInt(0), random.nextInt(3));
        for (int i = 0; i < n && depth < 4; i++) {
          a.add(valid(schema.path("items"), depth + 1));
        }
        return a;
      }
      case "integer" -> {
        long min = schema.path("minimum").asLong(0);
        long max = schema.path("maximum").asLong(min + 2000);
        return nodes.numberNode(min + (long) (random.nextDouble() * (max - min + 1)));
      }
      case "number" -> {
        double min = schema.path("minimum").asDouble(-500);
        double max = schema.path("maximum").asDouble(2000);
        return nodes.numberNode(min + random.nextDouble() * (max - min));
      }
      case "boolean" -> {
        return nodes.booleanNode(random.nextBoolean());
      }
      default -> {
        return nodes.textNode(
            schema.has("pattern") ? "fz" + random.nextInt(6) : "text " + random.nextInt(100));
      }
    }
  }

  /** Values a plain schema says too little of: ids, colours, sources, URLs, times, resolutions. */
  private java.util.Optional<JsonNode> special(String field) {
    return java.util.Optional.ofNullable(
        switch (field) {
          case "id" ->
              nodes.textNode(
                  random.nextInt(8) == 0
                      ? pick(BAD_IDS)
                      : random.nextBoolean() ? pick(layers) : "fz" + random.nextInt(6));
          case "color", "strokeColor" ->
              nodes.textNode(
                  List.of("#FF0000", "red", "#12345678", "#GGG", "rgb(1,2,3)", "")
                      .get(random.nextInt(6)));
          case "src" ->
              nodes.textNode(
                  List.of(
                          "tone:440",
                          "tone:5",
                          "asset:" + "a".repeat(64),
                          "asset:../x",
                          "data:image/png;base64,AAAA",
                          "http://127.0.0.1/x.png",
                          "file:/etc/passwd")
                      .get(random.nextInt(7)));
          case "url" -> nodes.textNode(pick(HOSTILE_URLS));
          case "resolution" ->
              nodes.textNode(
                  List.of("320x180", "7680x4320", "99999x99999", "0x0", "x", "1921x1080")
                      .get(random.nextInt(6)));
          case "time", "countdownTo" ->
              nodes.textNode(
                  List.of(
                          "2026-12-03T12:00:00Z",
                          "yesterday",
                          "+999999999-12-31T23:59:59Z",
                          "-999999999-01-01T00:00:00Z")
                      .get(random.nextInt(4)));
          case "timeZone" ->
              nodes.textNode(
                  List.of("UTC", "Europe/Paris", "Mars/Olympus", "../../etc")
                      .get(random.nextInt(4)));
          case "format" ->
              nodes.textNode(
                  List.of("HH:mm:ss", "'", "HHHHHHHHHH".repeat(30), "uuuu-MM-dd'T'HH:mm:ss.SSS")
                      .get(random.nextInt(4)));
          case "scopes" -> {
            ArrayNode a = nodes.arrayNode();
            a.add(
                List.of(
                        "read",
                        "admin",
                        "stream:fz0:write",
                        "stream:fz1:read",
                        "stream:..:write",
                        "root")
                    .get(random.nextInt(6)));
            yield a;
          }
          default -> null;
        });
  }

  /** One spoiling step somewhere in the value. */
  private JsonNode spoil(JsonNode value, int depth) {
    if (value.isObject() && value.size() > 0 && depth < 6 && random.nextInt(3) > 0) {
      ObjectNode o = ((ObjectNode) value).deepCopy();
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      String name = names.get(random.nextInt(names.size()));
      switch (random.nextInt(4)) {
        case 0 -> o.remove(name);
        case 1 -> o.set(pick(ODD_STRINGS) + random.nextInt(9), scalar());
        default -> o.set(name, spoil(o.get(name), depth + 1));
      }
      return o;
    }
    if (value.isArray() && value.size() > 0 && depth < 6 && random.nextBoolean()) {
      ArrayNode a = ((ArrayNode) value).deepCopy();
      int i = random.nextInt(a.size());
      a.set(i, spoil(a.get(i), depth + 1));
      if (random.nextInt(4) == 0) {
        for (int n = 0; n < 300; n++) {
          a.add(a.get(0));
        }
      }
      return a;
    }
    return scalar();
  }

  private JsonNode scalar() {
    return switch (random.nextInt(14)) {
      case 0 -> nodes.nullNode();
      case 1 -> nodes.numberNode(1e308);
      case 2 -> nodes.numberNode(-1e308);
      case 3 -> nodes.numberNode(Long.MAX_VALUE);
      case 4 -> nodes.numberNode(-0.0);
      case 5 -> nodes.numberNode(new java.math.BigInteger("9".repeat(400)));
      case 6 -> nodes.textNode("x".repeat(1 << (10 + random.nextInt(8))));
      case 7 -> nodes.textNode(pick(ODD_STRINGS));
      case 8 -> nodes.textNode(pick(HOSTILE_URLS));
      case 9 -> nodes.booleanNode(true);
      case 10 -> nodes.arrayNode().add(1).add("a");
      case 11 -> {
        ObjectNode deep = nodes.objectNode();
        ObjectNode at = deep;
        for (int i = 0; i < 200; i++) {
          at = at.putObject("n");
        }
        yield deep;
      }
      case 12 -> nodes.numberNode(random.nextInt() - (long) Integer.MAX_VALUE);
      default -> nodes.textNode(pick(BAD_IDS));
    };
  }

  private JsonNode bodySchema(JsonNode operation) {
    JsonNode body = resolve(operation.path("requestBody"));
    JsonNode content = body.path("content");
    JsonNode schema = content.path("application/json").path("schema");
    if (schema.isMissingNode()) {
      schema = content.path("application/merge-patch+json").path("schema");
    }
    return schema.isMissingNode() ? null : schema;
  }

  private JsonNode resolve(JsonNode node) {
    JsonNode at = node;
    for (int i = 0; i < 10 && at.has("$ref"); i++) {
      JsonNode target = openapi;
      for (String part : at.get("$ref").asText().substring(2).split("/")) {
        target = target.path(part);
      }
      at = target;
    }
    return at;
  }

  private <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
