package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class FrameRingTest {
  @Test
  void framesComeOutInOrderAndSlotsAreReused() {
    FrameRing ring = new FrameRing(4, 2);
    assertEquals(4, ring.capacity());
    assertNull(ring.peek());
    for (int i = 0; i < 10; i++) {
      short[] slot = ring.claim();
      slot[0] = (short) i;
      ring.publish();
      short[] out = ring.peek();
      assertSame(slot, out);
      assertEquals(i, out[0]);
      ring.release();
      assertNull(ring.peek());
    }
    assertEquals(0, ring.dropped());
  }

  @Test
  void aFullRingDropsAndCountsInsteadOfOverwriting() {
    FrameRing ring = new FrameRing(3, 1); // rounded up to 4
    for (int i = 0; i < 4; i++) {
      ring.claim()[0] = (short) i;
      ring.publish();
    }
    assertNull(ring.claim());
    assertNull(ring.claim());
    assertEquals(2, ring.dropped());
    assertEquals(0, ring.peek()[0], "the oldest frame is intact");
    ring.release();
    assertNotNull(ring.claim(), "a released slot is free again");
  }

  @Test
  void claimingAndPublishingAllocateNothing() {
    FrameRing ring = new FrameRing(8, 640);
    assertEquals(0, Allocations.measure(() -> {
      ring.claim()[0] = 1;
      ring.publish();
      ring.peek();
      ring.release();
    }, 20_000, 1000));
  }
}
