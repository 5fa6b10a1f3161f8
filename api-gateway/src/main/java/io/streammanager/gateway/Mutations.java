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
 * How every mutation is answered: {@code If-Match} (optimistic concurrency, 412), {@code
 * Idempotency-Key} (a repeat gets the first answer and applies nothing twice), {@code ?wait=true}
 * (answer once layer-service decided), otherwise {@code 202} with the command id and a {@code
 * Location} to poll.
 *
 * <p>An Idempotency-Key makes the command's id (derived from the caller, method, path and key), so
 * a repeat is the same command whichever gateway it reaches, before or after a restart: one this
 * gateway answered is answered from memory; one layer-service decided is answered from its decision
 * (kept in Redis for a day); one still in flight, or whose first answer was a 5xx, is sent again,
 * and layer-service, which knows the id, answers it with the first decision instead of applying it
 * twice.
 */
final class Mutations {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Mutations.class);
  private static final int IDEMPOTENCY_KEYS = 10_000;
  private final CommandSender sender;
  private final CommandTracker tracker;
  private final ReadModel state;
  private final Duration waitLimit;
  private final Map<String, CompletableFuture<Answer>> answers =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(
                Map.Entry<String, CompletableFuture<Answer>> eldest) {
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

  void send(
      ServerRequest req,
      ServerResponse res,
      String streamId,
      String issuedBy,
      Command.Builder command) {
    Optional<String> key = req.headers().first(HeaderNames.create("Idempotency-Key"));
    String cacheKey =
        key.map(
                k ->
                    issuedBy
                        + "\n"
                        + req.prologue().method().text()
                        + "\n"
                        + req.path().path()
                        + "\n"
                        + k)
            .orElse(null);
    CompletableFuture<Answer> mine = null;
    if (cacheKey != null) {
      // The first request with a key reserves it at once; a repeat (even while the first is still
      // waiting for its decision) gets the first answer and sends nothing.
      CompletableFuture<Answer> reserved = new CompletableFuture<>();
      CompletableFuture<Answer> first = answers.putIfAbsent(cacheKey, reserved);
      if (first != null) {
        try {
          replay(res, first.get(waitLimit.toMillis() + 5_000, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          Problems.send(
              res,
              Status.SERVICE_UNAVAILABLE_503,
              "interrupted",
              "Interrupted",
              "retry",
              List.of());
        } catch (ExecutionException | TimeoutException e) {
          Problems.send(
              res,
              Status.CONFLICT_409,
              "idempotency-key-in-use",
              "Idempotency key in use",
              "a request with this Idempotency-Key is still being handled; retry later",
              List.of());
        }
        return;
      }
      mine = reserved;
    }
    try {
      String commandId =
          cacheKey == null ? java.util.UUID.randomUUID().toString() : idempotentId(cacheKey);
      Answer answer =
          cacheKey == null
              ? decide(req, res, streamId, issuedBy, command, commandId)
              : state
                  .decision(commandId)
                  .map(d -> answerDecided(res, req, commandId, d))
                  .orElseGet(
                      () ->
                          decide(
                              req,
                              res,
                              streamId,
                              issuedBy,
                              command.setIdempotent(true),
                              commandId));
      if (mine != null) {
        if (answer == null || answer.status().code() >= 500) {
          answers.remove(cacheKey, mine);
          mine.cancel(false);
        } else {
          mine.complete(answer);
        }
      }
    } catch (RuntimeException e) {
      if (mine != null) {
        answers.remove(cacheKey, mine);
        mine.cancel(false);
      }
      throw e;
    }
  }

  /**
   * Sends the command and answers; returns the answer to remember, or null when it answered a
   * problem itself.
   */
  private Answer decide(
      ServerRequest req,
      ServerResponse res,
      String streamId,
      String issuedBy,
      Command.Builder command,
      String commandId) {
    Optional<String> ifMatch = req.headers().first(HeaderNames.IF_MATCH);
    if (ifMatch.isPresent()) {
      String raw = ifMatch.get().replace("\"", "").replace("W/", "").trim();
      long expected;
      try {
        expected = Long.parseLong(raw);
      } catch (NumberFormatException e) {
        Problems.invalid(
            res,
            "Invalid If-Match",
            List.of(
                new FieldProblem(
                    "/If-Match",
                    "If-Match must be a state version (a number), was '" + ifMatch.get() + "'")));
        return null;
      }
      long current = state.version(streamId);
      if (current != expected) {
        Problems.send(
            res,
            Status.PRECONDITION_FAILED_412,
            "version-mismatch",
            "Version mismatch",
            "the stream is at version " + current + ", not " + expected,
            List.of());
        return null;
      }
      command.setExpectedVersion(expected);
    }
    boolean wait = Http.query(req, "wait");
    CompletableFuture<CommandTracker.Decision> decision =
        tracker.expect(commandId, streamId, command);
    try (org.slf4j.MDC.MDCCloseable c = org.slf4j.MDC.putCloseable("commandId", commandId);
        org.slf4j.MDC.MDCCloseable s = org.slf4j.MDC.putCloseable("streamId", streamId)) {
      sender.send(streamId, issuedBy, command.setCommandId(commandId));
      LOG.debug(
          "accepted {} {} from {} for stream {}",
          command.getActionCase(),
          commandId,
          issuedBy,
          streamId);
    } catch (CommandSender.CommandTooLargeException e) {
      tracker.abandon(commandId);
      Problems.send(
          res,
          Status.REQUEST_ENTITY_TOO_LARGE_413,
          "too-large",
          "Command too large",
          e.getMessage(),
          List.of());
      return null;
    } catch (CommandSender.CommandNotStoredException e) {
      tracker.abandon(commandId);
      Problems.send(
          res,
          Status.SERVICE_UNAVAILABLE_503,
          "command-not-stored",
          "Command not stored",
          "Kafka did not acknowledge the command in time and it is no longer being sent; it was"
              + " most likely not stored. Retry with the same Idempotency-Key: a command is never"
              + " applied twice.",
          List.of());
      return null;
    }
    Answer answer = wait ? awaited(commandId, decision) : pending(commandId);
    if (!wait) {
      tracker.forget(commandId);
    }
    replay(res, answer);
    return answer;
  }

  private Answer awaited(String commandId, CompletableFuture<CommandTracker.Decision> decision) {
    try {
      CommandTracker.Decision d = decision.get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
      return d.applied()
          ? appliedAnswer(commandId, d.scheduled(), d.stateVersion())
          : rejectedAnswer(commandId, d.code(), d.field(), d.reason());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return pending(commandId);
    } catch (ExecutionException | TimeoutException e) {
      tracker.forget(commandId);
      return pending(commandId);
    }
  }

  /** The id of the command a keyed request makes: the same for every repeat, on every gateway. */
  static String idempotentId(String cacheKey) {
    return java.util
        .UUID
        .nameUUIDFromBytes(
            ("idempotency-key\n" + cacheKey).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }

  /** A repeat of a command layer-service decided: its decision, as the first request got it. */
  private static Answer answerDecided(
      ServerResponse res,
      ServerRequest req,
      String commandId,
      io.streammanager.proto.CommandRecord d) {
    Answer answer;
    if (!Http.query(req, "wait")) {
      answer = pending(commandId);
    } else if (d.getResult() == io.streammanager.proto.CommandRecord.Result.REJECTED) {
      answer = rejectedAnswer(commandId, d.getRejectionCode(), d.getField(), d.getReason());
    } else {
      answer =
          appliedAnswer(
              commandId,
              d.getResult() == io.streammanager.proto.CommandRecord.Result.SCHEDULED,
              d.getStateVersion());
    }
    replay(res, answer);
    return answer;
  }

  private static Answer appliedAnswer(String commandId, boolean scheduled, long version) {
    ObjectNode body =
        Http.JSON
            .createObjectNode()
            .put("commandId", commandId)
            .put("status", scheduled ? "scheduled" : "applied")
            .put("stateVersion", version);
    return new Answer(Status.OK_200, body.toString(), location(commandId), "application/json");
  }

  private static Answer rejectedAnswer(
      String commandId, io.streammanager.proto.RejectionCode code, String field, String reason) {
    Status status = Rejections.status(code);
    return new Answer(
        status,
        Problems.body(
            status,
            "command-rejected",
            "Command rejected",
            reason,
            List.of(new FieldProblem(field, reason)),
            commandId),
        location(commandId),
        Problems.CONTENT_TYPE);
  }

  private static Answer pending(String commandId) {
    ObjectNode body =
        Http.JSON.createObjectNode().put("commandId", commandId).put("status", "pending");
    return new Answer(
        Status.ACCEPTED_202, body.toString(), location(commandId), "application/json");
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
