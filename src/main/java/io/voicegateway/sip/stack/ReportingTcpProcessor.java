package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/** JAIN-SIP's non-blocking (NIO, used with WebSocket) TCP listener that reports each connection it drops ({@link ClosedConnections}). */
final class ReportingTcpProcessor extends NioTcpMessageProcessor implements ReportsClosedConnections {
  private final ClosedConnections closed = new ClosedConnections();
  private final StreamConnections connections;

  ReportingTcpProcessor(InetAddress address, SIPTransactionStack stack, int port) {
    super(address, stack, port);
    this.connections = new StreamConnections(ReceiveGuards.of(stack));
  }

  /** Called by the accept loop before the connection is registered: a banned or over-cap address is closed here. */
  @Override
  public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
      throws IOException {
    return connections.accept(client, () -> super.createMessageChannel(processor, client));
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
    connections.closed(channel);
    closed.closed(channel);
  }
}
