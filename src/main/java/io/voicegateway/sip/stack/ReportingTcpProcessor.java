package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;

/** JAIN-SIP's non-blocking (NIO, used with WebSocket) TCP listener that reports each connection it drops ({@link ClosedConnections}). */
final class ReportingTcpProcessor extends NioTcpMessageProcessor implements ReportsClosedConnections {
  private final ClosedConnections closed = new ClosedConnections();

  ReportingTcpProcessor(InetAddress address, SIPTransactionStack stack, int port) {
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
