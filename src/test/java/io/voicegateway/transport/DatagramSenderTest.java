package io.voicegateway.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.voicegateway.media.Allocations;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct send path on both Netty transports, over real loopback sockets (issue 13): datagrams leave from the
 * leg socket's own port with their bytes intact, nothing is allocated per packet, a full send buffer and a refused
 * send are counted (not thrown, not logged), a closed socket takes no sends, and where no socket is reachable the
 * sender falls back to Netty's write and still delivers.
 */
class DatagramSenderTest {
  private Vertx vertx;
  private java.net.DatagramSocket sink;

  private DatagramSocket bind(String transport, String host) throws Exception {
    boolean epoll = "epoll".equals(transport);
    vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(epoll)).build();
    if (epoll && !vertx.isNativeTransportEnabled()) {
      throw new IllegalStateException("epoll asked for but unavailable: " + vertx.unavailableNativeTransportCause());
    }
    DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions().setIpV6(host.contains(":")));
    await(socket.listen(0, host));
    sink = new java.net.DatagramSocket(0, InetAddress.getByName(host));
    sink.setSoTimeout(10_000);
    return socket;
  }

  @AfterEach
  void stop() throws Exception {
    if (sink != null) {
      sink.close();
    }
    if (vertx != null) {
      await(vertx.close());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void sendsStraightOnTheSocketFromItsOwnPort(String transport) throws Exception {
    DatagramSocket socket = bind(transport, "127.0.0.1");
    RtpSendDrops drops = RtpSendDrops.detached();
    DatagramSender sender = DatagramSender.of(socket, drops);
    assertTrue(sender.direct(), "the socket beneath the channel is reachable");
    assertNull(sender.eventLoop(), "no event-loop hand-off on the direct path");
    assertReceives(sender, socket, new InetSocketAddress("127.0.0.1", sink.getLocalPort()));
    assertEquals(0, drops.bufferFullCount() + drops.errorCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void sendsToAnIpv6Target(String transport) throws Exception {
    assumeTrue(ipv6Loopback(), "no IPv6 loopback on this machine");
    DatagramSocket socket = bind(transport, "::1");
    DatagramSender sender = DatagramSender.of(socket, RtpSendDrops.detached());
    assertTrue(sender.direct());
    assertReceives(sender, socket, new InetSocketAddress("::1", sink.getLocalPort()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void aPacketAllocatesNothing(String transport) throws Exception {
    DatagramSocket socket = bind(transport, "127.0.0.1");
    RtpSendDrops drops = RtpSendDrops.detached();
    DatagramSender sender = DatagramSender.of(socket, drops);
    assertTrue(sender.direct());
    if ("epoll".equals(transport)) {
      assertTrue(EpollDatagramWriter.allocationFree(), "Netty's native sendTo is reachable");
    }
    InetSocketAddress to = new InetSocketAddress("127.0.0.1", sink.getLocalPort());
    byte[] packet = new byte[172];
    packet[0] = (byte) 0x80;
    // The sink never reads: the kernel drops what overflows its receive buffer after the send succeeded.
    long bytes = Allocations.measure(() -> sender.send(packet, 0, packet.length, to), 20_000, 10_000);
    assertEquals(0, bytes, bytes + " B over 10,000 sends");
    assertEquals(0, drops.bufferFullCount() + drops.errorCount(), "every send was taken by the kernel");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void aSendTheKernelRefusesIsCountedNotThrown(String transport) throws Exception {
    DatagramSocket socket = bind(transport, "127.0.0.1");
    RtpSendDrops drops = RtpSendDrops.detached();
    DatagramSender sender = DatagramSender.of(socket, drops);
    assertTrue(sender.direct());
    // Broadcast without SO_BROADCAST: sendto fails with EACCES, every time.
    InetSocketAddress broadcast = new InetSocketAddress("255.255.255.255", 9);
    for (int i = 0; i < 3; i++) {
      sender.send(new byte[20], 0, 20, broadcast);
    }
    assertEquals(3, drops.errorCount());
    assertEquals(0, drops.bufferFullCount());
    // The socket still works after refused sends.
    assertReceives(sender, socket, new InetSocketAddress("127.0.0.1", sink.getLocalPort()));
  }

  @Test
  void aFullSendBufferDropsAndCountsThePacket() throws Exception {
    DatagramSocket socket = bind("nio", "127.0.0.1");
    RtpSendDrops drops = RtpSendDrops.detached();
    int[] calls = new int[1];
    // Loopback hands a datagram to the receiver at once, so a real send buffer never fills here: a writer that
    // finds it full, as a non-blocking send does (it returns 0).
    DatagramSender sender = DatagramSender.withWriter(socket, (packet, to) -> {
      calls[0]++;
      return 0;
    }, drops);
    sender.send(new byte[172], 0, 172, new InetSocketAddress("127.0.0.1", sink.getLocalPort()));
    sender.send(new byte[172], 0, 172, new InetSocketAddress("127.0.0.1", sink.getLocalPort()));
    assertEquals(2, calls[0]);
    assertEquals(2, drops.bufferFullCount());
    assertEquals(0, drops.errorCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void aClosedSocketTakesNoSendAndCountsNone(String transport) throws Exception {
    DatagramSocket socket = bind(transport, "127.0.0.1");
    RtpSendDrops drops = RtpSendDrops.detached();
    DatagramSender sender = DatagramSender.of(socket, drops);
    await(socket.close());
    sender.send(new byte[172], 0, 172, new InetSocketAddress("127.0.0.1", sink.getLocalPort()));
    assertEquals(0, drops.bufferFullCount() + drops.errorCount(), "a leg ending is not a send error");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void theEventLoopFallbackStillDelivers(String transport) throws Exception {
    DatagramSocket socket = bind(transport, "127.0.0.1");
    DatagramSender sender = DatagramSender.viaEventLoop(socket, RtpSendDrops.detached());
    assertFalse(sender.direct());
    assertTrue(sender.eventLoop() != null, "Netty's write, through the channel's event loop");
    assertReceives(sender, socket, new InetSocketAddress("127.0.0.1", sink.getLocalPort()));
  }

  @Test
  void noWriterForAChannelWithoutADatagramSocket() {
    EmbeddedChannel channel = new EmbeddedChannel();
    try {
      assertNull(DirectDatagramWriter.of(channel));
    } finally {
      channel.close();
    }
  }

  /** Three packets with distinct bytes arrive intact, in order, from {@code socket}'s own port. */
  private void assertReceives(DatagramSender sender, DatagramSocket socket, InetSocketAddress to) throws Exception {
    DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
    for (int i = 1; i <= 3; i++) {
      byte[] out = new byte[12 + 160 + i];
      Arrays.fill(out, (byte) i);
      out[0] = (byte) 0x80;
      sender.send(out, 0, out.length, to);
      sink.receive(in);
      assertArrayEquals(out, Arrays.copyOfRange(in.getData(), 0, in.getLength()));
      assertEquals(socket.localAddress().port(), in.getPort(), "sent from the leg socket's port");
    }
  }

  private static boolean ipv6Loopback() {
    try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, InetAddress.getByName("::1"))) {
      return probe.getLocalPort() > 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
