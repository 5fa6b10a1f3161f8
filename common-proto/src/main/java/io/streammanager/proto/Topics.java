package io.streammanager.proto;

import java.util.List;
import java.util.Map;

/**
 * Every Kafka topic of the platform, in one place: producers and consumers use these constants,
 * never literals.
 */
public final class Topics {

  /**
   * Largest record we write; chunks of a frame stay below it. The frames topic allows a little
   * more.
   */
  public static final int MAX_RECORD_BYTES = 1024 * 1024;

  /**
   * Operator commands, key = stream id, so the commands of one stream keep their order. Kept
   * forever (the command log is the source of truth for replays).
   */
  public static final Topic<Command> COMMANDS =
      new Topic<>(
          "sm.commands",
          6,
          Map.of("retention.ms", "-1", "cleanup.policy", "delete"),
          Command.parser());

  /**
   * One tick per frame to draw, key = "stream/frame", so frames spread over partitions and render
   * workers.
   */
  public static final Topic<Tick> TICKS =
      new Topic<>(
          "sm.ticks", 12, Map.of("retention.ms", String.valueOf(60 * 60 * 1000L)), Tick.parser());

  /**
   * Compressed YUV frames in chunks, key = stream id, so one encoder sees a stream's frames in one
   * partition.
   */
  public static final Topic<FrameChunk> FRAMES =
      new Topic<>(
          "sm.frames",
          6,
          Map.of(
              "retention.ms",
              String.valueOf(10 * 60 * 1000L),
              "max.message.bytes",
              String.valueOf(MAX_RECORD_BYTES + 64 * 1024)),
          FrameChunk.parser());

  /**
   * Applied/rejected commands and status, key = stream id; the gateway turns them into status and
   * WebSocket events.
   */
  public static final Topic<StreamEvent> EVENTS =
      new Topic<>(
          "sm.events",
          6,
          Map.of("retention.ms", String.valueOf(24 * 60 * 60 * 1000L)),
          StreamEvent.parser());

  /**
   * Every decision layer-service made about a command ({@link CommandRecord}: applied, scheduled,
   * rejected, with the time and frame it was decided at), key = stream id. Kept forever like the
   * command log: with it, the commands replay to the exact same states ({@code replay rebuild});
   * the history in Redis is a view of it.
   */
  public static final Topic<CommandRecord> DECISIONS =
      new Topic<>(
          "sm.decisions",
          6,
          Map.of("retention.ms", "-1", "cleanup.policy", "delete"),
          CommandRecord.parser());

  /**
   * Render jobs: ticks of past frames to draw on demand ({@link Tick#getJobId()} set), key = job
   * id, so the jobs spread over every render worker. Apart from {@link #TICKS} so live frames never
   * wait behind a replay; short-lived (a job that is not drawn within seconds has been given up by
   * whoever asked).
   */
  public static final Topic<Tick> JOB_TICKS =
      new Topic<>(
          "sm.jobs.ticks",
          6,
          Map.of("retention.ms", String.valueOf(10 * 60 * 1000L)),
          Tick.parser());

  /**
   * The frames of render jobs ({@link FrameChunk#getJobId()} set), key = job id. Apart from {@link
   * #FRAMES} so the live encoder never sees them; read by whoever asked for the job (the gateway,
   * {@code replay render}).
   */
  public static final Topic<FrameChunk> JOB_FRAMES =
      new Topic<>(
          "sm.jobs.frames",
          6,
          Map.of(
              "retention.ms",
              String.valueOf(10 * 60 * 1000L),
              "max.message.bytes",
              String.valueOf(MAX_RECORD_BYTES + 64 * 1024)),
          FrameChunk.parser());

  /**
   * Frames asked for again ({@link RedrawRequest}: the tick and the worker that draws it), key =
   * stream id. One partition: requests are rare and small, and every render worker reads them all
   * (no group), so a dead worker's partitions never hide a request from the living.
   */
  public static final Topic<RedrawRequest> REDRAWS =
      new Topic<>(
          "sm.redraws",
          1,
          Map.of("retention.ms", String.valueOf(10 * 60 * 1000L)),
          RedrawRequest.parser());

  /**
   * Minted API keys and their revocations ({@link MintedKey}), key = key name, compacted: the
   * newest record of each name is kept for good, so {@code replay rebuild} restores the keys.
   */
  public static final Topic<MintedKey> KEYS =
      new Topic<>(
          "sm.keys",
          1,
          Map.of("cleanup.policy", "compact", "retention.ms", "-1"),
          MintedKey.parser());

  /** Records a consumer could not use, with the reason. */
  public static final Topic<DeadLetter> DEAD_LETTERS =
      new Topic<>(
          "sm.dead-letters",
          1,
          Map.of(
              "retention.ms",
              String.valueOf(7 * 24 * 60 * 60 * 1000L),
              "max.message.bytes",
              String.valueOf(MAX_RECORD_BYTES + 128 * 1024)),
          DeadLetter.parser());

  /** All topics, for creating them at start. */
  public static final List<Topic<?>> ALL =
      List.of(
          COMMANDS,
          TICKS,
          FRAMES,
          EVENTS,
          DECISIONS,
          JOB_TICKS,
          JOB_FRAMES,
          REDRAWS,
          KEYS,
          DEAD_LETTERS);

  private Topics() {}

  /** Key of a tick: spreads the frames of one stream over every partition. */
  public static String tickKey(String streamId, long frame) {
    return streamId + "/" + frame;
  }
}
