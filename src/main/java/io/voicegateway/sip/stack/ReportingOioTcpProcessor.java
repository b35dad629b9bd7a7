package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.TCPMessageChannel;
import gov.nist.javax.sip.stack.TCPMessageProcessor;
import java.net.InetAddress;

/**
 * JAIN-SIP's blocking (OIO) TCP listener, the stack's default without WebSocket, that reports each connection
 * it drops ({@link ClosedConnections}) and closes, at accept, a connection from a banned address or one over
 * {@code limits.max_connections_per_source} ({@link StreamConnections}) before a reader thread is started for it.
 */
final class ReportingOioTcpProcessor extends TCPMessageProcessor implements ReportsClosedConnections {
  private final ClosedConnections closed = new ClosedConnections();
  private final StreamConnections connections;

  ReportingOioTcpProcessor(InetAddress address, SIPTransactionStack stack, int port) {
    super(address, stack, port);
    this.connections = new StreamConnections(ReceiveGuards.of(stack));
  }

  /** JAIN-SIP's accept loop with the cap asked first ({@link OioAcceptLoop}). */
  @Override
  public void run() {
    OioAcceptLoop.run(() -> isRunning, sock, connections, socket -> {
      TCPMessageChannel channel = new TCPMessageChannel(socket, sipStack, this,
          "TCPMessageChannelThread-" + next()) { };
      incomingMessageChannels.put(channel.getKey(), channel);
    }, "TCP");
  }

  private synchronized int next() {
    return ++nConnections;
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
