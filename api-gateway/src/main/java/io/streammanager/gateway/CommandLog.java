package io.streammanager.gateway;

import io.streammanager.proto.Command;
import java.util.concurrent.CompletableFuture;

/**
 * Where commands go: the commands topic, keyed by stream ({@code (stream, c) ->
 * publisher.send(Topics.COMMANDS, stream, c)}); the future completes once the log has the command.
 */
@FunctionalInterface
interface CommandLog {
  CompletableFuture<?> append(String streamId, Command command);
}
