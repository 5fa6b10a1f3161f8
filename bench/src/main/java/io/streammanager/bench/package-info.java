/**
 * Benchmarks of the whole platform against a stack the launcher started ({@code ./stream-manager
 * bench NAME}): they drive it through its HTTP API, as an operator would, and read what it reports
 * ({@code /metrics} pages, stream status) and what its processes cost (/proc, the broker and
 * redis-server included). {@code pipeline} measures against Debian's ffmpeg doing the same job,
 * {@code gateway} loads the gateway with Debian's wrk, {@code e2e} times layer changes from
 * acceptance to air, {@code soak} keeps the reference scene live for minutes. Each prints {@code
 * name value} lines on stdout (progress on stderr). Imports no service.
 */
package io.streammanager.bench;
