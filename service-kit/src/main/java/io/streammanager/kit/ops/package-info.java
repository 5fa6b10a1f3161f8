/**
 * Operations endpoints every service serves: Prometheus text at {@code /metrics}, readiness at
 * {@code /health}.
 */
package io.streammanager.kit.ops;
