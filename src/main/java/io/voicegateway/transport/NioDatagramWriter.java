package io.voicegateway.transport;

import io.netty.channel.Channel;
import io.netty.channel.nio.AbstractNioChannel;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link DirectDatagramWriter} for Netty's NIO transport: {@link DatagramChannel#send} on the JDK channel beneath the
 * {@code NioDatagramChannel}, which Netty keeps non-blocking (a full send buffer returns 0 instead of waiting). From a
 * direct buffer the JDK sends without a copy, and it re-encodes the target's socket address only when the target
 * object changes, so a send allocates nothing. The JDK channel is safe to use from this thread while the event loop
 * reads it (one reader and one writer concurrently) or writes to it (its write lock serializes the two), and a
 * concurrent close is safe too: the JDK never lets a send reach a file descriptor number that was closed and reused.
 *
 * <p>Netty keeps the channel behind the protected {@code AbstractNioChannel.javaChannel()}: it is read once per socket
 * by reflection; if a Netty release moves it, {@link #of} logs once and returns null (the caller keeps Netty's write).
 */
final class NioDatagramWriter implements DirectDatagramWriter {
  private static final Logger LOG = Logger.getLogger(NioDatagramWriter.class.getName());
  private static final Method JAVA_CHANNEL = javaChannelMethod();

  private final DatagramChannel channel;

  NioDatagramWriter(DatagramChannel channel) {
    this.channel = channel;
  }

  /** The writer for a Netty NIO datagram channel, or null when its JDK channel is not reachable. */
  static NioDatagramWriter of(Channel netty) {
    if (JAVA_CHANNEL == null || !(netty instanceof AbstractNioChannel)) {
      return null;
    }
    try {
      return JAVA_CHANNEL.invoke(netty) instanceof DatagramChannel jdk ? new NioDatagramWriter(jdk) : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public int send(ByteBuffer packet, InetSocketAddress to) {
    try {
      return channel.send(packet, to);
    } catch (IOException | RuntimeException e) {
      // closed (a leg ending while the mixer sends), ICMP errors the kernel reports on the socket (a refused port
      // surfaces as PortUnreachableException), no route: the caller counts it; nothing is logged per packet.
      return FAILED;
    }
  }

  private static Method javaChannelMethod() {
    try {
      Method m = AbstractNioChannel.class.getDeclaredMethod("javaChannel");
      m.setAccessible(true);
      return m;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "Netty's JDK datagram channel not reachable (" + e
          + "): RTP sends on NIO go through the channel's event loop");
      return null;
    }
  }
}
