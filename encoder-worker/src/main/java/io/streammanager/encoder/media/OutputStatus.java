package io.streammanager.encoder.media;

/**
 * A snapshot of one output.
 *
 * @param url the output with its stream key hidden (file paths whole)
 * @param protocol rtmp, rtmps, srt, file or hls
 * @param state where it stands
 * @param bytesWritten bytes written over every connection, container included
 * @param reconnects how often it went into {@link OutputState#RECONNECTING}
 * @param packetsDropped packets dropped because its queue was full (it could not keep up)
 * @param error the last failure, empty once live again
 */
public record OutputStatus(
    String url,
    String protocol,
    OutputState state,
    long bytesWritten,
    long reconnects,
    long packetsDropped,
    String error) {}
