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
import io.voicegateway.media.rtp.ReceiveStats;
import io.voicegateway.media.rtp.RtcpReports;
import io.voicegateway.media.rtp.RtpPacket;
import io.voicegateway.media.rtp.RtpPacketizer;
import io.voicegateway.media.rtp.RtpTarget;
import io.voicegateway.media.rtp.SymmetricLatch;
import io.voicegateway.metrics.GatewayMetrics;
import java.time.Clock;

/**
 * The RTP and RTCP sockets of one SIP leg. Receives on the event loop that bound it: parse in place,
 * latch, hand to the leg (which keeps the RFC 3550 statistics), count. Sends from the mixer thread. RTCP
 * reports, built from the leg's {@link ReceiveStats}, go out every {@link #RTCP_INTERVAL_NANOS}.
 *
 * <p>Sending allocates one Vert.x {@link Buffer} per packet: {@code DatagramSocket.send} is asynchronous and
 * takes ownership of its buffer, so the leg's reused packet array has to be copied. Receiving copies each
 * datagram into a reused array and allocates nothing of ours (Vert.x makes the packet object).
 */
final class RtpLegSocket implements LegTransport {
  static final long RTCP_INTERVAL_NANOS = 5_000_000_000L;
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
  private final RtcpReports.Report lastReport = new RtcpReports.Report();
  private final MediaWatchdog watchdog;
  private final MediaEngine engine;
  private final Clock wallClock;
  private long lastSrNtpMiddle;
  private long lastSrArrivalNanos;
  private long nextRtcpNanos;
  private long reportedLost;
  private int reportedRestarts;
  private volatile boolean closed;

  private RtpLegSocket(MediaTransport media, LegMedia leg, DatagramSocket rtp, DatagramSocket rtcp, long now) {
    this.engine = media.engine();
    this.leg = leg;
    this.metrics = media.metrics();
    this.wallClock = media.wallClock();
    this.rtp = rtp;
    this.rtcp = rtcp;
    this.latch = new SymmetricLatch(media.config().rtpSymmetric(), new RtpTarget("0.0.0.0", 0));
    this.watchdog = new MediaWatchdog(media.config().rtpTimeout().toNanos(),
        media.config().reconnectionTimeout().toNanos(), now);
    this.nextRtcpNanos = now + RTCP_INTERVAL_NANOS;
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

  LegMedia leg() {
    return leg;
  }

  private void onRtp(DatagramPacket datagram) {
    long now = engine.nanoTime();
    Buffer data = datagram.data();
    int len = data.length();
    if (len > MAX_DATAGRAM) {
      leg.countInvalid();
      return;
    }
    data.getBytes(0, len, rx, 0);
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
    Buffer data = datagram.data();
    int len = data.length();
    if (len > MAX_DATAGRAM) {
      return;
    }
    data.getBytes(0, len, rtcpRx, 0);
    if (RtcpReports.parse(rtcpRx, 0, len, leg.packetizer().ssrc(), lastReport) && lastReport.fromSender) {
      lastSrNtpMiddle = lastReport.ntpMiddle;
      lastSrArrivalNanos = engine.nanoTime();
    }
  }

  /** Periodic work on the owning event loop: the media watchdog, metrics, RTCP. */
  void check(long now) {
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
    if (now - nextRtcpNanos >= 0) {
      nextRtcpNanos = now + RTCP_INTERVAL_NANOS;
      sendRtcp(now);
    }
  }

  private void sendRtcp(long now) {
    recordMetrics();
    sendRtcpReport(now, latch.target());
  }

  /** Adds this leg's new losses and its current jitter to the process totals. */
  private void recordMetrics() {
    ReceiveStats stats = leg.receiveStats();
    if (!stats.started()) {
      return;
    }
    if (stats.restarts() != reportedRestarts) {
      reportedRestarts = stats.restarts(); // a new source counts its losses from zero
      reportedLost = 0;
    }
    long lost = Math.max(0, stats.cumulativeLost());
    if (lost > reportedLost) {
      metrics.rtpLost(lost - reportedLost);
      reportedLost = lost;
    }
    metrics.rtpJitter(stats.jitterMs());
  }

  private void sendRtcpReport(long now, RtpTarget target) {
    if (target.port() <= 0) {
      return;
    }
    RtpPacketizer out = leg.packetizer();
    long dlsr = lastSrArrivalNanos == 0 ? 0 : (now - lastSrArrivalNanos) * 65536 / 1_000_000_000L;
    int len = RtcpReports.write(rtcpTx, 0, out.ssrc(), wallClock.millis(),
        new RtcpReports.SenderInfo(out.timestamp(), out.packets(), out.octets()), leg.receiveStats(), lastSrNtpMiddle, dlsr,
        leg.legId() + "@voicegateway");
    rtcp.send(Buffer.buffer(len).appendBytes(rtcpTx, 0, len), target.port() + 1, target.host());
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
    recordMetrics(); // the losses since the last report (a read of RTP-thread counters)
    rtp.close();
    rtcp.close();
  }

  boolean closed() {
    return closed;
  }

  RtpTarget target() {
    return latch.target();
  }
}
