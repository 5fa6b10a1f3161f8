/** Redis through Redisson: the immutable, versioned stream snapshots and the content-addressed assets. */
package io.streammanager.kit.redis;
