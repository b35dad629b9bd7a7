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
 * it, over loopback to a socket that never reads during an iteration (the kernel drops what overflows its receive
 * buffer; the send cost is the same). {@code vertxSendHostString} is the path before issue 13
 * ({@code DatagramSocket.send(Buffer, port, host)}: a Vert.x buffer and a name resolution per packet);
 * {@code eventLoopWrite} is Netty's write of a {@code DatagramPacket} to the resolved address, handed to the socket's
 * event loop ({@link DatagramSender#viaEventLoop}, the path from the first issue-13 round to this one): every
 * {@link #BATCH} packets the benchmark waits until the event loop has written them, so the writes cannot queue
 * without bound and their event-loop cost is inside the measurement. {@code direct} is {@link DatagramSender} now:
 * one synchronous {@code sendto} on the calling thread. After every iteration a marked packet sent on the direct
 * path must reach the sink and no send may have been counted as dropped, so the figures are of packets that were
 * really written. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} counts every thread's allocation (sender and
 * event loop) per packet.
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
  private DatagramSender viaEventLoop;
  private final RtpSendDrops drops = RtpSendDrops.detached();
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
    sender = DatagramSender.of(socket, drops);
    if (!sender.direct()) {
      throw new IllegalStateException("the socket beneath the channel was not found: the direct path would be the"
          + " fallback");
    }
    viaEventLoop = DatagramSender.viaEventLoop(socket, drops);
    target = new RtpTarget("127.0.0.1", sink.getLocalPort());
    packet[0] = (byte) 0x80;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    sink.close();
  }

  /** Every iteration's packets were really sent: none counted as dropped, and a marked one reaches the sink. */
  @TearDown(Level.Iteration)
  public void checkWritten() throws Exception {
    if (drops.bufferFullCount() + drops.errorCount() > 0) {
      throw new IllegalStateException("sends dropped: " + drops.bufferFullCount() + " buffer full, "
          + drops.errorCount() + " errors");
    }
    java.net.DatagramPacket in = new java.net.DatagramPacket(new byte[2048], 2048);
    sink.setSoTimeout(1);
    try {
      while (true) {
        sink.receive(in); // what the iteration left in the sink's buffer
      }
    } catch (java.net.SocketTimeoutException drained) {
      // empty
    }
    byte[] marked = packet.clone();
    marked[1] = 0x7f;
    sender.send(marked, 0, marked.length, target.address());
    sink.setSoTimeout(5_000);
    do {
      sink.receive(in); // a straggler of the event-loop path may come first; SocketTimeoutException fails the run
    } while (in.getData()[1] != 0x7f);
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
  public void direct() {
    sender.send(packet, 0, packet.length, target.address());
  }

  @Benchmark
  public void eventLoopWrite() {
    InetSocketAddress to = target.address();
    viaEventLoop.send(packet, 0, packet.length, to);
    if (++sent % BATCH == 0) {
      viaEventLoop.eventLoop().execute(barrier); // runs after the writes queued before it, on the same event loop
      barriers++;
      while (drained.get() < barriers) {
        Thread.yield(); // let the event loop run: the machine may have fewer cores than busy threads
      }
    }
  }
}
