package io.streammanager.encoder.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures say what failed and where, free what was opened, and leave the encoder in a clear state.
 */
class LiveEncoderFailureTest {
  private static final String REFUSED_RTMP = "rtmp://127.0.0.1:1/live/secret-key";
  private static final int LEAK_ROUNDS = 20;

  @TempDir Path dir;

  @Test
  void open_unreachableRtmp_throwsNamingTheUrlWithoutItsKey() {
    EncoderSettings settings = EncoderSettings.of(320, 180, 30, 800, REFUSED_RTMP);

    assertThatThrownBy(() -> LiveEncoder.open(settings))
        .isInstanceOf(EncoderException.class)
        .hasMessageStartingWith("cannot open output rtmp://127.0.0.1:1/live/***: ")
        .hasMessageNotContaining("secret-key");
  }

  @Test
  @EnabledOnOs(OS.LINUX) // counts /proc/self/task and /proc/self/fd
  void open_unreachableRtmpRepeatedly_leaksNoThreadsOrDescriptors() {
    // x264 is already open when the connection fails, with its thread pool at 640x360; a leak would
    // keep those threads.
    EncoderSettings settings = EncoderSettings.of(640, 360, 30, 800, REFUSED_RTMP);
    failToOpen(settings);
    long threadsBefore = count("/proc/self/task");
    long descriptorsBefore = count("/proc/self/fd");

    for (int i = 0; i < LEAK_ROUNDS; i++) {
      failToOpen(settings);
    }

    assertThat(count("/proc/self/task"))
        .as("native threads")
        .isLessThan(threadsBefore + LEAK_ROUNDS / 2);
    assertThat(count("/proc/self/fd"))
        .as("file descriptors")
        .isLessThan(descriptorsBefore + LEAK_ROUNDS / 2);
  }

  @Test
  void open_fileInMissingDirectory_throwsNamingThePath() {
    String file = dir.resolve("missing/out.flv").toString();

    assertThatThrownBy(() -> LiveEncoder.open(EncoderSettings.of(320, 180, 30, 800, file)))
        .isInstanceOf(EncoderException.class)
        .hasMessage("cannot open output " + file + ": No such file or directory");
  }

  @Test
  void writeVideoFrame_wrongLength_isRejectedWithTheExpectedSize() {
    try (LiveEncoder encoder = LiveEncoder.open(settings("length.flv"))) {
      assertThatThrownBy(() -> encoder.writeVideoFrame(0, new byte[100]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("an I420 frame of 320x180 has 86400 bytes, got 100");
    }
  }

  @Test
  void writeVideoFrame_indexNotIncreasing_isRejected() {
    try (LiveEncoder encoder = LiveEncoder.open(settings("order.flv"))) {
      encoder.writeVideoFrame(5, frame());

      assertThatThrownBy(() -> encoder.writeVideoFrame(5, frame()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("got 5 after 5");
      assertThat(encoder.framesWritten()).isEqualTo(1);
    }
  }

  @Test
  void writeVideoFrame_afterClose_throwsIllegalState() {
    LiveEncoder encoder = LiveEncoder.open(settings("closed.flv"));
    encoder.close();

    assertThatThrownBy(() -> encoder.writeVideoFrame(0, frame()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageEndingWith("is closed");
  }

  @Test
  void close_twice_isANoOpTheSecondTime() throws IOException {
    LiveEncoder encoder = LiveEncoder.open(settings("twice.flv"));
    encoder.writeVideoFrame(0, frame());
    encoder.close();
    long size = Files.size(dir.resolve("twice.flv"));

    encoder.close();

    assertThat(Files.size(dir.resolve("twice.flv")))
        .isEqualTo(size)
        .isEqualTo(encoder.bytesWritten());
  }

  private EncoderSettings settings(String file) {
    return EncoderSettings.of(320, 180, 30, 800, dir.resolve(file).toString());
  }

  private static byte[] frame() {
    return TestFrames.split(320, 180, TestFrames.RED, TestFrames.BLUE);
  }

  private static void failToOpen(EncoderSettings settings) {
    assertThatThrownBy(() -> LiveEncoder.open(settings)).isInstanceOf(EncoderException.class);
  }

  private static long count(String directory) {
    try (Stream<Path> entries = Files.list(Path.of(directory))) {
      return entries.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
