/**
 * The JSON forms of the API: layers ({@link io.streammanager.gateway.json.LayerCodec}), streams
 * ({@link io.streammanager.gateway.json.StreamCodec}), transitions and schedules ({@link
 * io.streammanager.gateway.json.CommandOptions}). Reading reports every problem at once, each with
 * the JSON pointer of the field, the bad value and what is allowed.
 */
package io.streammanager.gateway.json;
