package io.streammanager.localstack;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@code server.properties} of a single-node KRaft broker that is its own controller: every
 * internal topic has replication factor 1 (a single node cannot hold more), consumer groups
 * rebalance without delay, and topics are never created by accident.
 */
final class BrokerProperties {

  /** Largest record batch the broker accepts (raw video frames are several MiB). */
  static final int MESSAGE_MAX_BYTES = 8 * 1024 * 1024;

  static final int NODE_ID = 1;

  private BrokerProperties() {}

  static Properties of(String host, int port, int controllerPort, Path logDir, int numPartitions) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(NODE_ID));
    p.setProperty("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    p.setProperty(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", logDir.toAbsolutePath().toString());

    p.setProperty("num.partitions", Integer.toString(numPartitions));
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("message.max.bytes", Integer.toString(MESSAGE_MAX_BYTES));

    // Internal topics: one replica each, and one partition, so the first group or transaction is
    // quick.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.num.partitions", "1");

    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("group.streams.initial.rebalance.delay.ms", "0");
    // Encoders use a 2 s session so a standby takes a dead encoder's streams over within 5 s
    // (Kafka's default floor is 6 s).
    p.setProperty("group.min.session.timeout.ms", "1000");

    // The log cleaner allocates this buffer up front (default 128 MiB); a dev broker's compacted
    // topics are tiny.
    p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
    return p;
  }
}
