package io.voicegateway.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Sits in a TCP bridge connection's Netty pipeline in front of Vert.x, so that a frame length the bridge's parser
 * cannot take ({@link FrameLengthGuard}) closes the connection before the parser sees it: counted, and logged as
 * one line at most per minute (an unauthenticated client can repeat it at will).
 */
final class FrameGuardHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = Logger.getLogger(FrameGuardHandler.class.getName());
  private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;
  private static final AtomicLong NEXT_LOG = new AtomicLong(Long.MIN_VALUE);

  private final FrameLengthGuard guard = new FrameLengthGuard();
  private final AtomicLong refused;
  private boolean closed;

  /** @param refused counts the connections closed for a bad frame length */
  FrameGuardHandler(AtomicLong refused) {
    this.refused = refused;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closed) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof ByteBuf chunk && !guard.admit(chunk)) {
      closed = true;
      ReferenceCountUtil.release(msg);
      long count = refused.incrementAndGet();
      logRateLimited(ctx, count);
      ctx.close();
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private static void logRateLimited(ChannelHandlerContext ctx, long count) {
    long now = System.nanoTime();
    long next = NEXT_LOG.get();
    if ((next == Long.MIN_VALUE || now - next >= 0) && NEXT_LOG.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
      LOG.warning("TCP bridge: closed a connection from " + ctx.channel().remoteAddress()
          + " sending a frame length outside 0.." + FrameLengthGuard.MAX_FRAME + " (" + count + " so far)");
    }
  }
}
