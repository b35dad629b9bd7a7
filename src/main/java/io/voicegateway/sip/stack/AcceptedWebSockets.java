package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The WebSocket connections browsers opened to us, by their remote address. A browser phone cannot be connected to
 * (RFC 7118 §5: its Contact host is a made-up {@code .invalid}, the stack rewrites it to the connection's source), so
 * every request to it must take the connection it registered over. JAIN-SIP caches only the channels it opened
 * itself; asked for a channel to a browser's address it would open a client WebSocket over the browser's own socket
 * (a second HTTP upgrade, masked frames) and the browser drops it. Used from the stack's selector and sender threads.
 */
final class AcceptedWebSockets {
  private final Map<InetSocketAddress, NioTcpMessageChannel> byPeer = new ConcurrentHashMap<>();
  private volatile Consumer<InetSocketAddress> onClosed = peer -> { };

  NioTcpMessageChannel accepted(SocketChannel socket, NioTcpMessageChannel channel) throws IOException {
    SocketAddress remote = socket.getRemoteAddress();
    if (remote instanceof InetSocketAddress peer) {
      byPeer.put(peer, channel);
    }
    return channel;
  }

  /** The browser's own connection from {@code host:port}, or null when none is open (then the stack connects). */
  MessageChannel find(InetAddress host, int port) {
    return byPeer.get(new InetSocketAddress(host, port));
  }

  void closed(ConnectionOrientedMessageChannel channel) {
    byPeer.entrySet().removeIf(e -> {
      if (e.getValue() != channel) {
        return false;
      }
      onClosed.accept(e.getKey());
      return true;
    });
  }

  /** Who hears of a browser's connection closing (the registrar: nothing can reach the browser over it again). */
  void onClosed(Consumer<InetSocketAddress> listener) {
    onClosed = listener;
  }

}
