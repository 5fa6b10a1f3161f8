package io.streammanager.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.streammanager.gateway.json.FieldProblem;
import io.streammanager.proto.Command;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How every mutation is answered: {@code If-Match} (optimistic concurrency, 412), {@code Idempotency-Key} (a repeat
 * gets the first answer and applies nothing twice), {@code ?wait=true} (answer once layer-service decided), otherwise
 * {@code 202} with the command id and a {@code Location} to poll.
 */
final class Mutations {
  private static final int IDEMPOTENCY_KEYS = 10_000;
  private final CommandSender sender;
  private final CommandTracker tracker;
  private final ReadModel state;
  private final Duration waitLimit;
  private final Map<String, Answer> answers = java.util.Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
          return size() > IDEMPOTENCY_KEYS;
        }
      });

  private record Answer(Status status, String body, String location, String contentType) {}

  Mutations(CommandSender sender, CommandTracker tracker, ReadModel state, Duration waitLimit) {
    this.sender = sender;
    this.tracker = tracker;
    this.state = state;
    this.waitLimit = waitLimit;
  }

  void send(ServerRequest req, ServerResponse res, String streamId, String issuedBy, Command.Builder command) {
    Optional<String> key = req.headers().first(HeaderNames.create("Idempotency-Key"));
    String cacheKey = key.map(k -> issuedBy + "\n" + req.prologue().method().text() + "\n" + req.path().path()
        + "\n" + k).orElse(null);
    if (cacheKey != null) {
      Answer first = answers.get(cacheKey);
      if (first != null) {
        replay(res, first);
        return;
      }
    }
    Optional<String> ifMatch = req.headers().first(HeaderNames.IF_MATCH);
    if (ifMatch.isPresent()) {
      String raw = ifMatch.get().replace("\"", "").replace("W/", "").trim();
      long expected;
      try {
        expected = Long.parseLong(raw);
      } catch (NumberFormatException e) {
        Problems.invalid(res, "Invalid If-Match", List.of(new FieldProblem("/If-Match",
            "If-Match must be a state version (a number), was '" + ifMatch.get() + "'")));
        return;
      }
      long current = state.version(streamId);
      if (current != expected) {
        Problems.send(res, Status.PRECONDITION_FAILED_412, "version-mismatch", "Version mismatch",
            "the stream is at version " + current + ", not " + expected, List.of());
        return;
      }
      command.setExpectedVersion(expected);
    }
    String commandId = java.util.UUID.randomUUID().toString();
    boolean wait = Http.query(req, "wait");
    CompletableFuture<CommandTracker.Decision> decision = tracker.expect(commandId, streamId);
    try {
      sender.send(streamId, issuedBy, command.setCommandId(commandId));
    } catch (CommandSender.CommandNotStoredException e) {
      tracker.forget(commandId);
      Problems.send(res, Status.SERVICE_UNAVAILABLE_503, "command-not-stored", "Command not stored",
          "Kafka did not acknowledge the command; nothing was changed. Retry later.", List.of());
      return;
    }
    Answer answer = wait ? awaited(commandId, decision) : pending(commandId);
    if (!wait) {
      tracker.forget(commandId);
    }
    if (cacheKey != null) {
      answers.put(cacheKey, answer);
    }
    replay(res, answer);
  }

  private Answer awaited(String commandId, CompletableFuture<CommandTracker.Decision> decision) {
    try {
      CommandTracker.Decision d = decision.get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
      if (d.applied()) {
        ObjectNode body = Http.JSON.createObjectNode().put("commandId", commandId).put("status", "applied")
            .put("stateVersion", d.stateVersion());
        return new Answer(Status.OK_200, body.toString(), location(commandId), "application/json");
      }
      Status status = Rejections.status(d.field(), d.reason());
      return new Answer(status, Problems.body(status, "command-rejected", "Command rejected", d.reason(),
          List.of(new FieldProblem(d.field(), d.reason())), commandId), location(commandId),
          Problems.CONTENT_TYPE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return pending(commandId);
    } catch (ExecutionException | TimeoutException e) {
      tracker.forget(commandId);
      return pending(commandId);
    }
  }

  private static Answer pending(String commandId) {
    ObjectNode body = Http.JSON.createObjectNode().put("commandId", commandId).put("status", "pending");
    return new Answer(Status.ACCEPTED_202, body.toString(), location(commandId), "application/json");
  }

  private static String location(String commandId) {
    return "/api/commands/" + commandId;
  }

  private static void replay(ServerResponse res, Answer a) {
    res.status(a.status());
    res.header(HeaderNames.LOCATION, a.location());
    res.header(HeaderNames.CONTENT_TYPE, a.contentType());
    res.send(a.body());
  }
}
