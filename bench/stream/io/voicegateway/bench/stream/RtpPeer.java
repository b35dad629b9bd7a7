package io.voicegateway.bench.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The callers' media: every call sends 20 ms PCMU packets of silence with a marker burst every 25th packet (0.5 s,
 * staggered by call), from one sender thread; one receiver thread reads what the gateway sends back and times the
 * bursts in it against the marker the harness last sent the other way (WebSocket media, or RTP for the echo app).
 */
final class RtpPeer implements AutoCloseable {
  static final int MARKER_EVERY = 25;
  private static final int PCMU = 0;

  private final Tally tally;
  private final boolean echo;
  private final byte[] silence = Markers.silence();
  private final byte[] burst = Markers.burst();
  private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rtp-sender");
    t.setDaemon(true);
    t.setPriority(Thread.MAX_PRIORITY);
    return t;
  });
  private final Selector selector;
  private final Queue<Call> joining = new ConcurrentLinkedQueue<>();
  private final Thread receiver;

  /** @param echo the gateway sends the caller's own audio back (echo app): bursts in RTP answer RTP markers */
  RtpPeer(Tally tally, boolean echo) throws IOException {
    this.tally = tally;
    this.echo = echo;
    this.selector = Selector.open();
    this.receiver = new Thread(this::receive, "rtp-receiver");
    receiver.setDaemon(true);
    receiver.setPriority(Thread.MAX_PRIORITY);
    receiver.start();
  }

  static Call open(int index, int port) throws IOException {
    DatagramChannel ch = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", port));
    ch.configureBlocking(false);
    return new Call(index, ch, port);
  }

  /** Starts the call's packets; returns the task to cancel at hang-up. */
  ScheduledFuture<?> start(Call call) {
    joining.add(call);
    selector.wakeup();
    ByteBuffer packet = ByteBuffer.allocate(12 + Markers.FRAME);
    int ssrc = 0x5eed0000 + call.index;
    int markerPhase = call.index % MARKER_EVERY;
    int[] n = {0};
    return sender.scheduleAtFixedRate(() -> {
      if (call.hungUpByGateway) {
        return;   // its port is closed now: packets to it would read as loss
      }
      int i = n[0]++;
      boolean marker = i % MARKER_EVERY == markerPhase;
      packet.clear();
      packet.put((byte) 0x80).put((byte) (i == 0 ? 0x80 | PCMU : PCMU)).putShort((short) i).putInt(i * Markers.FRAME)
          .putInt(ssrc).put(marker ? burst : silence).flip();
      try {
        long now = System.nanoTime();
        call.rtp.send(packet, call.gatewayRtp);
        tally.rtpSent.increment();
        if (marker) {
          call.lastRtpMarkerNs = now;
          if (tally.inWindow(now)) {
            tally.inboundMarkersSent.increment();
          }
        }
      } catch (IOException e) {
        System.err.println("rtp send: " + e);
      }
    }, 0, 20, TimeUnit.MILLISECONDS);
  }

  private void receive() {
    ByteBuffer buf = ByteBuffer.allocate(2048);
    byte[] payload = new byte[2048];
    try {
      while (selector.isOpen()) {
        selector.select();
        for (Call c; (c = joining.poll()) != null; ) {
          c.rtp.register(selector, SelectionKey.OP_READ, c);
        }
        for (SelectionKey key : selector.selectedKeys()) {
          Call call = (Call) key.attachment();
          while (true) {
            buf.clear();
            if (call.rtp.receive(buf) == null) {
              break;
            }
            long now = System.nanoTime();
            buf.flip();
            packet(call, buf, payload, now);
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException | java.nio.channels.ClosedSelectorException e) {
      // closed at the end of the run
    }
  }

  private void packet(Call call, ByteBuffer buf, byte[] payload, long now) {
    if (buf.remaining() < 12) {
      return;
    }
    tally.rtpReceived.increment();
    int b0 = buf.get(0) & 0xff;
    int pt = buf.get(1) & 0x7f;
    int offset = 12 + 4 * (b0 & 0x0f);
    if ((b0 & 0x10) != 0 && buf.remaining() >= offset + 4) {
      offset += 4 + 4 * (buf.getShort(offset + 2) & 0xffff);
    }
    int length = buf.remaining() - offset;
    if (pt != PCMU || length <= 0) {
      tally.rtpOtherPayload.increment();
      return;
    }
    buf.position(offset);
    buf.get(payload, 0, length);
    if (call.rtpOnsets.feed(payload, 0, length) >= 0) {
      call.rtpMatchedNs = tally.onset(echo ? tally.inbound : tally.outbound,
          echo ? call.lastRtpMarkerNs : call.lastWsMarkerNs, now, call.rtpMatchedNs);
    }
  }

  @Override
  public void close() throws IOException {
    sender.shutdownNow();
    selector.close();
  }
}
