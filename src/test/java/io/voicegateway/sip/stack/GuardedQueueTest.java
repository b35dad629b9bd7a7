package io.voicegateway.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardedQueueTest {
  /** Admits INVITEs from 192.0.2.1 only; records what it was asked. */
  private static final class Recording implements ReceiveGuard {
    final List<String> asked = new ArrayList<>();
    int full;

    @Override
    public boolean admit(InetAddress source, boolean invite) {
      asked.add(source.getHostAddress() + (invite ? " INVITE" : " other"));
      return source.getHostAddress().equals("192.0.2.1");
    }

    @Override
    public void queueFull() {
      full++;
    }

    @Override
    public int queueCapacity() {
      return 2;
    }

    @Override
    public int maxDatagram() {
      return 1500;
    }
  }

  private static DatagramQueuedMessageDispatch datagram(String from, String text) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    DatagramPacket p = new DatagramPacket(bytes, bytes.length, InetAddress.getByName(from), 5060);
    return new DatagramQueuedMessageDispatch(p, 0);
  }

  @Test
  void refusedSourcesAreDroppedBeforeQueueingAndTheQueueIsBounded() throws Exception {
    Recording guard = new Recording();
    GuardedUdpProcessor.GuardedQueue queue = new GuardedUdpProcessor.GuardedQueue(guard);
    assertFalse(queue.offer(datagram("192.0.2.66", "INVITE sip:echo@x SIP/2.0\r\n")));
    assertTrue(queue.offer(datagram("192.0.2.1", "INVITE sip:echo@x SIP/2.0\r\n")));
    assertTrue(queue.offer(datagram("192.0.2.1", "ACK sip:echo@x SIP/2.0\r\n")));
    assertFalse(queue.offer(datagram("192.0.2.1", "BYE sip:echo@x SIP/2.0\r\n")), "full");
    assertEquals(List.of("192.0.2.66 INVITE", "192.0.2.1 INVITE", "192.0.2.1 other", "192.0.2.1 other"),
        guard.asked);
    assertEquals(2, queue.size());
    assertEquals(1, guard.full);
  }

  @Test
  void anInviteIsRecognisedByItsFirstBytesOnly() throws Exception {
    assertTrue(GuardedUdpProcessor.GuardedQueue.startsWith(datagram("192.0.2.1", "INVITE ").packet,
        "INVITE ".getBytes(StandardCharsets.US_ASCII)));
    assertFalse(GuardedUdpProcessor.GuardedQueue.startsWith(datagram("192.0.2.1", "INVIT").packet,
        "INVITE ".getBytes(StandardCharsets.US_ASCII)));
    assertFalse(GuardedUdpProcessor.GuardedQueue.startsWith(datagram("192.0.2.1", "SIP/2.0 200 OK").packet,
        "INVITE ".getBytes(StandardCharsets.US_ASCII)));
  }
}
