package io.voicegateway.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The lane with both threads as step-by-step executors: order, the bound, where the cleaner is made and closed. */
class CleaningLaneTest {
  /** Runs queued tasks only when the test says so. */
  private static final class Steps implements Executor {
    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      while (!tasks.isEmpty()) {
        tasks.poll().run();
      }
    }
  }

  /** Adds 1000 to every sample, so a cleaned frame is told from one that was not. */
  private static final class Plus1000 implements SpeechCleaner {
    int opened;
    boolean closed;

    @Override
    public boolean clean(short[] pcm, int n) {
      for (int i = 0; i < n; i++) {
        pcm[i] += 1000;
      }
      return true;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final Steps pool = new Steps();
  private final Steps loop = new Steps();
  private final Plus1000 cleaner = new Plus1000();
  private final List<long[]> delivered = new ArrayList<>();
  private final CleaningLane lane = new CleaningLane(() -> {
    cleaner.opened++;
    return cleaner;
  }, 320, pool, loop, (pcm, n, tag) -> delivered.add(new long[] {tag, n, pcm[0], pcm[n - 1]}));

  private static short[] frame(int value, int n) {
    short[] pcm = new short[n];
    java.util.Arrays.fill(pcm, (short) value);
    return pcm;
  }

  @Test
  void framesComeBackCleanedInOrderOnTheLoop() {
    assertTrue(lane.offer(frame(1, 320), 320, 100));
    assertTrue(lane.offer(frame(2, 160), 160, 120));
    assertEquals(0, cleaner.opened, "the cleaner is made on the pool, not on the event loop");
    assertEquals(1, pool.tasks.size(), "one drain for both frames");
    pool.runAll();
    assertEquals(1, cleaner.opened);
    assertTrue(delivered.isEmpty(), "handed back on the loop only");
    loop.runAll();
    assertEquals(List.of(List.of(100L, 320L, 1001L, 1001L), List.of(120L, 160L, 1002L, 1002L)),
        delivered.stream().map(d -> List.of(d[0], d[1], d[2], d[3])).toList());
    assertEquals(0, lane.inFlight());
    assertTrue(lane.offer(frame(3, 320), 320, 140));
    pool.runAll();
    loop.runAll();
    assertEquals(1, cleaner.opened, "one cleaner per stream");
    assertEquals(3, delivered.size());
  }

  @Test
  void theOfferedFrameIsCopiedSoTheCallerMayReuseIt() {
    short[] pcm = frame(5, 320);
    lane.offer(pcm, 320, 0);
    java.util.Arrays.fill(pcm, (short) 9);
    pool.runAll();
    loop.runAll();
    assertEquals(1005, delivered.get(0)[2]);
    assertArrayEquals(frame(9, 320), pcm, "the caller's array is not cleaned in place");
  }

  @Test
  void aPoolThatFallsBehindDropsNewFramesBeyondTheRing() {
    for (int i = 0; i < CleaningLane.SLOTS; i++) {
      assertTrue(lane.offer(frame(i, 320), 320, i));
    }
    assertFalse(lane.offer(frame(99, 320), 320, 99), "the ring is full until frames are handed back");
    pool.runAll();
    assertFalse(lane.offer(frame(99, 320), 320, 99), "cleaned but not yet handed back still holds its slot");
    loop.runAll();
    assertEquals(CleaningLane.SLOTS, delivered.size());
    assertTrue(lane.offer(frame(7, 320), 320, 200));
    assertFalse(lane.offer(frame(7, 400), 400, 201), "longer than the lane's frames");
  }

  @Test
  void closeClosesTheCleanerOnThePoolAndHandsNothingMoreBack() {
    lane.offer(frame(1, 320), 320, 0);
    pool.runAll();
    lane.offer(frame(2, 320), 320, 20);
    lane.close();
    assertFalse(cleaner.closed, "not on the event loop");
    pool.runAll();
    loop.runAll();
    assertTrue(cleaner.closed);
    assertTrue(delivered.isEmpty(), "a closed stream takes no more frames");
    assertFalse(lane.offer(frame(3, 320), 320, 40));
  }

  @Test
  void aLaneClosedBeforeItsFirstFrameMakesNoCleaner() {
    lane.close();
    pool.runAll();
    assertEquals(0, cleaner.opened);
  }
}
