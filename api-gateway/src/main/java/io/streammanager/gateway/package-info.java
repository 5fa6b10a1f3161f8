/**
 * api-gateway: the HTTP API of the seed ({@code /api/layers}, {@code /api/stream/control}, {@code
 * /api/stream/status}) acting on stream {@code default}. Requests are checked here and answered
 * with RFC 9457 problem+json when wrong; good ones become {@link io.streammanager.proto.Command}s
 * on Kafka. Status is folded from the events topic by the {@link
 * io.streammanager.gateway.StatusBoard}.
 */
package io.streammanager.gateway;
