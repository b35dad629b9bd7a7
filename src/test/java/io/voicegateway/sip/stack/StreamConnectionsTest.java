package io.voicegateway.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamConnectionsTest {
  /** A guard that admits {@code cap} open connections in all and records what it is told. */
  private static final class FakeGuard implements ReceiveGuard {
    int open;
    int cap = 2;
    final List<InetAddress> closed = new ArrayList<>();

    @Override
    public boolean openConnection(InetAddress source) {
      if (open >= cap) {
        return false;
      }
      open++;
      return true;
    }

    @Override
    public void connectionClosed(InetAddress source) {
      open--;
      closed.add(source);
    }

    @Override
    public boolean admit(InetAddress source, boolean invite) {
      return true;
    }

    @Override
    public int queueCapacity() {
      return 1;
    }

    @Override
    public int maxDatagram() {
      return 1500;
    }
  }

  @Test
  void eachAdmittedConnectionGivesItsSlotBackOnce() throws Exception {
    FakeGuard guard = new FakeGuard();
    StreamConnections connections = new StreamConnections(guard);
    InetSocketAddress one = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 40001);
    InetSocketAddress two = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 40002);
    InetSocketAddress three = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 40003);
    assertTrue(connections.admit(one));
    assertTrue(connections.admit(two));
    assertFalse(connections.admit(three), "the guard refuses the third");
    assertEquals(1, connections.refused());

    connections.release(one);
    connections.release(one); // the stack removes a channel more than once: one slot back
    connections.release(three); // refused: held no slot, gives none back
    assertEquals(1, guard.open);
    assertEquals(1, guard.closed.size());
  }

  @Test
  void aRefusedAcceptThrowsTheSharedExceptionWithoutAStackTrace() {
    assertEquals(0, StreamConnections.REFUSED.getStackTrace().length);
    assertThrows(IOException.class, () -> {
      throw StreamConnections.REFUSED;
    });
  }

  @Test
  void anInviteIsToldApartFromOtherRequestsByItsFirstBytes() {
    byte[] invite = "INVITE sip:a@b SIP/2.0\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] options = "OPTIONS sip:a@b SIP/2.0\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] prefix = {'I', 'N', 'V', 'I', 'T', 'E', ' '};
    assertTrue(StreamMessages.startsWith(invite, prefix));
    assertFalse(StreamMessages.startsWith(options, prefix));
    assertFalse(StreamMessages.startsWith(new byte[3], prefix));
  }
}
