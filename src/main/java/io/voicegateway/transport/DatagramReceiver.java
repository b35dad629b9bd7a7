package io.voicegateway.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.internal.ContextInternal;
import java.net.InetSocketAddress;

/**
 * Takes a leg socket's datagrams off its Netty pipeline ahead of the Vert.x handler (issue 13). Vert.x copies each
 * datagram into a new heap buffer and wraps it and its sender in new objects before our handler copies it once more
 * into the leg's array; here the pooled receive buffer is copied once, straight into the leg's reused array, and
 * released, and the sender is Netty's own {@link InetSocketAddress}. The sink still runs as a Vert.x handler of the
 * socket's context ({@link ContextInternal#emit}), on the same event loop, so what it does (timers, the event bus)
 * sees the context it always did. Not thread-safe: one receiver per socket, called on its event loop only.
 */
final class DatagramReceiver extends ChannelInboundHandlerAdapter {
  /**
   * One datagram: {@code len} bytes at the start of {@code buf} (this thread's {@link Datagrams#receiveArray},
   * valid during the call only), or {@code len < 0} when too big.
   */
  @FunctionalInterface
  interface Sink {
    void datagram(byte[] buf, int len, InetSocketAddress sender);
  }

  private final ContextInternal context;
  private final Sink sink;
  private final Handler<DatagramReceiver> dispatch;
  private byte[] into;
  private int len;
  private InetSocketAddress sender;

  private DatagramReceiver(ContextInternal context, Sink sink) {
    this.context = context;
    this.sink = sink;
    this.dispatch = self -> self.sink.datagram(self.into, self.len, self.sender);
  }

  /**
   * Puts a receiver first in {@code socket}'s pipeline; false (nothing changed) when the Netty channel is not
   * reachable, and the caller keeps its Vert.x handler.
   */
  static boolean install(DatagramSocket socket, Context context, Sink sink) {
    Channel channel = DatagramSender.channelOf(socket);
    if (channel == null || !(context instanceof ContextInternal internal)) {
      return false;
    }
    channel.pipeline().addFirst("vg-datagram-receiver", new DatagramReceiver(internal, sink));
    return true;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof DatagramPacket packet)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      ByteBuf data = packet.content();
      into = Datagrams.receiveArray();
      int n = data.readableBytes();
      if (n <= into.length) {
        data.getBytes(data.readerIndex(), into, 0, n);
        len = n;
      } else {
        len = -1;
      }
      sender = packet.sender();
    } finally {
      packet.release();
    }
    context.emit(this, dispatch);
  }
}
