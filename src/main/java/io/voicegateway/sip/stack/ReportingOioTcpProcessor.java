package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.TCPMessageChannel;
import gov.nist.javax.sip.stack.TCPMessageProcessor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JAIN-SIP's blocking (OIO) TCP listener, the stack's default without WebSocket, that reports each connection
 * it drops ({@link ClosedConnections}) and closes, at accept, a connection from a banned address or one over
 * {@code limits.max_connections_per_source} ({@link StreamConnections}) before a reader thread is started for it.
 */
final class ReportingOioTcpProcessor extends TCPMessageProcessor implements ReportsClosedConnections {
  private static final Logger LOG = Logger.getLogger(ReportingOioTcpProcessor.class.getName());

  private final ClosedConnections closed = new ClosedConnections();
  private final StreamConnections connections;

  ReportingOioTcpProcessor(InetAddress address, SIPTransactionStack stack, int port) {
    super(address, stack, port);
    this.connections = new StreamConnections(ReceiveGuards.of(stack));
  }

  /**
   * JAIN-SIP's accept loop with the cap asked first. Its own loop makes the channel (and its thread) for every
   * connection, so it cannot be hooked; this one is the same but for the check. The stack's MAX_CONNECTIONS wait is
   * left out: the stack is not given that property (the cap here is per address).
   */
  @Override
  public void run() {
    while (isRunning) {
      Socket socket;
      try {
        socket = sock.accept();
      } catch (IOException e) {
        if (!isRunning || sock.isClosed()) {
          return; // stop() closed the listening socket
        }
        LOG.log(Level.WARNING, "SIP TCP accept failed: " + e);
        continue;
      }
      SocketAddress remote = socket.getRemoteSocketAddress();
      if (!connections.admit(remote)) {
        closeQuietly(socket);
        continue;
      }
      try {
        TCPMessageChannel channel = new TCPMessageChannel(socket, sipStack, this,
            "TCPMessageChannelThread-" + next()) { };
        incomingMessageChannels.put(channel.getKey(), channel);
      } catch (IOException | RuntimeException e) {
        connections.release(remote);
        closeQuietly(socket);
        LOG.log(Level.WARNING, "SIP TCP connection from " + remote + " dropped: " + e);
      }
    }
  }

  private synchronized int next() {
    return ++nConnections;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a connection we refuse: nothing to do about a failure
    }
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
