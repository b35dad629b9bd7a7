package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;

/**
 * JAIN-SIP's NIO message processors, with WS and WSS listeners that reach browsers back over their own connection
 * ({@link AcceptedWebSockets}), and TCP and TLS listeners that report the connections they drop
 * ({@link ClosedConnections}). Named in the stack properties; JAIN-SIP makes it with the no-argument constructor.
 */
public final class WebSocketProcessorFactory implements MessageProcessorFactory {
  private final NioMessageProcessorFactory nio = new NioMessageProcessorFactory();

  @Override
  public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
      String transport) throws IOException {
    if ("WS".equalsIgnoreCase(transport)) {
      return new ReachBackWsProcessor(address, stack, port);
    }
    if ("WSS".equalsIgnoreCase(transport)) {
      return new ReachBackWssProcessor(address, stack, port);
    }
    if ("TCP".equalsIgnoreCase(transport)) {
      return new ReportingTcpProcessor(address, stack, port);
    }
    if ("TLS".equalsIgnoreCase(transport)) {
      return new ReportingTlsProcessor(address, stack, port);
    }
    return GuardedProcessorFactory.udp(stack, address, port, transport, nio); // UDP guarded as without WebSocket
  }
}
