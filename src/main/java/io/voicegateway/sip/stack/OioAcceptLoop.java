package io.voicegateway.sip.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The accept loop of our blocking (OIO) TCP and TLS listeners: JAIN-SIP's own makes a channel, and with it a reader
 * thread, for every connection, so it cannot be hooked; this one asks {@link StreamConnections} first and closes a
 * connection from a banned or over-cap address unread. The stack's MAX_CONNECTIONS wait is left out: the stack is
 * not given that property (the cap here is per address).
 */
final class OioAcceptLoop {
  private static final Logger LOG = Logger.getLogger(OioAcceptLoop.class.getName());

  /** Makes (and registers with its listener) the channel for an admitted connection. */
  interface Channels {
    void make(Socket socket) throws IOException;
  }

  private OioAcceptLoop() {}

  static void run(BooleanSupplier running, ServerSocket listening, StreamConnections connections,
      Channels channels, String transport) {
    while (running.getAsBoolean()) {
      Socket socket;
      try {
        socket = listening.accept();
      } catch (IOException e) {
        if (!running.getAsBoolean() || listening.isClosed()) {
          return; // stop() closed the listening socket
        }
        LOG.log(Level.WARNING, "SIP " + transport + " accept failed: " + e);
        continue;
      }
      SocketAddress remote = socket.getRemoteSocketAddress();
      if (!connections.admit(remote)) {
        closeQuietly(socket);
        continue;
      }
      try {
        channels.make(socket);
      } catch (IOException | RuntimeException e) {
        connections.release(remote);
        closeQuietly(socket);
        LOG.log(Level.WARNING, "SIP " + transport + " connection from " + remote + " dropped: " + e);
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a connection we refuse: nothing to do about a failure
    }
  }
}
