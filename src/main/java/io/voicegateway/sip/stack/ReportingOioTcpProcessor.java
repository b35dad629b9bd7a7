package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.TCPMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;

/**
 * JAIN-SIP's blocking (OIO) TCP listener, the stack's default without WebSocket, that reports each connection
 * it drops ({@link ClosedConnections}).
 */
final class ReportingOioTcpProcessor extends TCPMessageProcessor implements ReportsClosedConnections {
  private final ClosedConnections closed = new ClosedConnections();

  ReportingOioTcpProcessor(InetAddress address, SIPTransactionStack stack, int port) {
    super(address, stack, port);
  }

  @Override
  public ClosedConnections closed() {
    return closed;
  }

  @Override
  public String transportName() {
    return "tcp";
  }

  @Override
  protected synchronized void remove(ConnectionOrientedMessageChannel channel) {
    super.remove(channel);
    closed.closed(channel);
  }
}
