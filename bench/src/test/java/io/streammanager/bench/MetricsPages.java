package io.streammanager.bench;

/**
 * /metrics pages as the services' Micrometer registries write them (Prometheus text), cut down to a
 * few buckets.
 */
final class MetricsPages {
  private MetricsPages() {}

  /**
   * The encoder's: ten changes on air (seven in 67-89 ms, two by 447 ms, one beyond every bucket),
   * two hops.
   */
  static final String ENCODER =
      """
      # HELP sm_e2e_hop_seconds one hop of the accept-to-air latency
      # TYPE sm_e2e_hop_seconds summary
      sm_e2e_hop_seconds_count{hop="accepted_to_applied",service="encoder-worker"} 2
      sm_e2e_hop_seconds_sum{hop="accepted_to_applied",service="encoder-worker"} 0.04
      sm_e2e_hop_seconds_count{hop="tick_to_rendered",service="encoder-worker"} 1
      sm_e2e_hop_seconds_sum{hop="tick_to_rendered",service="encoder-worker"} 0.06
      # HELP sm_e2e_hop_seconds_max one hop of the accept-to-air latency
      # TYPE sm_e2e_hop_seconds_max gauge
      sm_e2e_hop_seconds_max{hop="accepted_to_applied",service="encoder-worker"} 0.025
      sm_e2e_hop_seconds_max{hop="tick_to_rendered",service="encoder-worker"} 0.06
      # HELP sm_e2e_latency_seconds from the gateway accepting a command to the first encoded frame that shows it
      # TYPE sm_e2e_latency_seconds histogram
      sm_e2e_latency_seconds_bucket{service="encoder-worker",le="0.067108864"} 0
      sm_e2e_latency_seconds_bucket{service="encoder-worker",le="0.089478485"} 7
      sm_e2e_latency_seconds_bucket{service="encoder-worker",le="0.447392426"} 9
      sm_e2e_latency_seconds_bucket{service="encoder-worker",le="30.0"} 9
      sm_e2e_latency_seconds_bucket{service="encoder-worker",le="+Inf"} 10
      sm_e2e_latency_seconds_count{service="encoder-worker"} 10
      sm_e2e_latency_seconds_sum{service="encoder-worker"} 41.36
      # HELP sm_e2e_latency_seconds_max from the gateway accepting a command to the first encoded frame that shows it
      # TYPE sm_e2e_latency_seconds_max gauge
      sm_e2e_latency_seconds_max{service="encoder-worker"} 40.0
      """;

  /** Layer-service's: commands applied, and rejected for two reasons. */
  static final String LAYER_SERVICE =
      """
      # HELP process_uptime_seconds The uptime of the Java virtual machine
      # TYPE process_uptime_seconds gauge
      process_uptime_seconds 12.5
      # HELP sm_commands_applied_total commands applied
      # TYPE sm_commands_applied_total counter
      sm_commands_applied_total{service="layer-service"} 2600.0
      # HELP sm_commands_applied_total_bytes what a longer name that starts the same looks like
      # TYPE sm_commands_applied_total_bytes counter
      sm_commands_applied_total_bytes{service="layer-service"} 1.0E7
      # HELP sm_commands_rejected_total commands rejected
      # TYPE sm_commands_rejected_total counter
      sm_commands_rejected_total{reason="unknown_layer",service="layer-service"} 3.0
      sm_commands_rejected_total{reason="invalid",service="layer-service"} 69.0
      """;
}
