package io.streammanager.gateway;

/**
 * The status of one stream as {@code GET /api/stream/status} shows it.
 *
 * @param state stopped|starting|live|stopping|error
 */
public record StreamStatus(String streamId, String state, long framesRendered, long framesEncoded,
    long framesDropped, long stateVersion, int layers, String output, String runId, long currentFrame,
    String error) {}
