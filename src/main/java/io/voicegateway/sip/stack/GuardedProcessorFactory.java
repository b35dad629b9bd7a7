package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;

/**
 * JAIN-SIP's blocking message processors with the UDP listener guarded ({@link GuardedUdpProcessor}). Named in
 * the stack properties; JAIN-SIP makes it with the no-argument constructor, so the guard comes from
 * {@link ReceiveGuards}.
 */
public final class GuardedProcessorFactory implements MessageProcessorFactory {
  private final MessageProcessorFactory others = new OIOMessageProcessorFactory();

  @Override
  public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
      String transport) throws IOException {
    return udp(stack, address, port, transport, others);
  }

  /** The guarded UDP listener for UDP, {@code others} for every other transport. */
  static MessageProcessor udp(SIPTransactionStack stack, InetAddress address, int port, String transport,
      MessageProcessorFactory others) throws IOException {
    if ("UDP".equalsIgnoreCase(transport)) {
      return new GuardedUdpProcessor(address, stack, port, ReceiveGuards.of(stack));
    }
    return others.createMessageProcessor(stack, address, port, transport);
  }
}
