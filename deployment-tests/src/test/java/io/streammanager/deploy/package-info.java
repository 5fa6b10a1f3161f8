/**
 * Checks of the ways to run Stream Manager beyond one machine, each with the real tool: the four
 * Jib image tarballs (read as OCI layouts, then started from their own root file system against a
 * real broker and redis-server), {@code compose/docker-compose.yml} ({@code docker-compose config})
 * and the Helm chart ({@code helm lint}, {@code helm template}). A missing tool fails the test with
 * the command that installs it.
 */
package io.streammanager.deploy;
