package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.NioTlsMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;

/** JAIN-SIP's non-blocking (NIO, used with WebSocket) TLS listener that reports each connection it drops ({@link ClosedConnections}). */
final class ReportingTlsProcessor extends NioTlsMessageProcessor implements ReportsClosedConnections {
  private final ClosedConnections closed = new ClosedConnections();

  ReportingTlsProcessor(InetAddress address, SIPTransactionStack stack, int port) {
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
