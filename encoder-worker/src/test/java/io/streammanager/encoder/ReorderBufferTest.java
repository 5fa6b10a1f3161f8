package io.streammanager.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streammanager.encoder.ReorderBuffer.Slot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
  private static final Duration MAX_WAIT = Duration.ofMillis(100);

  private long nanos = 1_000_000_000L;
  private final ReorderBuffer<String> buffer = new ReorderBuffer<>(3, MAX_WAIT, () -> nanos);

  private void advanceMillis(long ms) {
    nanos += ms * 1_000_000L;
  }

  private List<Slot<String>> offerAndDrain(long... frames) {
    List<Slot<String>> out = new ArrayList<>();
    for (long f : frames) {
      buffer.offer(f, "f" + f);
      out.addAll(buffer.drain());
    }
    return out;
  }

  private static Slot<String> slot(long frame) {
    return new Slot<>(frame, "f" + frame, false);
  }

  private static Slot<String> repeat(long frame, long of) {
    return new Slot<>(frame, "f" + of, true);
  }

  private List<Long> counters() {
    return List.of(buffer.duplicates(), buffer.late(), buffer.dropped(), (long) buffer.size());
  }

  @Test
  void drain_framesInOrder_eachGoesOutAtOnce() {
    assertThat(offerAndDrain(0, 1, 2, 3)).containsExactly(slot(0), slot(1), slot(2), slot(3));
    assertThat(counters()).containsExactly(0L, 0L, 0L, 0L);
  }

  @Test
  void drain_framesOutOfOrder_goOutInFrameOrder() {
    assertThat(offerAndDrain(0, 2, 3, 1)).containsExactly(slot(0), slot(1), slot(2), slot(3));
    assertThat(counters()).containsExactly(0L, 0L, 0L, 0L);
  }

  @Test
  void drain_nextFrameMissing_holdsLaterFramesBack() {
    assertThat(offerAndDrain(0, 2, 3)).containsExactly(slot(0));
    assertThat(buffer.size()).isEqualTo(2);
  }

  @Test
  void offer_duplicateOfAWaitingFrame_isIgnoredAndCounted() {
    offerAndDrain(0, 2);

    boolean taken = buffer.offer(2, "second copy");

    assertThat(taken).isFalse();
    assertThat(offerAndDrain(1)).containsExactly(slot(1), slot(2));
    assertThat(counters()).containsExactly(1L, 0L, 0L, 0L);
  }

  @Test
  void offer_frameAlreadyOut_isLateAndCounted() {
    offerAndDrain(0, 1, 2);

    boolean taken = buffer.offer(1, "again");

    assertThat(taken).isFalse();
    assertThat(buffer.drain()).isEmpty();
    assertThat(counters()).containsExactly(0L, 1L, 0L, 0L);
  }

  @Test
  void drain_missingFrameOnceDepthLaterFramesArrived_isReplacedByThePreviousFrame() {
    List<Slot<String>> out = offerAndDrain(0, 2, 3, 4);

    assertThat(out).containsExactly(slot(0), repeat(1, 0), slot(2), slot(3), slot(4));
    assertThat(counters()).containsExactly(0L, 0L, 1L, 0L);
  }

  @Test
  void drain_aFrameAskedForAgain_isAwaitedPastTheDepth_untilMaxWait() {
    offerAndDrain(0);
    buffer.askedAgain(1);

    assertThat(offerAndDrain(2, 3, 4, 5)).containsExactly();
    advanceMillis(60);
    assertThat(offerAndDrain(1)).containsExactly(slot(1), slot(2), slot(3), slot(4), slot(5));
    assertThat(counters()).containsExactly(0L, 0L, 0L, 0L);
  }

  @Test
  void drain_aFrameAskedForAgainThatNeverComes_isReplacedAfterMaxWait() {
    offerAndDrain(0);
    buffer.askedAgain(1);
    offerAndDrain(2, 3, 4, 5);
    advanceMillis(100);

    assertThat(buffer.drain()).containsExactly(repeat(1, 0), slot(2), slot(3), slot(4), slot(5));
    assertThat(counters()).containsExactly(0L, 0L, 1L, 0L);
  }

  @Test
  void drain_missingFrameAwaitedJustUnderMaxWait_isStillAwaited() {
    offerAndDrain(0, 2);
    advanceMillis(99);

    assertThat(buffer.drain()).isEmpty();
    assertThat(buffer.dropped()).isZero();
  }

  @Test
  void drain_missingFrameAwaitedMaxWait_isReplacedByThePreviousFrame() {
    offerAndDrain(0, 2);
    advanceMillis(100);

    assertThat(buffer.drain()).containsExactly(repeat(1, 0), slot(2));
    assertThat(counters()).containsExactly(0L, 0L, 1L, 0L);
  }

  @Test
  void drain_missingFrameArrivingBeforeMaxWait_goesOutNormally() {
    offerAndDrain(0, 2);
    advanceMillis(60);

    assertThat(offerAndDrain(1)).containsExactly(slot(1), slot(2));
    assertThat(buffer.dropped()).isZero();
  }

  @Test
  void drain_nothingLaterWaitingAndNoEnd_waitsForTheNextFrameWithoutLimit() {
    offerAndDrain(0, 1);
    advanceMillis(60_000);

    assertThat(buffer.drain()).isEmpty();
    assertThat(buffer.dropped()).isZero();
  }

  @Test
  void drain_twoMissingFramesAwaitedMaxWait_areBothReplaced() {
    offerAndDrain(0, 3);
    advanceMillis(100);

    assertThat(buffer.drain()).containsExactly(repeat(1, 0), repeat(2, 0), slot(3));
    assertThat(buffer.dropped()).isEqualTo(2);
  }

  @Test
  void drain_frameFarAhead_repeatsTheFramesMoreThanDepthBehindItAtOnce() {
    List<Slot<String>> out = offerAndDrain(0, 6);

    assertThat(out).containsExactly(slot(0), repeat(1, 0), repeat(2, 0), repeat(3, 0));
    assertThat(buffer.dropped()).isEqualTo(3);
  }

  @Test
  void drain_frameFarAhead_repeatsTheFramesWithinDepthOfItAfterMaxWait() {
    offerAndDrain(0, 6);
    advanceMillis(100);

    assertThat(buffer.drain()).containsExactly(repeat(4, 0), repeat(5, 0), slot(6));
    assertThat(buffer.dropped()).isEqualTo(5);
  }

  @Test
  void offer_firstFrameSeenIsTwo_waitsForZeroAndOne() {
    assertThat(offerAndDrain(2)).isEmpty();

    assertThat(offerAndDrain(0, 1)).containsExactly(slot(0), slot(1), slot(2));
    assertThat(counters()).containsExactly(0L, 0L, 0L, 0L);
  }

  @Test
  void drain_firstFrameSeenIsTwoAndZeroOneNeverCome_givesThemUpWithoutRepeatsAfterMaxWait() {
    offerAndDrain(2);
    advanceMillis(100);

    assertThat(buffer.drain()).containsExactly(slot(2));
    assertThat(buffer.dropped()).isEqualTo(2);
  }

  @Test
  void offer_firstFrameSeenBeyondDepth_startsTheRunThere() {
    assertThat(offerAndDrain(10)).containsExactly(slot(10));

    assertThat(buffer.offer(9, "f9")).isFalse();
    assertThat(buffer.late()).isEqualTo(1);
  }

  @Test
  void finished_beforeEnd_isFalse() {
    offerAndDrain(0, 1, 2);

    assertThat(buffer.finished()).isFalse();
  }

  @Test
  void end_afterEveryFrameBeforeItWentOut_isFinished() {
    offerAndDrain(0, 1, 2);

    buffer.end(3);

    assertThat(buffer.drain()).isEmpty();
    assertThat(buffer.finished()).isTrue();
  }

  @Test
  void end_withFramesStillToCome_finishesOnceTheyWentOut() {
    offerAndDrain(0, 1);
    buffer.end(3);
    assertThat(buffer.finished()).isFalse();

    assertThat(offerAndDrain(2)).containsExactly(slot(2));
    assertThat(buffer.finished()).isTrue();
  }

  @Test
  void end_withAMissingFrameBeforeIt_givesItUpAfterMaxWaitThenFinishes() {
    offerAndDrain(0);
    buffer.end(2);
    assertThat(buffer.drain()).isEmpty();
    advanceMillis(100);

    assertThat(buffer.drain()).containsExactly(repeat(1, 0));
    assertThat(buffer.finished()).isTrue();
  }

  @Test
  void end_dropsWaitingFramesFromTheEndFrameOn() {
    offerAndDrain(0, 3);

    buffer.end(3);

    assertThat(buffer.size()).isZero();
    assertThat(offerAndDrain(1, 2)).containsExactly(slot(1), slot(2));
    assertThat(buffer.finished()).isTrue();
  }

  @Test
  void offer_frameAtOrAfterTheEnd_isLate() {
    offerAndDrain(0);
    buffer.end(5);

    assertThat(List.of(buffer.offer(5, "f5"), buffer.offer(7, "f7"))).containsExactly(false, false);
    assertThat(buffer.late()).isEqualTo(2);
  }

  @Test
  void end_beforeAnyFrame_isFinishedAtOnce() {
    buffer.end(0);

    assertThat(buffer.finished()).isTrue();
  }

  @Test
  void drain_longInOrderRun_emitsEveryFrameOnceWithoutRepeats() {
    List<Slot<String>> out = offerAndDrain(LongStream.range(0, 500).toArray());

    assertThat(out)
        .containsExactlyElementsOf(
            LongStream.range(0, 500).mapToObj(ReorderBufferTest::slot).toList());
  }

  @Test
  void constructor_depthZero_isRefused() {
    assertThatThrownBy(() -> new ReorderBuffer<String>(0, MAX_WAIT, () -> 0L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reorder depth must be at least 1 frame, was 0");
  }

  @Test
  void missing_namesTheFramesAwaitedBeforeTheNewestWaiting_onlyOnceALaterOneCame() {
    offerAndDrain(0, 1);
    assertThat(buffer.missing(10)).as("nothing later waits").isEmpty();

    offerAndDrain(4);

    assertThat(buffer.missing(10)).containsExactly(2L, 3L);
    assertThat(buffer.missing(1)).containsExactly(2L);
  }
}
