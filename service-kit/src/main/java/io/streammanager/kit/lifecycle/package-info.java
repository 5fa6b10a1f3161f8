/**
 * The small lifecycle contract every service implements ({@link
 * io.streammanager.kit.lifecycle.Service}) and the runner that {@code main} methods, the launcher
 * and tests share: logging, configuration errors, ops endpoints, graceful shutdown on SIGTERM.
 */
package io.streammanager.kit.lifecycle;
