package io.streammanager.layers;

import io.streammanager.kit.config.PlatformConfig;
import io.streammanager.kit.redis.StateStore;
import io.streammanager.proto.Command;
import io.streammanager.proto.CommandRecord;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamState;
import io.streammanager.proto.Topic;
import io.streammanager.proto.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Rebuilds streams' state in Redis from Kafka alone: the command log ({@code sm.commands}) replayed
 * through the same {@link CommandApplier}, with the inputs each decision had ({@code sm.decisions}:
 * the time, the next frame, and which scheduled commands the frame clock applied when), gives the
 * same state versions, byte for byte. Every replayed version is checked against the version its
 * decision recorded. Writes the snapshots, the history and the assets back; a head or position
 * newer than the rebuilt one (layer-service went on meanwhile) is kept.
 */
final class Rebuild {
  /** What was rebuilt for one stream. */
  record Result(String streamId, int decisions, long version, boolean deleted, String checksum) {}

  private final String bootstrap;
  private final StateStore store;
  private final CommandApplier applier;
  private final AssetIntake assets;
  private final String commandLogId;

  Rebuild(
      String bootstrap,
      StateStore store,
      StreamConfig defaults,
      PlatformConfig.AssetLimits limits,
      String commandLogId) {
    this.bootstrap = bootstrap;
    this.store = store;
    this.applier = new CommandApplier(defaults);
    this.assets = new AssetIntake(StreamStore.redis(store), limits);
    this.commandLogId = commandLogId;
  }

  /**
   * Rebuilds the given streams, or every stream the decision log knows when {@code streamIds} is
   * empty.
   */
  List<Result> run(List<String> streamIds, Consumer<String> progress) {
    Map<String, List<CommandRecord>> decisions = new LinkedHashMap<>();
    readAll(
        Topics.DECISIONS,
        (rec, r) -> {
          if (streamIds.isEmpty() || streamIds.contains(r.getStreamId())) {
            decisions.computeIfAbsent(r.getStreamId(), k -> new ArrayList<>()).add(r);
          }
        });
    progress.accept(
        "read "
            + decisions.values().stream().mapToInt(List::size).sum()
            + " decisions of "
            + decisions.size()
            + " stream(s) from "
            + Topics.DECISIONS.name());
    Map<String, Map<Long, Command>> commands = new HashMap<>();
    readAll(
        Topics.COMMANDS,
        (rec, c) -> {
          if (decisions.containsKey(c.getStreamId())) {
            commands.computeIfAbsent(c.getStreamId(), k -> new HashMap<>()).put(rec.offset(), c);
          }
        });
    List<Result> out = new ArrayList<>();
    for (String id : streamIds.isEmpty() ? List.copyOf(decisions.keySet()) : streamIds) {
      Result r =
          replay(id, decisions.getOrDefault(id, List.of()), commands.getOrDefault(id, Map.of()));
      progress.accept(
          "stream "
              + id
              + ": "
              + r.decisions()
              + " decisions replayed -> "
              + (r.deleted() ? "deleted" : "version " + r.version() + ", sha256 " + r.checksum()));
      out.add(r);
    }
    return out;
  }

  private Result replay(String id, List<CommandRecord> decisions, Map<Long, Command> commands) {
    Optional<StreamState> state = Optional.empty();
    long lastOffset = -1;
    long lastDueFrame = Long.MIN_VALUE;
    String lastDueRun = "";
    for (CommandRecord d : decisions) {
      store.appendHistory(d);
      if (d.getDue()) {
        // The frame clock applied every command due in this frame at once: replay that once per
        // frame.
        if (d.getNextFrame() == lastDueFrame && d.getRunId().equals(lastDueRun)
            || state.isEmpty()) {
          continue;
        }
        lastDueFrame = d.getNextFrame();
        lastDueRun = d.getRunId();
        CommandApplier.DueResult due =
            applier.applyDue(state.get(), d.getNextFrame(), ProtoTime.toInstant(d.getAppliedAt()));
        if (!due.results().isEmpty()) {
          state = Optional.of(keep(due.state()));
        }
        continue;
      }
      if (d.getOffset() <= lastOffset) {
        continue; // decided twice (layer-service retried after a failure): the first decision
        // counts
      }
      lastOffset = d.getOffset();
      Command raw = commands.get(d.getOffset());
      if (raw == null) {
        throw new IllegalStateException(
            "stream "
                + id
                + ": the command log has no command at offset "
                + d.getOffset()
                + " (decision "
                + d.getCommandId()
                + ")");
      }
      if (d.getResult() == CommandRecord.Result.REJECTED) {
        continue; // a rejected command changes nothing
      }
      Command cmd = assets.intake(raw);
      Outcome outcome =
          applier.apply(
              state, cmd, d.getOffset(), ProtoTime.toInstant(d.getAppliedAt()), d.getNextFrame());
      switch (outcome) {
        case Outcome.Applied a -> {
          if (a.changed()) {
            state = Optional.of(keep(a.state()));
          }
          check(id, d, state);
        }
        case Outcome.Deleted x -> state = Optional.empty();
        case Outcome.Rejected r ->
            throw new IllegalStateException(
                "stream "
                    + id
                    + ": command "
                    + d.getCommandId()
                    + " was applied live but is rejected on replay: "
                    + r.field()
                    + " "
                    + r.reason());
      }
    }
    if (lastOffset >= 0) {
      store.restorePosition(id, commandLogId, lastOffset);
    }
    if (state.isEmpty()) {
      return new Result(id, decisions.size(), 0, true, "");
    }
    store.restoreHead(state.get());
    return new Result(
        id, decisions.size(), state.get().getVersion(), false, sha256(state.get().toByteArray()));
  }

  private StreamState keep(StreamState s) {
    StreamState withLog = s.toBuilder().setCommandLogId(commandLogId).build();
    store.writeVersion(withLog);
    return withLog;
  }

  private static void check(String id, CommandRecord d, Optional<StreamState> state) {
    long v = state.map(StreamState::getVersion).orElse(0L);
    if (v != d.getStateVersion()) {
      throw new IllegalStateException(
          "stream "
              + id
              + ": command "
              + d.getCommandId()
              + " made version "
              + d.getStateVersion()
              + " live but version "
              + v
              + " on replay");
    }
  }

  /**
   * The minted API keys as the key log ({@code sm.keys}) ends: each name's newest record, stored
   * again or, when revoked, removed. Returns how many names were restored and removed.
   */
  int[] restoreKeys() {
    Map<String, io.streammanager.proto.MintedKey> newest = new LinkedHashMap<>();
    readAll(Topics.KEYS, (rec, k) -> newest.put(k.getName(), k));
    Map<String, String> minted = new LinkedHashMap<>();
    java.util.Set<String> revoked = new java.util.TreeSet<>();
    newest
        .values()
        .forEach(
            k -> {
              if (k.getRevoked()) {
                revoked.add(k.getName());
              } else {
                minted.put(k.getName(), k.getValue());
              }
            });
    store.restoreApiKeys(minted, revoked);
    return new int[] {minted.size(), revoked.size()};
  }

  static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private <V extends com.google.protobuf.MessageLite> void readAll(
      Topic<V> topic, java.util.function.BiConsumer<ConsumerRecord<String, byte[]>, V> each) {
    Map<String, Object> settings =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            8 * 1024 * 1024,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class);
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(settings)) {
      List<TopicPartition> parts =
          c.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
      while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> rec : c.poll(Duration.ofMillis(200))) {
          if (rec.offset() < end.get(new TopicPartition(rec.topic(), rec.partition()))) {
            each.accept(rec, topic.parseValue(rec.value()));
          }
        }
      }
    }
  }
}
