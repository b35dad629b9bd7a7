package io.voicegateway.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a leg's datagrams from the mixer thread to an already resolved {@link InetSocketAddress} on the Netty channel
 * beneath a Vert.x {@link DatagramSocket} (issue 13). {@code DatagramSocket.send(buffer, port, host)} resolves the host
 * string through the Vert.x resolver on every packet (futures, listeners, a Vert.x buffer and a copy: about 4 % of the
 * mixer thread in a 150-call profile); here a packet costs one pooled direct buffer (the copy the asynchronous write
 * needs), one Netty {@link DatagramPacket} and the write's hand-off to the channel's event loop (Netty recycles its
 * task), with the void promise so no future is made.
 *
 * <p>Vert.x does not expose the channel, so it is read once per socket from {@code DatagramSocketImpl.channel}; should
 * a Vert.x release rename that field the sender falls back (logged once) to {@code send(buffer, port, literal)}, which
 * is correct but pays the per-packet resolution again.
 */
final class DatagramSender {
  private static final Logger LOG = Logger.getLogger(DatagramSender.class.getName());
  private static final Field CHANNEL = channelField();

  private final DatagramSocket socket;
  private final Channel channel; // null: the fallback

  private DatagramSender(DatagramSocket socket, Channel channel) {
    this.socket = socket;
    this.channel = channel;
  }

  static DatagramSender of(DatagramSocket socket) {
    return new DatagramSender(socket, channelOf(socket));
  }

  /** Whether sends bypass the Vert.x resolver (the Netty channel was found). */
  boolean direct() {
    return channel != null;
  }

  /** The event loop that writes this socket's datagrams (the benchmark waits on it); null on the fallback. */
  java.util.concurrent.Executor eventLoop() {
    return channel == null ? null : channel.eventLoop();
  }

  /** Sends {@code len} bytes of {@code buf} (copied before returning) to {@code to}; any thread. */
  void send(byte[] buf, int off, int len, InetSocketAddress to) {
    Channel ch = channel;
    if (ch == null) {
      socket.send(Buffer.buffer(len).appendBytes(buf, off, len), to.getPort(), to.getAddress().getHostAddress());
      return;
    }
    ByteBuf data = ch.alloc().directBuffer(len, len).writeBytes(buf, off, len);
    ch.writeAndFlush(new DatagramPacket(data, to), ch.voidPromise());
  }

  /** The Netty channel beneath a Vert.x socket, or null when this Vert.x hides it. */
  static Channel channelOf(DatagramSocket socket) {
    if (CHANNEL == null || !CHANNEL.getDeclaringClass().isInstance(socket)) {
      return null;
    }
    try {
      return CHANNEL.get(socket) instanceof Channel ch ? ch : null;
    } catch (IllegalAccessException e) {
      return null;
    }
  }

  private static Field channelField() {
    try {
      Field f = Class.forName("io.vertx.core.datagram.impl.DatagramSocketImpl").getDeclaredField("channel");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "Vert.x datagram channel not reachable (" + e
          + "): RTP sends go through DatagramSocket.send, resolving the address per packet");
      return null;
    }
  }
}
