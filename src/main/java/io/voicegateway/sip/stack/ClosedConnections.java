package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * Tells who listens when one of a TCP or TLS listener's connections is gone (closed by the peer, reset, or closed
 * by the stack), with the peer's address: an INVITE that arrived over it and is not answered yet can never be
 * answered there, so its call releases its ports at once instead of ringing on (issue 14). Called on the stack's
 * selector thread.
 */
final class ClosedConnections {
  private volatile Consumer<InetSocketAddress> listener = peer -> { };

  void closed(ConnectionOrientedMessageChannel channel) {
    InetAddress peer = channel.getPeerPacketSourceAddress(); // the socket's remote address, an IP: no lookup
    if (peer != null && channel.getPeerPort() > 0) {
      listener.accept(new InetSocketAddress(peer, channel.getPeerPort()));
    }
  }

  void listener(Consumer<InetSocketAddress> listener) {
    this.listener = listener;
  }
}
