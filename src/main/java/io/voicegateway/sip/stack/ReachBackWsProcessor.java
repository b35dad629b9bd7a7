package io.voicegateway.sip.stack;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioWebSocketMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/** JAIN-SIP's SIP over WebSocket listener that reaches browsers back over their own connection ({@link AcceptedWebSockets}). */
final class ReachBackWsProcessor extends NioWebSocketMessageProcessor {
  private final AcceptedWebSockets accepted = new AcceptedWebSockets();
  private final StreamConnections connections;

  ReachBackWsProcessor(InetAddress address, SIPTransactionStack stack, int port) {
    super(address, stack, port);
    this.connections = new StreamConnections(ReceiveGuards.of(stack));
  }

  AcceptedWebSockets accepted() {
    return accepted;
  }

  @Override
  public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
      throws IOException {
    // a banned or over-cap address is closed here, before its HTTP upgrade is read
    return accepted.accepted(client, connections.accept(client, () -> super.createMessageChannel(processor, client)));
  }

  @Override
  public MessageChannel createMessageChannel(HostPort target) throws IOException {
    MessageChannel own = accepted.find(target.getInetAddress(), target.getPort());
    return own != null ? own : super.createMessageChannel(target);
  }

  @Override
  public MessageChannel createMessageChannel(InetAddress host, int port) throws IOException {
    MessageChannel own = accepted.find(host, port);
    return own != null ? own : super.createMessageChannel(host, port);
  }

  @Override
  protected synchronized void remove(ConnectionOrientedMessageChannel channel) {
    accepted.closed(channel);
    connections.closed(channel);
    super.remove(channel);
  }
}
