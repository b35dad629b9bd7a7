package io.voicegateway.transport;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Where the epoll transport's extra delay comes from (docs/performance.md, RTP I/O): the gateway's media path in
 * miniature on one transport. A worker verticle ticks on a 10 ms Vert.x periodic timer, as {@code MixerVerticle}
 * does, and on each tick sends one 172-byte datagram carrying its send time through {@link DatagramSender} to a
 * loopback socket read by {@link DatagramReceiver}, as a leg's RTP is. Prints the timer's lateness (each tick's gap
 * beyond 10 ms) and the datagram's one-way delay (sent to handled), p50/p99/max, after a 2 s warm-up.
 * usage: {@code java -cp <bench classpath> io.voicegateway.transport.TransportLatencyProbe nio|epoll [SECONDS]}
 */
public final class TransportLatencyProbe {
  private TransportLatencyProbe() {}

  public static void main(String[] args) throws Exception {
    boolean epoll = args.length > 0 && args[0].equals("epoll");
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(epoll));
    if (epoll != vertx.isNativeTransportEnabled()) {
      throw new IllegalStateException("asked for epoll=" + epoll + ", got " + vertx.isNativeTransportEnabled()
          + " (" + vertx.unavailableNativeTransportCause() + ")");
    }
    int n = seconds * 100;
    long[] late = new long[n];
    long[] oneWay = new long[n];
    int[] counts = new int[2];
    CountDownLatch done = new CountDownLatch(1);
    DatagramSocket rx = vertx.createDatagramSocket(new DatagramSocketOptions());
    DatagramSocket tx = vertx.createDatagramSocket(new DatagramSocketOptions());
    rx.listen(0, "127.0.0.1").await();
    tx.listen(0, "127.0.0.1").await();
    DatagramReceiver.install(rx, vertx.getOrCreateContext(), (buf, len, from) -> {
      long sent = ByteBuffer.wrap(buf, 0, 8).getLong();
      if (sent > 0 && counts[1] < n) {
        oneWay[counts[1]++] = System.nanoTime() - sent;
      }
    });
    DatagramSender sender = DatagramSender.of(tx, RtpSendDrops.detached());
    InetSocketAddress to = new InetSocketAddress("127.0.0.1", rx.localAddress().port());
    long warmUpUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    vertx.deployVerticle(new VerticleBase() {
      private long last;
      private final byte[] packet = new byte[172];

      @Override
      public Future<?> start() {
        vertx.setPeriodic(10, id -> {
          long now = System.nanoTime();
          boolean measuring = now > warmUpUntil;
          if (measuring && last != 0 && counts[0] < n) {
            late[counts[0]++] = now - last - 10_000_000L;
          }
          last = now;
          ByteBuffer.wrap(packet, 0, 8).putLong(measuring ? now : 0);
          sender.send(packet, 0, packet.length, to);
          if (counts[0] >= n) {
            vertx.cancelTimer(id);
            done.countDown();
          }
        });
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).await();
    done.await(seconds + 30L, TimeUnit.SECONDS);
    Thread.sleep(200);
    System.out.printf(Locale.ROOT, "%s: timer lateness %s; datagram one-way %s%n", epoll ? "epoll" : "nio",
        stats(late, counts[0]), stats(oneWay, counts[1]));
    vertx.close().await();
  }

  private static String stats(long[] values, int count) {
    long[] v = Arrays.copyOf(values, count);
    Arrays.sort(v);
    if (count == 0) {
      return "none";
    }
    return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d", v[count / 2] / 1e6,
        v[Math.min(count - 1, count * 99 / 100)] / 1e6, v[count - 1] / 1e6, count);
  }
}
