package io.voicegateway.media.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lock-free frame queue: order, drop-oldest with a count, clear, and one writer racing one reader. */
class DropOldestRingTest {
  private static short[] frame(int n, int value) {
    short[] f = new short[n];
    java.util.Arrays.fill(f, (short) value);
    return f;
  }

  @Test
  void framesComeOutInOrderAndAFullRingDropsTheOldest() {
    DropOldestRing ring = new DropOldestRing(3, 4);
    for (int i = 1; i <= 5; i++) {
      ring.offer(frame(4, i));
    }
    assertEquals(2, ring.dropped());
    short[] into = new short[4];
    for (int expected = 3; expected <= 5; expected++) {
      assertTrue(ring.poll(into));
      assertEquals(expected, into[3]);
    }
    assertFalse(ring.poll(into));
    assertEquals(5, ring.head());
  }

  @Test
  void clearDropsEverythingWithoutCountingItAsOverflow() {
    DropOldestRing ring = new DropOldestRing(8, 2);
    for (int i = 0; i < 5; i++) {
      ring.offer(frame(2, i));
    }
    assertEquals(5, ring.clear());
    assertFalse(ring.poll(new short[2]));
    assertEquals(0, ring.dropped());
    assertEquals(0, ring.clear());
    ring.offer(frame(2, 9));
    short[] into = new short[2];
    assertTrue(ring.poll(into));
    assertEquals(9, into[0]);
  }

  /**
   * A writer far faster than the reader: every frame the reader gets is whole (never torn by an overwrite), in
   * increasing order, and played + dropped + cleared accounts for every frame written.
   */
  @Test
  void oneWriterAndOneReaderNeverSeeATornOrReorderedFrame() throws Exception {
    DropOldestRing ring = new DropOldestRing(4, 160);
    int total = 200_000;
    CompletableFuture<long[]> reader = CompletableFuture.supplyAsync(() -> {
      short[] into = new short[160];
      long played = 0;
      int last = -1;
      while (last < total - 1) {
        if (ring.poll(into)) {
          int v = into[0] & 0xffff | (into[1] & 0xffff) << 16;
          for (int k = 2; k < 160; k++) {
            if (into[k] != (short) (v + k)) {
              return new long[] {-1, v, k};
            }
          }
          if (v <= last) {
            return new long[] {-2, v, last};
          }
          last = v;
          played++;
        } else if (ring.tail() >= total && ring.head() >= ring.tail()) {
          break;
        }
      }
      return new long[] {played};
    });
    short[] f = new short[160];
    long cleared = 0;
    for (int v = 0; v < total; v++) {
      f[0] = (short) v;
      f[1] = (short) (v >>> 16);
      for (int k = 2; k < 160; k++) {
        f[k] = (short) (v + k);
      }
      ring.offer(f);
      if (v % 10_007 == 0) {
        cleared += ring.clear();
      }
    }
    long[] result = reader.get(60, TimeUnit.SECONDS);
    assertTrue(result[0] >= 0, () -> "torn or reordered: " + java.util.Arrays.toString(result));
    assertEquals(total, result[0] + ring.dropped() + cleared);
  }
}
