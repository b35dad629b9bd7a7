package io.voicegateway.media.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The single-producer single-consumer hand-off keeps order and never tears a packet, across real threads. */
class PacketHandoffTest {
  @Test
  void fullRingRejectsAndEmptyRingReturnsNull() {
    PacketHandoff h = new PacketHandoff(4);
    byte[] b = {1, 2, 3};
    for (int i = 0; i < 4; i++) {
      h.offer(i, i, 1, 0, b, 0, 3, i, 0);
    }
    assertFalse(h.offer(9, 9, 1, 0, b, 0, 3, 9, 0));
    for (int i = 0; i < 4; i++) {
      assertEquals(i, h.peek().seq);
      h.release();
    }
    assertNull(h.peek());
  }

  @Test
  void packetsAreMadeOnlyForWhatIsInFlightAtOnce() {
    PacketHandoff h = new PacketHandoff(32);
    byte[] b = new byte[160];
    java.util.Set<Packet> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (int i = 0; i < 1000; i++) { // steady state: one packet between two ticks, then two after a late tick
      for (int k = 0; k < 1 + i % 2; k++) {
        h.offer(i, i, 1, 0, b, 0, b.length, i, 0);
      }
      for (Packet p = h.peek(); p != null; p = h.peek()) {
        seen.add(p);
        h.release();
      }
    }
    assertEquals(2, seen.size(), "one packet object per packet in flight at once, not one per ring slot");
  }

  @Test
  void aBadPayloadKeepsNothingAndItsPacketIsReused() {
    PacketHandoff h = new PacketHandoff(4);
    byte[] b = {1, 2, 3};
    assertFalse(h.offer(0, 0, 1, 0, b, 2, 3, 0, 0)); // off + len beyond the array
    assertNull(h.peek());
    for (int i = 0; i < 4; i++) {
      assertTrue(h.offer(i, i, 1, 0, b, 0, 3, i, 0));
    }
    assertFalse(h.offer(9, 9, 1, 0, b, 0, 3, 9, 0));
    assertEquals(0, h.peek().seq);
  }

  @Test
  void producerAndConsumerThreadsSeeEveryPacketIntactAndInOrder() throws Exception {
    PacketHandoff h = new PacketHandoff(32);
    int total = 300_000;
    AtomicReference<String> problem = new AtomicReference<>();
    Thread producer = new Thread(() -> {
      byte[] buf = new byte[200];
      for (int i = 0; i < total; i++) {
        int len = 20 + i % 160;
        for (int k = 0; k < len; k++) {
          buf[k] = (byte) (i + k);
        }
        while (!h.offer(i & 0xFFFF, i * 160L, 7, 0, buf, 0, len, i, 0)) {
          Thread.onSpinWait(); // the test's producer retries; the real one drops and counts
        }
      }
    });
    producer.start();
    for (int i = 0; i < total && problem.get() == null; ) {
      Packet p = h.peek();
      if (p == null) {
        Thread.onSpinWait();
        continue;
      }
      if (p.seq != (i & 0xFFFF) || p.timestamp != i * 160L || p.arrivalNanos != i || p.length != 20 + i % 160) {
        problem.set("header of packet " + i);
      }
      for (int k = 0; k < p.length; k++) {
        if (p.payload[k] != (byte) (i + k)) {
          problem.set("payload of packet " + i);
        }
      }
      h.release();
      i++;
    }
    producer.join();
    assertNull(problem.get());
    assertNull(h.peek());
  }
}
