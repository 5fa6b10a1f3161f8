package io.streammanager.system;

import io.streammanager.kit.frames.FrameChunks;
import io.streammanager.kit.frames.FramePatches;
import io.streammanager.proto.FrameChunk;
import io.streammanager.proto.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the rendered frames of a stream from the frames topic, by frame number: what the encoder is
 * given for frame n, decoded to YUV420P, whatever happened to timestamps in a recording.
 */
final class FramesTap {
  private static final LZ4FastDecompressor LZ4 = LZ4Factory.fastestInstance().fastDecompressor();

  private FramesTap() {}

  /**
   * The I420 bytes of each wanted frame of the stream's run: frames sent whole as they are, frames
   * sent as patches applied to their base frame (read from the topic too).
   */
  static Map<Long, byte[]> frames(
      String bootstrap, String streamId, Set<Long> wanted, Duration timeout) {
    Map<Long, byte[]> out = new HashMap<>();
    Map<Long, byte[]> whole = new HashMap<>();
    Map<Long, FrameChunk> patches = new HashMap<>();
    Map<Long, byte[]> patchBytes = new HashMap<>();
    Map<Long, byte[][]> parts = new HashMap<>();
    Map<Long, FrameChunk> first = new HashMap<>();
    Map<String, Object> settings =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "frames-tap-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            8 * 1024 * 1024,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(settings)) {
      c.subscribe(List.of(Topics.FRAMES.name()));
      while (out.size() < wanted.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          FrameChunk chunk = Topics.FRAMES.parseValue(r.value());
          if (!chunk.getStreamId().equals(streamId)
              || chunk.getEndOfStream()
              || whole.containsKey(chunk.getFrame())
              || patches.containsKey(chunk.getFrame())) {
            continue;
          }
          byte[][] p =
              parts.computeIfAbsent(chunk.getFrame(), f -> new byte[chunk.getChunkCount()][]);
          p[chunk.getChunkIndex()] = chunk.getPayload().toByteArray();
          first.putIfAbsent(chunk.getFrame(), chunk);
          if (java.util.Arrays.stream(p).allMatch(java.util.Objects::nonNull)) {
            byte[] bytes = FrameChunks.yuv(first.get(chunk.getFrame()), p, LZ4, streamId);
            if (chunk.hasBaseFrame()) {
              patches.put(chunk.getFrame(), chunk);
              patchBytes.put(chunk.getFrame(), bytes);
            } else {
              whole.put(chunk.getFrame(), bytes);
            }
          }
        }
        for (long f : wanted) {
          if (whole.containsKey(f)) {
            out.putIfAbsent(f, whole.get(f));
          } else if (patches.containsKey(f) && whole.containsKey(patches.get(f).getBaseFrame())) {
            FrameChunk patch = patches.get(f);
            byte[] picture = whole.get(patch.getBaseFrame()).clone();
            FramePatches.apply(
                patchBytes.get(f),
                patch.getRegionsList(),
                (int) patch.getWidth(),
                (int) patch.getHeight(),
                picture);
            out.putIfAbsent(f, picture);
          }
        }
      }
    }
    return out;
  }

  /** Y, U, V of pixel (x, y) of an I420 frame. */
  static int[] yuv(byte[] frame, int width, int height, int x, int y) {
    int cw = (width + 1) / 2;
    int ch = (height + 1) / 2;
    int u = width * height + (y / 2) * cw + x / 2;
    return new int[] {frame[y * width + x] & 0xFF, frame[u] & 0xFF, frame[u + cw * ch] & 0xFF};
  }
}
