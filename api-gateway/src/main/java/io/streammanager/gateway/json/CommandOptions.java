package io.streammanager.gateway.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammanager.proto.At;
import io.streammanager.proto.Command;
import io.streammanager.proto.Easing;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.Transition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The top-level fields that describe a command rather than a layer: {@code "at"} (schedule) and
 * {@code "transition"} (tween), accepted next to a layer's properties or next to {@code
 * operations}.
 */
public final class CommandOptions {
  public static final Set<String> NAMES = Set.of("at", "transition");

  /** linear, easeInQuad, easeOutQuad, easeInOutQuad, ... easeInOutBounce. */
  public static final List<String> EASINGS =
      Arrays.stream(Easing.values())
          .filter(e -> e != Easing.UNRECOGNIZED)
          .map(
              e ->
                  e == Easing.EASING_LINEAR
                      ? "linear"
                      : "ease" + capitalize(Fields.camel(e.name(), "EASING_")))
          .toList();

  private CommandOptions() {}

  /** Reads {@code at} and {@code transition} into the command, adding problems for bad values. */
  public static void read(JsonNode body, Command.Builder command, List<FieldProblem> problems) {
    Fields f = new Fields(body, "", problems);
    if (f.has("transition")) {
      Fields t = f.child("transition");
      t.onlyKnown(List.of("durationMs", "easing"), "transition");
      Transition.Builder tr = Transition.newBuilder().setEasing(Easing.EASING_LINEAR);
      if (!t.has("durationMs")) {
        t.problem("durationMs", "durationMs is required: 0 to 600000");
      }
      t.integer("durationMs", 0, 600_000, v -> tr.setDurationMs((int) v));
      t.choice("easing", EASINGS).ifPresent(i -> tr.setEasing(Easing.forNumber(i)));
      command.setTransition(tr);
    }
    if (f.has("at")) {
      Fields a = f.child("at");
      a.onlyKnown(List.of("frame", "time"), "at");
      boolean frame = a.has("frame");
      boolean time = a.has("time");
      if (frame == time) {
        problems.add(
            new FieldProblem(
                "/at", "at needs exactly one of {\"frame\": N} or {\"time\": \"<ISO-8601 UTC>\"}"));
      } else if (frame) {
        a.integer("frame", 0, Long.MAX_VALUE / 2, v -> command.setAt(At.newBuilder().setFrame(v)));
      } else {
        a.text("time")
            .ifPresent(
                raw -> {
                  try {
                    command.setAt(At.newBuilder().setTime(ProtoTime.of(Instant.parse(raw))));
                  } catch (DateTimeParseException e) {
                    a.problem(
                        "time",
                        "time must be an ISO-8601 UTC instant like 2026-11-26T18:00:00.000Z, was '"
                            + raw
                            + "'");
                  }
                });
      }
    }
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
