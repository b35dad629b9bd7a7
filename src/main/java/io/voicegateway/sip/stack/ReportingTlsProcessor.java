package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.NioTlsMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;

/** JAIN-SIP's NIO TLS listener that reports each connection it drops ({@link ClosedConnections}). */
final class ReportingTlsProcessor extends NioTlsMessageProcessor {
  private final ClosedConnections closed = new ClosedConnections();

  ReportingTlsProcessor(InetAddress address, SIPTransactionStack stack, int port) {
    super(address, stack, port);
  }

  ClosedConnections closed() {
    return closed;
  }

  @Override
  protected synchronized void remove(ConnectionOrientedMessageChannel channel) {
    super.remove(channel);
    closed.closed(channel);
  }
}
