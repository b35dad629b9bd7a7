package io.voicegateway.transport;

import io.netty.channel.unix.Errors;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link DirectDatagramWriter} for Netty's native epoll transport: one {@code sendto(2)} on the file descriptor of the
 * {@code EpollDatagramChannel} (its public {@code fd()}, a {@link Socket}), non-blocking as Netty keeps it.
 *
 * <p>Netty's public {@link Socket#sendTo(ByteBuffer, int, int, InetAddress, int)} makes two arrays per call (the
 * address's bytes and their IPv4-mapped form) and throws on every error. So, like the JDK's own datagram channel, the
 * target's address is encoded once per target here (by identity: a leg's target is one immutable object until it
 * moves) and handed to the native method that public one wraps, {@code Socket.sendTo(int fd, boolean ipv6,
 * ByteBuffer, int pos, int limit, byte[] address, int scopeId, int port, int flags)}, which returns the bytes sent or
 * a negative errno: nothing is allocated per packet. That method is private: it is looked up once by reflection and,
 * should a Netty release change it, the public {@code sendTo} is used instead (logged once; correct, but two small
 * arrays a packet).
 *
 * <p>Netty closes the descriptor on the event loop without regard to other threads, and the kernel hands a closed
 * descriptor's number to the next socket opened: a send must never follow the close. The socket's state is checked
 * before each send, and {@link DatagramSender} holds back the channel's close until a send in flight is done.
 */
final class EpollDatagramWriter implements DirectDatagramWriter {
  private static final Logger LOG = Logger.getLogger(EpollDatagramWriter.class.getName());
  private static final MethodHandle SEND_TO = sendToNative();
  private static final Field IPV6 = ipv6Field();

  private final Socket socket;
  private final int fd;
  private final boolean ipv6Socket;
  // The last target's encoding (IPv4 as IPv4-mapped IPv6, what Netty's native code expects either way).
  private InetSocketAddress lastTo;
  private final byte[] address = new byte[16];
  private boolean ipv6;
  private int scopeId;

  private EpollDatagramWriter(Socket socket, boolean ipv6Socket) {
    this.socket = socket;
    this.fd = socket.intValue();
    this.ipv6Socket = ipv6Socket;
  }

  /** The writer for an epoll datagram channel, or null when its socket is not reachable. */
  static EpollDatagramWriter of(UnixChannel channel) {
    if (!(channel.fd() instanceof Socket socket)) {
      return null;
    }
    try {
      return new EpollDatagramWriter(socket, IPV6 != null && IPV6.getBoolean(socket));
    } catch (IllegalAccessException e) {
      return new EpollDatagramWriter(socket, false);
    }
  }

  /** Whether sends go to the private native method (0 B a packet) rather than Netty's public, allocating one. */
  static boolean allocationFree() {
    return SEND_TO != null && IPV6 != null;
  }

  @Override
  public int send(ByteBuffer packet, InetSocketAddress to) {
    if (!socket.isOpen()) {
      return FAILED;
    }
    if (SEND_TO == null || IPV6 == null) {
      return sendPublic(packet, to);
    }
    if (to != lastTo) {
      encode(to);
    }
    int res;
    try {
      res = (int) SEND_TO.invokeExact(fd, ipv6, packet, packet.position(), packet.limit(), address, scopeId,
          to.getPort(), 0);
    } catch (Throwable e) {
      return FAILED;
    }
    if (res >= 0) {
      packet.position(packet.position() + res);
      return res;
    }
    return res == Errors.ERRNO_EAGAIN_NEGATIVE || res == Errors.ERRNO_EWOULDBLOCK_NEGATIVE ? 0 : FAILED;
  }

  private void encode(InetSocketAddress to) {
    InetAddress ip = to.getAddress();
    byte[] raw = ip.getAddress();
    if (ip instanceof Inet6Address v6) {
      System.arraycopy(raw, 0, address, 0, 16);
      scopeId = v6.getScopeId();
      ipv6 = true;
    } else {
      java.util.Arrays.fill(address, 0, 10, (byte) 0);
      address[10] = (byte) 0xff;
      address[11] = (byte) 0xff;
      System.arraycopy(raw, 0, address, 12, 4);
      scopeId = 0;
      ipv6 = ipv6Socket; // an IPv4 target on a dual-stack socket goes as its IPv4-mapped address
    }
    lastTo = to;
  }

  private int sendPublic(ByteBuffer packet, InetSocketAddress to) {
    try {
      int n = socket.sendTo(packet, packet.position(), packet.limit(), to.getAddress(), to.getPort());
      packet.position(packet.position() + n);
      return n;
    } catch (IOException | RuntimeException e) {
      return FAILED; // counted by the caller, never logged per packet
    }
  }

  private static MethodHandle sendToNative() {
    try {
      Method m = Socket.class.getDeclaredMethod("sendTo", int.class, boolean.class, ByteBuffer.class, int.class,
          int.class, byte[].class, int.class, int.class, int.class);
      m.setAccessible(true);
      return MethodHandles.lookup().unreflect(m);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.INFO, "Netty's native sendTo not reachable (" + e
          + "): epoll RTP sends use Socket.sendTo, which allocates its address per packet");
      return null;
    }
  }

  private static Field ipv6Field() {
    try {
      Field f = Socket.class.getDeclaredField("ipv6");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.INFO, "Netty's Socket.ipv6 not reachable (" + e
          + "): epoll RTP sends use Socket.sendTo, which allocates its address per packet");
      return null;
    }
  }
}
