package io.voicegateway.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.voicegateway.media.rtp.RtpTarget;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One RTP packet (12-byte header + 160 bytes of PCMU, 20 ms) sent from a non-event-loop thread, as the mixer sends
 * it, over loopback to a socket that never reads (the kernel drops what overflows; the send cost is the same).
 * {@code vertxSendHostString} is the path before issue 13 ({@code DatagramSocket.send(Buffer, port, host)}: a Vert.x
 * buffer and a name resolution per packet); {@code directToResolvedAddress} is {@link DatagramSender} with the
 * target's pre-resolved address. Every {@link #BATCH} packets the benchmark waits until the socket's event loop has
 * written them, so the writes cannot queue without bound and their event-loop cost is inside the measurement. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} counts every thread's allocation (mixer and event loop) per packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RtpSendBenchmark {
  static final int BATCH = 256;

  @Param({"nio", "epoll"})
  public String transport;

  private Vertx vertx;
  private DatagramSocket socket;
  private java.net.DatagramSocket sink;
  private DatagramSender sender;
  private RtpTarget target;
  private final byte[] packet = new byte[172];
  private int sent;
  private Future<Void> last;
  private final AtomicLong drained = new AtomicLong();
  private long barriers;
  private final Runnable barrier = drained::incrementAndGet;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    boolean epoll = "epoll".equals(transport);
    vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(epoll)).build();
    if (vertx.isNativeTransportEnabled() != epoll) {
      throw new IllegalStateException("asked for " + transport + ", native transport enabled: "
          + vertx.isNativeTransportEnabled() + " (" + vertx.unavailableNativeTransportCause() + ")");
    }
    sink = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
    socket = vertx.createDatagramSocket(new DatagramSocketOptions());
    socket.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    sender = DatagramSender.of(socket);
    if (!sender.direct()) {
      throw new IllegalStateException("the Netty channel was not found: the direct path would be the fallback");
    }
    target = new RtpTarget("127.0.0.1", sink.getLocalPort());
    packet[0] = (byte) 0x80;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    sink.close();
  }

  @Benchmark
  public void vertxSendHostString() {
    last = socket.send(Buffer.buffer(packet.length).appendBytes(packet, 0, packet.length), target.port(),
        target.host());
    if (++sent % BATCH == 0) {
      while (!last.isComplete()) {
        Thread.yield(); // let the event loop run: the machine may have fewer cores than busy threads
      }
    }
  }

  @Benchmark
  public void directToResolvedAddress() {
    InetSocketAddress to = target.address();
    sender.send(packet, 0, packet.length, to);
    if (++sent % BATCH == 0) {
      sender.eventLoop().execute(barrier); // runs after the writes queued before it, on the same event loop
      barriers++;
      while (drained.get() < barriers) {
        Thread.yield(); // let the event loop run: the machine may have fewer cores than busy threads
      }
    }
  }
}
