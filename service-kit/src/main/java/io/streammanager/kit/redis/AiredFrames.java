package io.streammanager.kit.redis;

import io.streammanager.proto.StateKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checksums of the frames a run aired ({@link StateKeys#aired}: packed per block of frames, 16
 * bytes a frame, {@link io.streammanager.kit.frames.FrameChecksum}), each block kept {@link #TTL}
 * after its last write. The encoder {@link #record}s each frame it encodes; that never blocks:
 * checksums wait in a bounded queue and one writer thread stores them in batches (every {@link
 * #FLUSH_EVERY} or {@link #BATCH} frames), so Redis being slow or away costs the encoder nothing (a
 * full queue drops checksums, counted in {@link #dropped}, and those frames read as never aired).
 * Readers (the gateway) call {@link #checksum}.
 */
public final class AiredFrames implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AiredFrames.class);

  /**
   * How long a run's checksums stay (the snapshots to draw its frames again stay 1 h; the history
   * forever).
   */
  public static final Duration TTL = Duration.ofDays(7);

  static final Duration FLUSH_EVERY = Duration.ofMillis(250);
  static final int BATCH = 512;
  private static final Entry STOP = new Entry("", "", -1, "");

  private record Entry(String streamId, String runId, long frame, String checksum) {}

  private final RedissonClient redis;
  private final BlockingQueue<Entry> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();

  /** Checksums queued, and those the writer is done with (stored or failed). */
  private final AtomicLong accepted = new AtomicLong();

  private final AtomicLong handled = new AtomicLong();
  private final Thread writer;

  /**
   * A reader and writer; the writer thread starts at once. {@code capacity}: checksums that may
   * wait.
   */
  public AiredFrames(RedissonClient redis, int capacity) {
    this.redis = redis;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.writer = Thread.ofPlatform().name("aired-frames").daemon().start(this::writeLoop);
  }

  /** A reader only (no writer thread). */
  public static Reader reader(RedissonClient redis) {
    return new Reader(redis);
  }

  /** Records that frame {@code frame} of the run aired with {@code checksum}; never blocks. */
  public void record(String streamId, String runId, long frame, String checksum) {
    if (queue.offer(new Entry(streamId, runId, frame, checksum))) {
      accepted.incrementAndGet();
    } else {
      long n = dropped.incrementAndGet();
      if (n == 1 || n % 1000 == 0) {
        LOG.warn("aired-frame checksums are not stored fast enough: {} dropped so far", n);
      }
    }
  }

  /** Checksums given up because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Checksums stored. */
  public long written() {
    return written.get();
  }

  /**
   * Waits until everything recorded before this call is stored (or {@code timeout} passes); true
   * when it was.
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long target = accepted.get();
    while (handled.get() < target) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      synchronized (this) {
        wait(10);
      }
    }
    return true;
  }

  private void writeLoop() {
    List<Entry> batch = new ArrayList<>(BATCH);
    boolean running = true;
    while (running) {
      try {
        Entry first = queue.poll(FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        long deadline = System.nanoTime() + FLUSH_EVERY.toNanos();
        while (batch.size() < BATCH) {
          Entry next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          if (next == null) {
            break;
          }
          batch.add(next);
        }
        running = !batch.remove(STOP);
        store(batch);
      } catch (InterruptedException e) {
        running = false;
      } catch (RuntimeException e) {
        LOG.warn(
            "storing {} aired-frame checksums failed, they are lost: {}",
            batch.size(),
            e.toString());
      } finally {
        handled.addAndGet(batch.size());
        batch.clear();
        synchronized (this) {
          notifyAll();
        }
      }
    }
  }

  /** SETRANGE of every slot of one block, then its expiry: one round trip per block. */
  private static final String STORE_BLOCK =
      """
      for i = 1, #ARGV - 1, 2 do
        redis.call('SETRANGE', KEYS[1], tonumber(ARGV[i]), ARGV[i + 1])
      end
      redis.call('EXPIRE', KEYS[1], tonumber(ARGV[#ARGV]))
      return 1
      """;

  private void store(List<Entry> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Map<String, List<Object>> byBlock = new LinkedHashMap<>();
    for (Entry e : batch) {
      byBlock
          .computeIfAbsent(
              StateKeys.aired(e.streamId(), e.runId(), e.frame() / StateKeys.AIRED_BLOCK_FRAMES),
              k -> new ArrayList<>())
          .addAll(
              List.of(
                  Long.toString(
                      (e.frame() % StateKeys.AIRED_BLOCK_FRAMES) * StateKeys.AIRED_SLOT_BYTES),
                  slot(e.checksum())));
    }
    RBatch b = redis.createBatch();
    byBlock.forEach(
        (key, args) -> {
          args.add(Long.toString(TTL.toSeconds()));
          b.getScript(StringCodec.INSTANCE)
              .evalAsync(
                  key,
                  org.redisson.api.RScript.Mode.READ_WRITE,
                  STORE_BLOCK,
                  org.redisson.api.RScript.ReturnType.LONG,
                  List.of(key),
                  args.toArray());
        });
    b.execute();
    written.addAndGet(batch.size());
  }

  /** A checksum as its slot: exactly {@link StateKeys#AIRED_SLOT_BYTES} characters. */
  private static String slot(String checksum) {
    if (checksum.length() != StateKeys.AIRED_SLOT_BYTES) {
      throw new IllegalArgumentException(
          "a checksum is " + StateKeys.AIRED_SLOT_BYTES + " hex digits, got '" + checksum + "'");
    }
    return checksum;
  }

  /** Stores what is queued, then stops the writer thread. */
  @Override
  public void close() {
    if (!queue.offer(STOP)) {
      writer.interrupt();
    }
    try {
      writer.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads the checksums of aired frames. */
  public static final class Reader {
    private final RedissonClient redis;

    Reader(RedissonClient redis) {
      this.redis = redis;
    }

    /**
     * The checksum frame {@code frame} of the run aired with; empty when it was not aired (or not
     * kept).
     */
    public Optional<String> checksum(String streamId, String runId, long frame) {
      return Optional.ofNullable(range(streamId, runId, frame, frame + 1).get(frame));
    }

    /**
     * The aired frames in [{@code from}, {@code to}) of the run and their checksums, by frame
     * number.
     */
    public Map<Long, String> range(String streamId, String runId, long from, long to) {
      Map<Long, String> out = new java.util.TreeMap<>();
      long frame = Math.max(0, from);
      while (frame < to) {
        long block = frame / StateKeys.AIRED_BLOCK_FRAMES;
        long blockEnd = Math.min(to, (block + 1) * StateKeys.AIRED_BLOCK_FRAMES);
        readInto(out, StateKeys.aired(streamId, runId, block), block, frame, blockEnd);
        frame = blockEnd;
      }
      return out;
    }

    /**
     * Every aired frame of the run and its checksum, by frame number (its blocks up to the first
     * one missing).
     */
    public Map<Long, String> all(String streamId, String runId) {
      Map<Long, String> out = new java.util.TreeMap<>();
      for (long block = 0; ; block++) {
        String key = StateKeys.aired(streamId, runId, block);
        if (!redis.getBucket(key, StringCodec.INSTANCE).isExists()) {
          return out;
        }
        readInto(
            out,
            key,
            block,
            block * StateKeys.AIRED_BLOCK_FRAMES,
            (block + 1) * StateKeys.AIRED_BLOCK_FRAMES);
      }
    }

    private void readInto(Map<Long, String> out, String key, long block, long from, long to) {
      long base = block * StateKeys.AIRED_BLOCK_FRAMES;
      long start = (from - base) * StateKeys.AIRED_SLOT_BYTES;
      long end = (to - base) * StateKeys.AIRED_SLOT_BYTES - 1;
      String bytes =
          redis
              .getScript(StringCodec.INSTANCE)
              .eval(
                  key,
                  org.redisson.api.RScript.Mode.READ_ONLY,
                  "return redis.call('GETRANGE', KEYS[1], ARGV[1], ARGV[2])",
                  org.redisson.api.RScript.ReturnType.VALUE,
                  List.of(key),
                  Long.toString(start),
                  Long.toString(end));
      if (bytes == null) {
        return;
      }
      for (int i = 0;
          i + StateKeys.AIRED_SLOT_BYTES <= bytes.length();
          i += StateKeys.AIRED_SLOT_BYTES) {
        String sum = bytes.substring(i, i + StateKeys.AIRED_SLOT_BYTES);
        if (sum.charAt(0) != 0) {
          out.put(from + i / StateKeys.AIRED_SLOT_BYTES, sum);
        }
      }
    }
  }
}
