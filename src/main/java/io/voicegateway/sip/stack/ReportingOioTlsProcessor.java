package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.TLSMessageChannel;
import gov.nist.javax.sip.stack.TLSMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;

/**
 * JAIN-SIP's blocking (OIO) TLS listener, the stack's default without WebSocket, that reports each connection
 * it drops ({@link ClosedConnections}) and closes, at accept, a connection from a banned address or one over
 * {@code limits.max_connections_per_source} ({@link StreamConnections}) before its handshake or reader starts.
 */
final class ReportingOioTlsProcessor extends TLSMessageProcessor implements ReportsClosedConnections {
  private final ClosedConnections closed = new ClosedConnections();
  private final StreamConnections connections;

  ReportingOioTlsProcessor(InetAddress address, SIPTransactionStack stack, int port) {
    super(address, stack, port);
    this.connections = new StreamConnections(ReceiveGuards.of(stack));
  }

  /**
   * JAIN-SIP's accept loop with the cap asked first ({@link OioAcceptLoop}); as there, a channel whose handshake
   * is not complete yet is not cached as incoming.
   */
  @Override
  public void run() {
    OioAcceptLoop.run(() -> isRunning, sock, connections, socket -> {
      TLSMessageChannel channel = new TLSMessageChannel(socket, sipStack, this,
          "TLSMessageChannelThread-" + next()) { };
      if (channel.isHandshakeCompleted()) {
        incomingMessageChannels.put(channel.getKey(), channel);
      }
    }, "TLS");
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
    return "tls";
  }

  @Override
  protected synchronized void remove(ConnectionOrientedMessageChannel channel) {
    super.remove(channel);
    connections.closed(channel);
    closed.closed(channel);
  }
}
