package io.voicegateway.transport;

import io.netty.channel.Channel;
import io.netty.channel.unix.UnixChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Sends one datagram synchronously on the calling thread, with one system call, straight on the operating-system
 * socket beneath a Netty datagram channel (issue 13). Netty's own write from a non-event-loop thread makes a write
 * task, wakes the channel's event loop (an eventfd write and read) and runs the pipeline there; the mixer sends 50
 * packets a second per leg and needs none of that, since a UDP send never blocks for long and never needs ordering
 * with anything the event loop writes. Receiving is unaffected: the kernel takes a send and a receive on one socket
 * from two threads at once (and the JDK's {@code DatagramChannel} documents one reader and one writer concurrently).
 *
 * <p>Not thread-safe: callers serialize their sends ({@link DatagramSender} does).
 */
interface DirectDatagramWriter {
  /** A send the kernel refused (the caller counts it); distinct from 0, a full send buffer. */
  int FAILED = -1;

  /**
   * Sends the bytes between {@code packet}'s position and limit, a direct buffer, to {@code to} (resolved).
   *
   * @return the bytes sent; 0 when the socket's send buffer is full (the datagram is dropped); {@link #FAILED}
   *     when the kernel refused it or the socket is closed. Never throws for I/O: per-packet failures are counted
   *     by the caller, not thrown and logged.
   */
  int send(ByteBuffer packet, InetSocketAddress to);

  /** The writer for {@code channel}'s socket, or null when there is none (another transport, or not reachable). */
  static DirectDatagramWriter of(Channel channel) {
    if (channel instanceof NioDatagramChannel) {
      return NioDatagramWriter.of(channel);
    }
    // By name: the epoll classes are a runtime dependency only (Linux x86-64), the unix interface is always there.
    if (channel instanceof UnixChannel unix
        && "io.netty.channel.epoll.EpollDatagramChannel".equals(channel.getClass().getName())) {
      return EpollDatagramWriter.of(unix);
    }
    return null;
  }
}
