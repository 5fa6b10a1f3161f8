package io.streammanager.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.streammanager.gateway.json.FieldProblem;
import java.util.List;

/**
 * Answers with RFC 9457 problem details ({@code application/problem+json}) naming the fields at
 * fault.
 */
final class Problems {
  static final String CONTENT_TYPE = "application/problem+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  static void send(
      ServerResponse res,
      Status status,
      String type,
      String title,
      String detail,
      List<FieldProblem> errors) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
    res.send(body(status, type, title, detail, errors, null));
  }

  static String body(
      Status status,
      String type,
      String title,
      String detail,
      List<FieldProblem> errors,
      String commandId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "https://stream-manager.dev/problems/" + type);
    body.put("title", title);
    body.put("status", status.code());
    body.put("detail", detail);
    if (!errors.isEmpty()) {
      ArrayNode list = body.putArray("errors");
      for (FieldProblem p : errors) {
        list.addObject().put("field", p.field()).put("message", p.message());
      }
    }
    if (commandId != null) {
      body.put("commandId", commandId);
    }
    return body.toString();
  }

  static void invalid(ServerResponse res, String title, List<FieldProblem> errors) {
    String detail =
        errors.size() == 1
            ? errors.getFirst().message()
            : errors.size()
                + " problems: "
                + String.join("; ", errors.stream().map(FieldProblem::message).toList());
    send(res, Status.BAD_REQUEST_400, "invalid-request", title, detail, errors);
  }
}
