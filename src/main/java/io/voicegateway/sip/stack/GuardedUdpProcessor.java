package io.voicegateway.sip.stack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JAIN-SIP's UDP listener with a guarded receive loop. The stack's own loop reads every datagram into a fresh
 * 64 KB buffer and queues it, unbounded, for its processing thread: under a flood the queue held every flood
 * datagram (and its buffer: RSS in gigabytes) and a trunk's INVITE waited behind them all. This loop reads into one
 * reused buffer, asks the {@link ReceiveGuard} on the receive thread, and copies only an admitted datagram (at its
 * own length) into a bounded queue: a banned or over-limit address costs a map lookup and no allocation of ours.
 * The processing threads are JAIN-SIP's own channels, reading the queue as before. TCP and WebSocket are not
 * touched.
 */
final class GuardedUdpProcessor extends UDPMessageProcessor {
  private static final Logger LOG = Logger.getLogger(GuardedUdpProcessor.class.getName());
  private static final byte[] INVITE = {'I', 'N', 'V', 'I', 'T', 'E', ' '};

  private final ReceiveGuard guard;

  GuardedUdpProcessor(InetAddress address, SIPTransactionStack stack, int port, ReceiveGuard guard)
      throws IOException {
    super(address, stack, port);
    this.guard = guard;
    LinkedBlockingQueue<DatagramQueuedMessageDispatch> queue = new LinkedBlockingQueue<>(guard.queueCapacity());
    this.messageQueue = queue; // before start(): the processing threads read the field on each take
    guard.watchQueue(queue::size);
  }

  @Override
  public void run() {
    int threads = processingThreads();
    messageChannels = new LinkedList<>();
    String name = ((SipStackImpl) sipStack).getStackName() + "-UDPMessageChannelThread-";
    for (int i = 0; i < threads; i++) {
      messageChannels.add(new Channel(sipStack, this, name + i));
    }
    byte[] buffer = new byte[guard.maxDatagram()];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (isRunning) {
      try {
        packet.setData(buffer); // resets the length a short datagram shrank
        sock.receive(packet);
        if (!admit(guard, packet)) {
          continue;
        }
        DatagramPacket own = new DatagramPacket(Arrays.copyOf(buffer, packet.getLength()), packet.getLength(),
            packet.getAddress(), packet.getPort());
        if (!messageQueue.offer(new DatagramQueuedMessageDispatch(own, System.currentTimeMillis()))) {
          guard.queueFull();
        }
      } catch (SocketTimeoutException e) {
        // the thread auditor's ping interval: nothing arrived
      } catch (IOException e) {
        if (!isRunning) {
          return; // stop() closed the socket
        }
        LOG.log(Level.WARNING, "SIP UDP receive failed: " + e);
      }
    }
  }

  /** Whether the guard lets this datagram through (read from the receive buffer, nothing copied). */
  static boolean admit(ReceiveGuard guard, DatagramPacket p) {
    return guard.admit(p.getAddress(), startsWith(p, INVITE));
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

  /**
   * The stack's THREAD_POOL_SIZE (a protected field JAIN-SIP's own loop reads); at least one, since a loop that
   * made a channel per datagram (JAIN-SIP's -1) would give up the queue's bound.
   */
  private int processingThreads() {
    try {
      Field f = SIPTransactionStack.class.getDeclaredField("threadPoolSize");
      f.setAccessible(true);
      return Math.max(1, f.getInt(sipStack));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "SIP UDP processing threads: THREAD_POOL_SIZE unreadable, using 1: " + e);
      return 1;
    }
  }

  /**
   * JAIN-SIP's processing channel: a thread that takes datagrams from this processor's queue and parses them. The
   * raw bytes it sends itself are the stack's stateless answers to what it could not parse: its 400 leaves without
   * the request echoed back ({@link StatelessBadRequest}).
   */
  private final class Channel extends UDPMessageChannel {
    Channel(SIPTransactionStack stack, UDPMessageProcessor processor, String threadName) {
      super(stack, processor, threadName);
    }

    @Override
    protected void sendMessage(byte[] msg, InetAddress address, int port, String transport, boolean retry)
        throws IOException {
      byte[] out = StatelessBadRequest.withoutBody(msg);
      if (out != msg) { // the stack's own bytes, which its message log never sees: counted here
        guard.responses().count(true, 400, StatelessBadRequest.method(out));
      }
      super.sendMessage(out, address, port, transport, retry);
    }
  }
}
