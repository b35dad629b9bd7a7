package io.voicegateway.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.voicegateway.media.LegMedia;
import io.voicegateway.media.LegPipeline;
import io.voicegateway.media.LegTransport;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.MediaWatchdog;
import io.voicegateway.media.rtp.RtpPacket;
import io.voicegateway.media.rtp.RtpTarget;
import io.voicegateway.media.rtp.SymmetricLatch;
import io.voicegateway.metrics.GatewayMetrics;

/**
 * The RTP and RTCP sockets of one SIP leg. Receives on the event loop that bound it: parse in place,
 * latch, hand to the leg (which keeps the RFC 3550 statistics), count. Sends from the mixer thread. RTCP
 * reports ({@link LegRtcp}) go out every {@link LegRtcp#INTERVAL_NANOS}.
 *
 * <p>Sending allocates one Vert.x {@link Buffer} per packet: {@code DatagramSocket.send} is asynchronous and
 * takes ownership of its buffer, so the leg's reused packet array has to be copied. Receiving copies each
 * datagram into a reused array and allocates nothing of ours (Vert.x makes the packet object).
 */
final class RtpLegSocket implements LegTransport, LegSocket {
  private static final int MAX_DATAGRAM = 2048;

  private final LegMedia leg;
  private final GatewayMetrics metrics;
  private final DatagramSocket rtp;
  private final DatagramSocket rtcp;
  private final SymmetricLatch latch;
  private final RtpPacket packet = new RtpPacket();
  private final byte[] rx = new byte[MAX_DATAGRAM];
  private final byte[] rtcpRx = new byte[MAX_DATAGRAM];
  private final byte[] rtcpTx = new byte[512];
  private final MediaWatchdog watchdog;
  private final MediaEngine engine;
  private final LegRtcp reports;
  private volatile boolean closed;

  private RtpLegSocket(MediaTransport media, LegMedia leg, DatagramSocket rtp, DatagramSocket rtcp, long now) {
    this.engine = media.engine();
    this.leg = leg;
    this.metrics = media.metrics();
    this.rtp = rtp;
    this.rtcp = rtcp;
    this.latch = new SymmetricLatch(media.config().rtpSymmetric(), new RtpTarget("0.0.0.0", 0));
    this.watchdog = new MediaWatchdog(media.config().rtpTimeout().toNanos(),
        media.config().reconnectionTimeout().toNanos(), now);
    this.reports = new LegRtcp(media, leg, now);
  }

  /** Binds RTP on {@code port} and RTCP on {@code port + 1}; fails if either is taken. */
  static Future<DatagramSocket[]> bind(Vertx vertx, String host, int port) {
    DatagramSocket rtp = vertx.createDatagramSocket(new DatagramSocketOptions());
    DatagramSocket rtcp = vertx.createDatagramSocket(new DatagramSocketOptions());
    return rtp.listen(port, host)
        .compose(r -> rtcp.listen(port + 1, host))
        .map(r -> new DatagramSocket[] {rtp, rtcp})
        .onFailure(e -> {
          rtp.close();
          rtcp.close();
        });
  }

  static RtpLegSocket attach(MediaTransport media, LegMedia leg, DatagramSocket[] sockets) {
    RtpLegSocket socket = new RtpLegSocket(media, leg, sockets[0], sockets[1], media.engine().nanoTime());
    sockets[0].handler(socket::onRtp);
    sockets[1].handler(socket::onRtcp);
    leg.transport(socket);
    return socket;
  }

  @Override
  public LegMedia leg() {
    return leg;
  }

  private void onRtp(DatagramPacket datagram) {
    long now = engine.nanoTime();
    int len = Datagrams.copy(datagram, rx);
    if (len < 0) {
      leg.countInvalid();
      return;
    }
    if (!packet.parse(rx, 0, len)) {
      leg.countInvalid();
      return;
    }
    if (!leg.onRtp(packet, now)) {
      return;
    }
    metrics.rtpReceived(1);
    latch.onPacket(datagram.sender().hostAddress(), datagram.sender().port(), packet.ssrc());
    if (watchdog.onPacket(now) == MediaWatchdog.Change.STARTED) {
      engine.events().audioStarted(leg.callId(), leg.legId());
    }
  }

  private void onRtcp(DatagramPacket datagram) {
    int len = Datagrams.copy(datagram, rtcpRx);
    if (len < 0) {
      return;
    }
    reports.onPacket(rtcpRx, 0, len, engine.nanoTime());
  }

  /** Periodic work on the owning event loop: the media watchdog, metrics, RTCP. */
  @Override
  public void check(long now) {
    if (closed) {
      return;
    }
    LegPipeline p = leg.pipeline();
    boolean expecting = p != null && p.config().receive();
    switch (watchdog.check(now, expecting)) {
      case STOPPED -> engine.events().audioStopped(leg.callId(), leg.legId());
      case LOST -> engine.events().mediaLost(leg.callId(), leg.legId());
      default -> { }
    }
    if (reports.due(now)) {
      reports.recordMetrics();
      RtpTarget target = latch.target();
      if (target.port() > 0) {
        int len = reports.write(rtcpTx, 0, now);
        rtcp.send(Buffer.buffer(len).appendBytes(rtcpTx, 0, len), target.port() + 1, target.host());
      }
    }
  }

  @Override
  public void send(byte[] buf, int off, int len) {
    RtpTarget target = latch.target();
    if (closed || target.port() <= 0) {
      return;
    }
    rtp.send(Buffer.buffer(len).appendBytes(buf, off, len), target.port(), target.host());
  }

  @Override
  public void remote(String host, int port) {
    latch.sdpAddress(new RtpTarget(host, port));
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    reports.recordMetrics(); // the losses since the last report (a read of RTP-thread counters)
    rtp.close();
    rtcp.close();
  }

  @Override
  public boolean closed() {
    return closed;
  }

  RtpTarget target() {
    return latch.target();
  }
}
