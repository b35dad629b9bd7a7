package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.TLSMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;

/**
 * JAIN-SIP's blocking (OIO) TLS listener, the stack's default without WebSocket, that reports each connection
 * it drops ({@link ClosedConnections}).
 */
final class ReportingOioTlsProcessor extends TLSMessageProcessor implements ReportsClosedConnections {
  private final ClosedConnections closed = new ClosedConnections();

  ReportingOioTlsProcessor(InetAddress address, SIPTransactionStack stack, int port) {
    super(address, stack, port);
  }

  @Override
  public ClosedConnections closed() {
    return closed;
  }

  @Override
  public String transportName() {
    return "tls";
  }

  @Override
  protected synchronized void remove(ConnectionOrientedMessageChannel channel) {
    super.remove(channel);
    closed.closed(channel);
  }
}
