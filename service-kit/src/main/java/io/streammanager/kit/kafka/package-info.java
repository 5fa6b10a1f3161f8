/**
 * Kafka as every service uses it: idempotent {@code acks=all} publishing of typed topics, topic
 * creation, and a consumer loop that parses records itself so a malformed or unusable record
 * becomes a dead letter with its reason, never a dead consumer.
 */
package io.streammanager.kit.kafka;
