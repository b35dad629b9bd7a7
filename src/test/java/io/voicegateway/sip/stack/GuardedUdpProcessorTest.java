package io.voicegateway.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardedUdpProcessorTest {
  /** Admits 192.0.2.1 only; records what it was asked. */
  private static final class Recording implements ReceiveGuard {
    final List<String> asked = new ArrayList<>();

    @Override
    public boolean admit(InetAddress source, boolean invite) {
      asked.add(source.getHostAddress() + (invite ? " INVITE" : " other"));
      return source.getHostAddress().equals("192.0.2.1");
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

  /** A datagram as the receive loop has it: in a larger reused buffer, at offset 0. */
  private static DatagramPacket datagram(String from, String text) throws Exception {
    byte[] buffer = new byte[1500];
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, buffer, 0, bytes.length);
    return new DatagramPacket(buffer, bytes.length, InetAddress.getByName(from), 5060);
  }

  @Test
  void theGuardSeesTheSenderAndWhetherItIsAnInvite() throws Exception {
    Recording guard = new Recording();
    assertFalse(GuardedUdpProcessor.admit(guard, datagram("192.0.2.66", "INVITE sip:echo@x SIP/2.0\r\n")));
    assertTrue(GuardedUdpProcessor.admit(guard, datagram("192.0.2.1", "INVITE sip:echo@x SIP/2.0\r\n")));
    assertTrue(GuardedUdpProcessor.admit(guard, datagram("192.0.2.1", "ACK sip:echo@x SIP/2.0\r\n")));
    assertEquals(List.of("192.0.2.66 INVITE", "192.0.2.1 INVITE", "192.0.2.1 other"), guard.asked);
  }

  @Test
  void anInviteIsRecognisedByItsFirstBytesOnly() throws Exception {
    byte[] invite = "INVITE ".getBytes(StandardCharsets.US_ASCII);
    assertTrue(GuardedUdpProcessor.startsWith(datagram("192.0.2.1", "INVITE "), invite));
    assertFalse(GuardedUdpProcessor.startsWith(datagram("192.0.2.1", "INVIT"), invite), "shorter than the prefix");
    assertFalse(GuardedUdpProcessor.startsWith(datagram("192.0.2.1", "SIP/2.0 200 OK"), invite));
  }
}
