package io.voicegateway.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a leg's datagrams from the mixer thread to an already resolved {@link InetSocketAddress} (issue 13), with one
 * system call on the calling thread and nothing allocated: the packet is copied into this sender's direct buffer and
 * written straight on the socket beneath the Vert.x {@link DatagramSocket}'s Netty channel ({@link
 * DirectDatagramWriter}). Netty's own write from a foreign thread would make a write task, wake the event loop through
 * its eventfd and run the pipeline there for every packet. A send that finds the socket's buffer full drops the
 * packet, and one the kernel refuses is dropped too: both counted in {@link RtpSendDrops}, never logged per packet.
 *
 * <p>Fallbacks, each logged once by the class that found it missing: when the JDK channel or the epoll socket is not
 * reachable, the packet goes through Netty's write as before (a pooled direct buffer, a Netty {@link DatagramPacket},
 * the hand-off to the event loop, the void promise); when even the Netty channel is hidden (it is read from Vert.x's
 * {@code DatagramSocketImpl.channel}), through {@code DatagramSocket.send(buffer, port, literal)}, which resolves the
 * literal per packet.
 *
 * <p>Thread-safe. A sender is mostly used by one thread (a plain leg's RTP by the mixer, its RTCP by the event loop),
 * but a WebRTC leg's one socket carries the mixer's SRTP and the event loop's SRTCP, so the shared buffer is guarded by
 * this object's monitor: uncontended (nearly always) that is one compare-and-swap, cheaper than a per-thread buffer's
 * lookup, and it allocates nothing. The same monitor holds back the channel's close ({@link CloseGuard}) until a send
 * in flight is done, so a send never reaches a descriptor number the kernel has reused.
 */
final class DatagramSender {
  private static final Logger LOG = Logger.getLogger(DatagramSender.class.getName());
  private static final Field CHANNEL = channelField();
  /**
   * {@code -Dvg.rtp_direct_send=false} turns the direct path off (Netty's write through the event loop, as before):
   * for A/B measurements of the two paths in one build, and an escape hatch should a kernel or Netty disagree.
   */
  static final boolean DIRECT_ENABLED = !"false".equals(System.getProperty("vg.rtp_direct_send"));
  /** Larger than any RTP or (S)RTCP packet we make; a bigger one takes the event-loop path. */
  static final int MAX_DATAGRAM = 2048;

  private final DatagramSocket socket;
  private final Channel channel; // null: the Vert.x fallback
  private final DirectDatagramWriter writer; // null: Netty's write (or the Vert.x fallback)
  private final ByteBuffer out; // guarded by this
  private final RtpSendDrops drops;
  private boolean closing; // guarded by this: the channel is closing, nothing more goes to its descriptor

  private DatagramSender(DatagramSocket socket, Channel channel, DirectDatagramWriter writer, RtpSendDrops drops) {
    this.socket = socket;
    this.channel = channel;
    this.writer = writer;
    this.drops = drops;
    this.out = writer == null ? null : ByteBuffer.allocateDirect(MAX_DATAGRAM);
    if (writer != null) {
      channel.pipeline().addFirst(new CloseGuard());
    }
  }

  /** The direct path where the socket beneath is reachable, else Netty's write, else Vert.x's send. */
  static DatagramSender of(DatagramSocket socket, RtpSendDrops drops) {
    Channel channel = channelOf(socket);
    return new DatagramSender(socket, channel,
        channel == null || !DIRECT_ENABLED ? null : DirectDatagramWriter.of(channel), drops);
  }

  /** Netty's write through the event loop (the path before the direct one): benchmarks and the fallback's tests. */
  static DatagramSender viaEventLoop(DatagramSocket socket, RtpSendDrops drops) {
    return new DatagramSender(socket, channelOf(socket), null, drops);
  }

  /** A sender whose direct path is {@code writer} (tests: a writer that finds the buffer full or fails). */
  static DatagramSender withWriter(DatagramSocket socket, DirectDatagramWriter writer, RtpSendDrops drops) {
    return new DatagramSender(socket, channelOf(socket), writer, drops);
  }

  /** Whether sends go straight to the socket on the calling thread. */
  boolean direct() {
    return writer != null;
  }

  /** The event loop that writes this socket's datagrams on the Netty path (the benchmark waits on it); else null. */
  java.util.concurrent.Executor eventLoop() {
    return channel == null || writer != null ? null : channel.eventLoop();
  }

  /** Sends {@code len} bytes of {@code buf} (copied before returning) to {@code to}; any thread. */
  void send(byte[] buf, int off, int len, InetSocketAddress to) {
    if (writer != null && len <= MAX_DATAGRAM) {
      sendDirect(buf, off, len, to);
      return;
    }
    Channel ch = channel;
    if (ch == null) {
      socket.send(Buffer.buffer(len).appendBytes(buf, off, len), to.getPort(), to.getAddress().getHostAddress());
      return;
    }
    ByteBuf data = ch.alloc().directBuffer(len, len).writeBytes(buf, off, len);
    ch.writeAndFlush(new DatagramPacket(data, to), ch.voidPromise());
  }

  private synchronized void sendDirect(byte[] buf, int off, int len, InetSocketAddress to) {
    if (closing) {
      return; // the leg is ending: nothing to count
    }
    out.clear();
    out.put(buf, off, len).flip();
    int n = writer.send(out, to);
    if (n == 0) {
      drops.bufferFull();
    } else if (n < 0 && channel.isOpen()) {
      drops.error();
    }
  }

  private synchronized void closing() {
    closing = true;
  }

  /** First in the pipeline: marks the sender closing, after any send in flight, before Netty closes the socket. */
  private final class CloseGuard extends ChannelOutboundHandlerAdapter {
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
      closing();
      super.close(ctx, promise);
    }
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
