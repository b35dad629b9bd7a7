package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.NioTlsMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/** JAIN-SIP's non-blocking (NIO, used with WebSocket) TLS listener that reports each connection it drops ({@link ClosedConnections}). */
final class ReportingTlsProcessor extends NioTlsMessageProcessor implements ReportsClosedConnections {
  private final ClosedConnections closed = new ClosedConnections();
  private final StreamConnections connections;

  ReportingTlsProcessor(InetAddress address, SIPTransactionStack stack, int port) {
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
    return "tls";
  }

  @Override
  protected synchronized void remove(ConnectionOrientedMessageChannel channel) {
    super.remove(channel);
    connections.closed(channel);
    closed.closed(channel);
  }
}
