package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;

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
      return new GuardedUdpProcessor(address, stack, port, ReceiveGuards.of(stack));
    }
    return others.createMessageProcessor(stack, address, port, transport);
  }
}
