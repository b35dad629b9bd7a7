package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JAIN-SIP's UDP listener with its receive queue guarded. The stack reads every datagram on one thread and queues
 * it for its processing thread(s); under a flood the queue held every flood datagram (with its receive buffer) and
 * a trunk's INVITE waited behind them all. Here the queue asks the {@link ReceiveGuard} on the receive thread
 * before a datagram is queued, so a banned or over-limit address is dropped before any parsing, and the queue is
 * bounded. The per-datagram buffer is cut from JAIN-SIP's 64 KB to {@link ReceiveGuard#maxDatagram} (UDP only:
 * TCP and WebSocket carry large WebRTC offers and are not touched).
 */
final class GuardedUdpProcessor extends UDPMessageProcessor {
  private static final Logger LOG = Logger.getLogger(GuardedUdpProcessor.class.getName());

  GuardedUdpProcessor(InetAddress address, SIPTransactionStack stack, int port, ReceiveGuard guard)
      throws IOException {
    super(address, stack, port);
    GuardedQueue queue = new GuardedQueue(guard);
    this.messageQueue = queue; // before start(): the processing threads read the field on each take
    guard.watchQueue(queue::size);
    shrinkDatagramBuffer(guard.maxDatagram());
  }

  /**
   * JAIN-SIP sizes each datagram's buffer from a private field that also follows MAX_MESSAGE_SIZE, which TCP
   * shares; reflection sets it for this UDP listener alone. Unreachable field: the stack keeps its 64 KB.
   */
  private void shrinkDatagramBuffer(int bytes) {
    try {
      Field f = UDPMessageProcessor.class.getDeclaredField("maxMessageSize");
      f.setAccessible(true);
      f.setInt(this, bytes);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "SIP UDP datagram buffer left at JAIN-SIP's size: " + e);
    }
  }

  /** The stack's receive queue: bounded, and guarded on the way in. */
  static final class GuardedQueue extends LinkedBlockingQueue<DatagramQueuedMessageDispatch> {
    private static final byte[] INVITE = {'I', 'N', 'V', 'I', 'T', 'E', ' '};
    private final transient ReceiveGuard guard;

    GuardedQueue(ReceiveGuard guard) {
      super(guard.queueCapacity());
      this.guard = guard;
    }

    @Override
    public boolean offer(DatagramQueuedMessageDispatch dispatch) {
      DatagramPacket p = dispatch.packet;
      if (!guard.admit(p.getAddress(), startsWith(p, INVITE))) {
        return false;
      }
      if (!super.offer(dispatch)) {
        guard.queueFull();
        return false;
      }
      return true;
    }

    static boolean startsWith(DatagramPacket p, byte[] prefix) {
      if (p.getLength() < prefix.length) {
        return false;
      }
      byte[] data = p.getData();
      int at = p.getOffset();
      for (int i = 0; i < prefix.length; i++) {
        if (data[at + i] != prefix[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
