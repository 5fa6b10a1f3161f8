package io.streammanager.layers;

import com.google.protobuf.TextFormat;
import com.google.protobuf.Timestamp;
import io.streammanager.proto.At;
import io.streammanager.proto.AudioConfig;
import io.streammanager.proto.BatchOperation;
import io.streammanager.proto.BlendMode;
import io.streammanager.proto.ClockFace;
import io.streammanager.proto.ColorFill;
import io.streammanager.proto.Command;
import io.streammanager.proto.Crop;
import io.streammanager.proto.Easing;
import io.streammanager.proto.EllipseShape;
import io.streammanager.proto.ImageRef;
import io.streammanager.proto.Layer;
import io.streammanager.proto.LayerBatch;
import io.streammanager.proto.LayerPatch;
import io.streammanager.proto.LayerRemove;
import io.streammanager.proto.LayerUpsert;
import io.streammanager.proto.OutputConfig;
import io.streammanager.proto.ProtoTime;
import io.streammanager.proto.RectShape;
import io.streammanager.proto.ScheduleCancel;
import io.streammanager.proto.StreamConfig;
import io.streammanager.proto.StreamCreate;
import io.streammanager.proto.StreamDelete;
import io.streammanager.proto.StreamStart;
import io.streammanager.proto.StreamStop;
import io.streammanager.proto.StreamUpdate;
import io.streammanager.proto.TextBlock;
import io.streammanager.proto.TextStyle;
import io.streammanager.proto.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Random command logs for one stream, shaped to hit the interesting paths of {@link
 * CommandApplier}: layer ids from a pool of four so upserts replace and patches find their layer,
 * some invalid layers and configs, transitions, schedules (by frame and by time) and cancels of
 * earlier command ids, start/stop, deletes and If-Match versions.
 *
 * <p>Each log is a function of its seed: {@code log(17)} is the same log on every run and machine,
 * so a property that fails for a seed fails again for it.
 */
final class CommandLogs {
  static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
  static final StreamConfig DEFAULTS = config(640, 360, 30, "var/recordings/{stream}-{run}.flv");
  private static final int MAX_COMMANDS = 40;
  private static final List<String> LAYER_IDS = List.of("a", "b", "c", "d");
  private static final List<Easing> EASINGS =
      Arrays.stream(Easing.values()).filter(e -> e != Easing.UNRECOGNIZED).toList();
  private static final List<Double> COORDINATES = List.of(0.0, 10.0, 100.5, -40.0, 960.0);
  private static final List<StreamConfig> INVALID_CONFIGS =
      List.of(
          config(641, 360, 30, "x.flv"),
          config(640, 360, 0, "x.flv"),
          config(640, 360, 30, "ftp://nope"),
          StreamConfig.newBuilder(DEFAULTS).clearOutputs().build(),
          StreamConfig.newBuilder(DEFAULTS)
              .setAudio(AudioConfig.newBuilder().setEnabled(true).setBitrateKbps(4))
              .build());

  /**
   * A command log of one stream: entry i has Kafka offset i and arrives {@code delayMs} after entry
   * i-1.
   */
  record CommandLog(String streamId, List<Entry> entries) {
    record Entry(Command command, long delayMs) {}

    /** The same log with the commands at these offsets left out (their time still passes). */
    CommandLog without(Set<Long> offsets) {
      List<Entry> kept = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        kept.add(
            offsets.contains((long) i)
                ? new Entry(null, entries.get(i).delayMs())
                : entries.get(i));
      }
      return new CommandLog(streamId, kept);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("stream ").append(streamId).append(":\n");
      for (int i = 0; i < entries.size(); i++) {
        Entry e = entries.get(i);
        b.append("  @")
            .append(i)
            .append(" +")
            .append(e.delayMs())
            .append("ms ")
            .append(
                e.command() == null
                    ? "(left out)"
                    : TextFormat.printer().emittingSingleLine(true).printToString(e.command()))
            .append('\n');
      }
      return b.toString();
    }
  }

  /**
   * The random choices a log is made of, drawn from a seeded {@link SplittableRandom}: one seed,
   * one sequence.
   */
  private static final class Gen {
    private final SplittableRandom random;

    Gen(long seed) {
      this.random = new SplittableRandom(seed);
    }

    /** A number from {@code min} to {@code max}, both included, each equally likely. */
    int between(int min, int max) {
      return random.nextInt(min, max + 1);
    }

    /** A number from {@code min} to {@code max}, both included, each equally likely. */
    long between(long min, long max) {
      return random.nextLong(min, max + 1);
    }

    /**
     * A number from {@code min} to {@code max}, both included, small ones likelier: the range is
     * cut at {@code min + range/3}, {@code min + range/9}, ... down to a part at most 20 wide; each
     * part is equally likely, and each number in it. Over 0 to 120, one number in three is below 13
     * and two in three are below 40.
     */
    long biased(long min, long max) {
      List<Long> cuts = new ArrayList<>(List.of(max + 1));
      for (long range = max - min; range > 20; range /= 3) {
        cuts.addFirst(min + range / 3);
      }
      int part = random.nextInt(cuts.size());
      return between(part == 0 ? min : cuts.get(part - 1), cuts.get(part) - 1);
    }

    /** One of {@code values}, each equally likely. */
    <T> T pick(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }

    /** A value drawn by {@code value} with probability {@code presence}, else empty. */
    <T> Optional<T> optional(double presence, Supplier<T> value) {
      return random.nextDouble() < presence ? Optional.of(value.get()) : Optional.empty();
    }

    /**
     * Between {@code minSize} and {@code maxSize} values (each size equally likely), each drawn by
     * {@code element}.
     */
    <T> List<T> list(int minSize, int maxSize, Supplier<T> element) {
      int size = between(minSize, maxSize);
      List<T> values = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        values.add(element.get());
      }
      return List.copyOf(values);
    }

    /**
     * The value of one of {@code choices}, taken with probability weight / total weight; only it is
     * drawn.
     */
    @SafeVarargs
    final <T> T frequency(Weighted<T>... choices) {
      int r = random.nextInt(Arrays.stream(choices).mapToInt(Weighted::weight).sum());
      for (Weighted<T> c : choices) {
        r -= c.weight();
        if (r < 0) {
          return c.value().get();
        }
      }
      throw new IllegalStateException("a draw below the total weight falls in one of the choices");
    }
  }

  /** A choice for {@link Gen#frequency}. */
  private record Weighted<T>(int weight, Supplier<T> value) {
    static <T> Weighted<T> of(int weight, Supplier<T> value) {
      return new Weighted<>(weight, value);
    }

    static <T> Weighted<T> just(int weight, T value) {
      return new Weighted<>(weight, () -> value);
    }
  }

  private CommandLogs() {}

  /** A command to {@code streamId} with this id, sent by "test" at {@link #T0}. */
  static Command.Builder command(String streamId, String commandId) {
    return Command.newBuilder()
        .setCommandId(commandId)
        .setStreamId(streamId)
        .setIssuedBy("test")
        .setIssuedAt(io.streammanager.proto.ProtoTime.of(T0));
  }

  /** Creates the stream with {@link #DEFAULTS}. */
  static StreamCreate createWithDefaults() {
    return StreamCreate.newBuilder().setConfig(DEFAULTS).build();
  }

  /** A 10x10 red layer "box" at the origin. */
  static LayerUpsert redBox() {
    return LayerUpsert.newBuilder()
        .setLayer(
            Layer.newBuilder()
                .setId("box")
                .setWidth(10)
                .setHeight(10)
                .setColor(io.streammanager.proto.ColorFill.newBuilder().setRgba(0xFF0000FF)))
        .build();
  }

  static StreamConfig config(int width, int height, int fps, String url) {
    return StreamConfig.newBuilder()
        .setName("show")
        .setWidth(width)
        .setHeight(height)
        .setFps(fps)
        .setVideoBitrateKbps(2500)
        .addOutputs(OutputConfig.newBuilder().setUrl(url))
        .build();
  }

  /**
   * The log of {@code seed}: 4 to 40 commands on the {@code default} stream (created on first use)
   * or on {@code s1}, created by its first command.
   */
  static CommandLog log(long seed) {
    Gen g = new Gen(seed);
    return log(g, () -> command(g));
  }

  /**
   * As {@link #log}, with about one command in twelve malformed the way only a foreign producer
   * writing to the topic could make it: a patch path through a number ("x.y"), a target time beyond
   * what {@link Instant} holds.
   */
  static CommandLog hostileLog(long seed) {
    Gen g = new Gen(seed);
    return log(
        g,
        () ->
            g.frequency(
                Weighted.of(22, () -> command(g)),
                Weighted.of(1, () -> malformedPath(g)),
                Weighted.of(1, () -> timeOutOfRange(g))));
  }

  private static Command malformedPath(Gen g) {
    return Command.newBuilder()
        .setLayerPatch(
            LayerPatch.newBuilder()
                .setLayer(Layer.newBuilder().setId(layerId(g)))
                .addFields(g.pick(List.of("x.y", "crop.left.z"))))
        .build();
  }

  private static Command timeOutOfRange(Gen g) {
    return command(g).toBuilder()
        .setAt(At.newBuilder().setTime(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE / 2)))
        .build();
  }

  private static CommandLog log(Gen g, Supplier<Command> commands) {
    String stream = g.pick(List.of(CommandApplier.DEFAULT_STREAM, "s1"));
    StreamConfig config = validConfig(g);
    int size = g.between(4, MAX_COMMANDS);
    List<CommandLog.Entry> entries = new ArrayList<>();
    if (!stream.equals(CommandApplier.DEFAULT_STREAM)) {
      entries.add(
          entry(
              Command.newBuilder()
                  .setStreamCreate(StreamCreate.newBuilder().setConfig(config))
                  .build(),
              stream,
              0,
              0));
    }
    for (int i = 0; i < size; i++) {
      Command command = commands.get();
      entries.add(entry(command, stream, entries.size(), delayMs(g)));
    }
    return new CommandLog(stream, List.copyOf(entries));
  }

  /**
   * Gives the command its stream and id ("c" + offset); a cancel names a command {@code k} offsets
   * back.
   */
  private static CommandLog.Entry entry(Command cmd, String stream, int offset, long delayMs) {
    Command.Builder b = cmd.toBuilder().setStreamId(stream).setCommandId("c" + offset);
    if (cmd.hasScheduleCancel()) {
      int back = Integer.parseInt(cmd.getScheduleCancel().getCommandId());
      b.setScheduleCancel(
          ScheduleCancel.newBuilder().setCommandId("c" + Math.max(0, offset - back)));
    }
    return new CommandLog.Entry(b.build(), delayMs);
  }

  private static long delayMs(Gen g) {
    return g.frequency(
        Weighted.just(2, 0L),
        Weighted.of(5, () -> g.biased(1, 120)),
        Weighted.of(4, () -> g.biased(120, 1000)),
        Weighted.of(1, () -> g.biased(1000, 3000)));
  }

  /** A command without stream and id. */
  private static Command command(Gen g) {
    Command action =
        g.frequency(
            Weighted.of(8, () -> Command.newBuilder().setLayerUpsert(upsert(g)).build()),
            Weighted.of(6, () -> Command.newBuilder().setLayerPatch(patch(g)).build()),
            Weighted.of(
                3,
                () ->
                    Command.newBuilder()
                        .setLayerRemove(LayerRemove.newBuilder().setLayerId(layerId(g)))
                        .build()),
            Weighted.of(5, () -> Command.newBuilder().setBatch(batch(g)).build()),
            Weighted.just(
                4, Command.newBuilder().setStreamStart(StreamStart.getDefaultInstance()).build()),
            Weighted.just(
                2, Command.newBuilder().setStreamStop(StreamStop.getDefaultInstance()).build()),
            Weighted.of(
                2,
                () ->
                    Command.newBuilder()
                        .setStreamUpdate(StreamUpdate.newBuilder().setConfig(anyConfig(g)))
                        .build()),
            Weighted.of(
                1,
                () ->
                    Command.newBuilder()
                        .setStreamCreate(StreamCreate.newBuilder().setConfig(anyConfig(g)))
                        .build()),
            Weighted.of(
                2,
                () ->
                    Command.newBuilder()
                        .setScheduleCancel(
                            ScheduleCancel.newBuilder().setCommandId(Long.toString(g.biased(1, 6))))
                        .build()),
            Weighted.just(
                1,
                Command.newBuilder().setStreamDelete(StreamDelete.getDefaultInstance()).build()));
    Command.Builder b = action.toBuilder().setExpectedVersion(expectedVersion(g));
    g.optional(0.2, () -> at(g)).ifPresent(b::setAt);
    g.optional(0.4, () -> transition(g)).ifPresent(b::setTransition);
    return b.build();
  }

  private static long expectedVersion(Gen g) {
    return g.frequency(Weighted.just(20, 0L), Weighted.of(1, () -> g.biased(1, 8)));
  }

  private static At at(Gen g) {
    return g.frequency(
        Weighted.of(3, () -> At.newBuilder().setFrame(g.biased(0, 120)).build()),
        Weighted.of(
            1,
            () ->
                At.newBuilder().setTime(ProtoTime.of(T0.plusMillis(g.biased(0, 30_000)))).build()));
  }

  private static Transition transition(Gen g) {
    return Transition.newBuilder()
        .setDurationMs(g.pick(List.of(0, 100, 500, 2000)))
        .setEasing(g.pick(EASINGS))
        .build();
  }

  private static String layerId(Gen g) {
    return g.frequency(
        Weighted.of(40, () -> g.pick(LAYER_IDS)),
        Weighted.of(1, () -> g.pick(List.of("", "bad id"))));
  }

  private static LayerUpsert upsert(Gen g) {
    return LayerUpsert.newBuilder().setLayer(layer(g)).build();
  }

  private static LayerBatch batch(Gen g) {
    Supplier<BatchOperation> op =
        () ->
            g.frequency(
                Weighted.of(3, () -> BatchOperation.newBuilder().setUpsert(upsert(g)).build()),
                Weighted.of(3, () -> BatchOperation.newBuilder().setPatch(patch(g)).build()),
                Weighted.of(
                    1,
                    () ->
                        BatchOperation.newBuilder()
                            .setRemove(LayerRemove.newBuilder().setLayerId(layerId(g)))
                            .build()));
    return LayerBatch.newBuilder()
        .addAllOperations(
            g.frequency(
                Weighted.of(30, () -> g.list(1, 4, op)),
                Weighted.just(1, List.<BatchOperation>of())))
        .build();
  }

  /**
   * Field paths a patch may name: mostly valid ones, a few that must be refused; one to three
   * distinct, sorted.
   */
  private static LayerPatch patch(Gen g) {
    Layer layer = layer(g);
    int size = g.between(1, 3);
    Set<String> paths = new TreeSet<>();
    while (paths.size() < size) {
      paths.add(
          g.frequency(
              Weighted.just(12, "x"),
              Weighted.just(8, "y"),
              Weighted.just(4, "width"),
              Weighted.just(4, "height"),
              Weighted.just(8, "opacity"),
              Weighted.just(4, "rotation"),
              Weighted.just(4, "anchor_x"),
              Weighted.just(4, "scale_x"),
              Weighted.just(2, "z_index"),
              Weighted.just(2, "visible"),
              Weighted.just(2, "blend"),
              Weighted.just(2, "crop.left"),
              Weighted.just(1, "rect.corner_radius"),
              Weighted.just(1, "rect.stroke_width"),
              Weighted.just(1, "text.style.size"),
              Weighted.just(1, "text.text"),
              Weighted.just(1, "color.rgba"),
              Weighted.just(1, "id"),
              Weighted.just(1, "tweens"),
              Weighted.just(1, "nosuch")));
    }
    return LayerPatch.newBuilder().setLayer(layer).addAllFields(paths).build();
  }

  /**
   * Layers of every kind, about one in five invalid: bad opacity or id, rect without height, text
   * size 0, no kind.
   */
  private static Layer layer(Gen g) {
    Layer.Builder b =
        Layer.newBuilder().setId(layerId(g)).setX(g.pick(COORDINATES)).setY(g.pick(COORDINATES));
    geometry(g, b);
    g.frequency(
            Weighted.just(12, Optional.<Double>empty()),
            Weighted.just(5, Optional.of(0.5)),
            Weighted.just(2, Optional.of(0.0)),
            Weighted.just(2, Optional.of(1.0)),
            Weighted.just(1, Optional.of(1.5)),
            Weighted.just(1, Optional.of(Double.NaN)))
        .ifPresent(b::setOpacity);
    return kind(g).apply(b).build();
  }

  private static void geometry(Gen g, Layer.Builder b) {
    double rotation = g.pick(List.of(0.0, 45.0, -90.0));
    b.setRotation(rotation);
    g.pick(List.of(Optional.<Double>empty(), Optional.of(0.5))).ifPresent(b::setAnchorX);
    g.pick(List.of(Optional.<Double>empty(), Optional.of(2.0))).ifPresent(b::setScaleX);
    g.pick(List.of(Optional.<Double>empty(), Optional.of(80.0)))
        .ifPresent(s -> b.setWidth(s).setHeight(s / 2));
    g.pick(List.of(Optional.<Integer>empty(), Optional.of(1), Optional.of(-1)))
        .ifPresent(b::setZIndex);
    b.setBlend(g.pick(List.of(BlendMode.BLEND_NORMAL, BlendMode.BLEND_SCREEN)));
    if (rotation > 0) {
      b.setCrop(Crop.newBuilder().setLeft(4));
    }
  }

  /** What the layer draws; applied last, as some kinds take their sizes from the position. */
  private static UnaryOperator<Layer.Builder> kind(Gen g) {
    return g.frequency(
        kind(3, b -> b.setColor(ColorFill.newBuilder().setRgba(0x112233FF))),
        kind(
            6,
            b ->
                b.setRect(
                        RectShape.newBuilder()
                            .setRgba(0xFF0000FF)
                            .setCornerRadius(b.getX() > 0 ? 8 : 0)
                            .setStrokeWidth(b.getY() > 0 ? 2 : 0))
                    .setWidth(200)
                    .setHeight(100)),
        kind(3, b -> b.setEllipse(EllipseShape.newBuilder().setRgba(0x00FF00FF).setStrokeWidth(3))),
        kind(
            4,
            b ->
                b.setText(
                    TextBlock.newBuilder()
                        .setText("hello")
                        .setStyle(TextStyle.newBuilder().setSize(b.getX() >= 0 ? 48 : 24)))),
        kind(
            2,
            b ->
                b.setClock(
                    ClockFace.newBuilder()
                        .setPattern("HH:mm:ss")
                        .setTimeZone("UTC")
                        .setStyle(TextStyle.newBuilder().setSize(32)))),
        kind(
            2,
            b ->
                b.setImage(
                    ImageRef.newBuilder()
                        .setAssetId("ab12")
                        .setNaturalWidth(64)
                        .setNaturalHeight(64))),
        kind(
            1,
            b -> b.setRect(RectShape.newBuilder().setRgba(0xFF0000FF)).setWidth(200).clearHeight()),
        kind(
            1,
            b ->
                b.setText(
                    TextBlock.newBuilder()
                        .setText("zero")
                        .setStyle(TextStyle.getDefaultInstance()))),
        kind(1, b -> b));
  }

  private static Weighted<UnaryOperator<Layer.Builder>> kind(
      int weight, UnaryOperator<Layer.Builder> kind) {
    return Weighted.just(weight, kind);
  }

  /** Stream configurations: valid ones (other sizes and rates) and ones the rules refuse. */
  private static StreamConfig anyConfig(Gen g) {
    return g.frequency(
        Weighted.of(3, () -> validConfig(g)), Weighted.of(1, () -> g.pick(INVALID_CONFIGS)));
  }

  private static StreamConfig validConfig(Gen g) {
    int width = g.pick(List.of(640, 1280));
    return config(
        width,
        width * 9 / 16,
        g.pick(List.of(25, 30, 60)),
        g.pick(List.of("var/recordings/{stream}-{run}.flv", "rtmp://ingest.example/live/key")));
  }
}
