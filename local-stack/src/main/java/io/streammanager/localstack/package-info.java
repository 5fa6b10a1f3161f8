/**
 * The local stack that tests and the launcher's {@code ./stream-manager demo} / {@code up} run
 * against: a real single-node KRaft Kafka broker in this JVM ({@link
 * io.streammanager.localstack.KafkaBroker}) and a real {@code redis-server} subprocess ({@link
 * io.streammanager.localstack.RedisServer}), each {@link java.lang.AutoCloseable} and started with
 * a time limit. {@link io.streammanager.localstack.LocalStack} drives both together and {@link
 * io.streammanager.localstack.LocalStackMain} runs them as one long-lived process that prints
 * {@code local-stack ready ...} when both answer. No service's main code depends on this package:
 * the broker's jars (scala-library and friends) stay in this module.
 */
package io.streammanager.localstack;
