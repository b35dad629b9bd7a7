package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.lang.reflect.Field;

/**
 * The UDP choice both of our processor factories make ({@link StreamProcessorFactory} without WebSocket,
 * {@link WebSocketProcessorFactory} with it): JAIN-SIP makes a factory with its no-argument constructor, so the
 * guard comes from {@link ReceiveGuards}.
 */
final class GuardedProcessorFactory {
  private GuardedProcessorFactory() {
  }

  /** The guarded UDP listener ({@link GuardedUdpProcessor}) for UDP, {@code others} for every other transport. */
  static MessageProcessor udp(SIPTransactionStack stack, InetAddress address, int port, String transport,
      MessageProcessorFactory others) throws IOException {
    if ("UDP".equalsIgnoreCase(transport)) {
      sendFromListeningSocket(stack);
      return new GuardedUdpProcessor(address, stack, port, ReceiveGuards.of(stack));
    }
    return others.createMessageProcessor(stack, address, port, transport);
  }

  /**
   * What JAIN-SIP's own factories do when they make the UDP listener: set the stack's package-private
   * {@code udpFlag}, without which every UDP request goes out of a fresh ephemeral socket and a peer answering to
   * the source port (SIPp, NATed trunks, rport) answers into a closed socket: the gateway as UAC never heard its
   * 401s and 180s.
   */
  private static void sendFromListeningSocket(SIPTransactionStack stack) throws IOException {
    try {
      Field flag = SIPTransactionStack.class.getDeclaredField("udpFlag");
      flag.setAccessible(true);
      flag.setBoolean(stack, true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IOException("JAIN-SIP's udpFlag cannot be set; UDP requests would leave from ephemeral ports", e);
    }
  }
}
