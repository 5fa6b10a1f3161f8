/**
 * Benchmarks of the whole platform, each against an outside reference in the same run: they drive a stack the
 * launcher started ({@code ./stream-manager bench NAME}) through its HTTP API, measure every process of it from /proc
 * (CPU seconds, the broker and redis-server included), run Debian's ffmpeg on the same job, and print {@code name value}
 * lines on stdout (progress on stderr). Imports no service: only the API, as an operator would.
 */
package io.streammanager.bench;
