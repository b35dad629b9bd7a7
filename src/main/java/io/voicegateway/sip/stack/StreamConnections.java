package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One stream listener's (TCP, TLS, WebSocket) side of the per-address connection cap: asks the
 * {@link ReceiveGuard} when a connection is accepted, before the stack makes a channel for it, remembers the
 * connections that hold a slot by their remote address and port, and gives each slot back exactly once when its
 * channel is removed (the stack may remove a channel more than once, and a channel's reader may close it before
 * the accept loop has seen the channel object: hence the remote address as key, known before the channel exists).
 */
final class StreamConnections {
  private final ReceiveGuard guard;
  private final Set<InetSocketAddress> held = ConcurrentHashMap.newKeySet();
  private final LongAdder refused = new LongAdder();

  StreamConnections(ReceiveGuard guard) {
    this.guard = guard;
  }

  /**
   * Whether a connection just accepted from {@code remote} may stay open; if so it holds a slot until
   * {@link #closed}. Refusals are counted by the guard (and here, for tests).
   */
  boolean admit(SocketAddress remote) {
    if (!(remote instanceof InetSocketAddress peer)) {
      return true;
    }
    if (!guard.openConnection(peer.getAddress())) {
      refused.increment();
      return false;
    }
    held.add(peer);
    return true;
  }

  /** The channel of an admitted connection is gone: its slot comes back (once). */
  void closed(ConnectionOrientedMessageChannel channel) {
    InetAddress address = channel.getPeerPacketSourceAddress(); // the socket's remote address: no lookup
    if (address != null) {
      release(new InetSocketAddress(address, channel.getPeerPort()));
    }
  }

  /** An admitted connection that never got a channel (the stack failed to make one). */
  void release(SocketAddress remote) {
    if (remote instanceof InetSocketAddress peer && held.remove(peer)) {
      guard.connectionClosed(peer.getAddress());
    }
  }

  /** What makes a channel for an accepted connection (the stack's own factory method). */
  interface ChannelMaker<C> {
    C make() throws IOException;
  }

  /**
   * A non-blocking listener's accept: the channel {@code make} builds for {@code client}, or, when its address is
   * banned or at its cap, the connection closed unread and {@link #REFUSED} thrown (the stack's accept loop logs
   * one line for it, no stack trace, and goes on accepting).
   */
  <C> C accept(SocketChannel client, ChannelMaker<C> make) throws IOException {
    SocketAddress remote = client.getRemoteAddress();
    if (!admit(remote)) {
      client.close();
      throw REFUSED;
    }
    try {
      C channel = make.make();
      if (channel instanceof NioTcpMessageChannel nio) {
        NioStreamMessages.watch(guard, nio); // the per-address rate for each message over it
      }
      return channel;
    } catch (IOException | RuntimeException e) {
      release(remote);
      throw e;
    }
  }

  /** Thrown at a refused accept: one shared instance without a stack trace (a flood must not allocate one each). */
  static final IOException REFUSED = new IOException(
      "connection refused at accept: its address is banned or at limits.max_connections_per_source") {
    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  };

  /** Connections this listener closed at accept. */
  long refused() {
    return refused.sum();
  }
}
