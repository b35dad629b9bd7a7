package io.voicegateway.transport;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the RTP socket path once before the first call (issue 13): datagrams sent from a worker thread, as the mixer
 * sends, through {@link DatagramSender} to a socket's own resolved address and taken by its {@link DatagramReceiver}.
 * Left cold, the first call's sends and reads (class loading, first JIT of the direct send and of the epoll
 * paths) ran hundreds of milliseconds late on a busy machine and its echo came back scrambled.
 */
public final class DatagramWarmup {
  /** Enough packets for the first JIT tier of the send and receive paths. */
  static final int PACKETS = 2000;
  private static final long GIVE_UP_MS = 5_000;

  private DatagramWarmup() {}

  /** Completes once the packets were sent and at least one came back (or after 5 s: a warm-up never fails a start). */
  public static Future<Void> run(Vertx vertx) {
    Context context = vertx.getOrCreateContext();
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions());
      socket.listen(0, "127.0.0.1").onComplete(bound -> {
        if (bound.failed()) {
          done.tryComplete();
          return;
        }
        AtomicInteger received = new AtomicInteger();
        DatagramReceiver.install(socket, context, (buf, len, sender) -> received.incrementAndGet());
        DatagramSender sender = DatagramSender.of(socket, RtpSendDrops.detached());
        InetSocketAddress self = new InetSocketAddress("127.0.0.1", socket.localAddress().port());
        long giveUp = vertx.setTimer(GIVE_UP_MS, id -> done.tryComplete());
        vertx.executeBlocking(() -> {
          byte[] packet = new byte[172];
          packet[0] = (byte) 0x80;
          for (int i = 0; i < PACKETS; i++) {
            sender.send(packet, 0, packet.length, self);
            if (i % 50 == 49) {
              Thread.sleep(1); // a tick's worth at a time: the socket's receive buffer keeps up
            }
          }
          return null;
        }, false).onComplete(sent -> vertx.setPeriodic(10, id -> {
          if (received.get() > 0 || done.future().isComplete()) {
            vertx.cancelTimer(id);
            vertx.cancelTimer(giveUp);
            done.tryComplete();
          }
        }));
      });
      done.future().onComplete(ar -> socket.close());
    });
    return done.future();
  }
}
