/**
 * Redis through Redisson: the immutable, versioned stream snapshots and the content-addressed
 * assets ({@link io.streammanager.kit.redis.StateStore}), the stream's past as history and
 * snapshots tell it (runs, the version in a frame: {@link io.streammanager.kit.redis.Timeline}) and
 * the checksums of the frames that aired ({@link io.streammanager.kit.redis.AiredFrames}).
 */
package io.streammanager.kit.redis;
