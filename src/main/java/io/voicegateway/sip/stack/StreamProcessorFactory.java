package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;

/**
 * JAIN-SIP's default (blocking) message processors, with TCP and TLS listeners that report the connections they
 * drop ({@link ClosedConnections}), and the guarded UDP listener ({@link GuardedUdpProcessor}). Used when no WebSocket transport is configured (then
 * {@link WebSocketProcessorFactory}). Named in the stack properties; JAIN-SIP makes it with the no-argument
 * constructor.
 */
public final class StreamProcessorFactory implements MessageProcessorFactory {
  private final OIOMessageProcessorFactory oio = new OIOMessageProcessorFactory();

  @Override
  public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
      String transport) throws IOException {
    if ("TCP".equalsIgnoreCase(transport)) {
      return new ReportingOioTcpProcessor(address, stack, port);
    }
    if ("TLS".equalsIgnoreCase(transport)) {
      return new ReportingOioTlsProcessor(address, stack, port);
    }
    return GuardedProcessorFactory.udp(stack, address, port, transport, oio); // UDP: the guarded listener
  }
}
