package io.voicegateway.media.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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
