package io.voicegateway.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.voicegateway.config.MediaConfig;
import io.voicegateway.media.LegMedia;
import io.voicegateway.media.LegPipeline;
import io.voicegateway.media.LegTransport;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.MediaWatchdog;
import io.voicegateway.media.RtpReceiveGate;
import io.voicegateway.media.rtp.RtpTarget;
import io.voicegateway.media.rtp.RtpDrop;
import io.voicegateway.media.rtp.RtpSourceLatch;
import io.voicegateway.metrics.GatewayMetrics;

/**
 * The RTP and RTCP sockets of one SIP leg. Receives on the event loop that bound it: the {@link RtpReceiveGate}
 * parses in place, checks the payload type and learns the source strictly ({@link RtpSourceLatch}: junk and
 * foreign sources are counted by reason and dropped, never latched) before the leg takes the packet; RTCP is
 * taken only from the learnt source's host. Counts, feeds the media watchdog. Sends from the mixer thread. RTCP
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
  private final RtpSourceLatch latch;
  private final RtpGuardMeters guard;
  private final RtpReceiveGate gate;
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
    MediaConfig.RtpLearning learning = media.config().rtpLearning();
    this.latch = new RtpSourceLatch(media.config().rtpSymmetric(), learning.packets(), learning.silence().toNanos(),
        new RtpTarget("0.0.0.0", 0));
    this.guard = media.rtpGuard();
    this.gate = new RtpReceiveGate(leg, latch, guard);
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
    if (!gate.receive(rx, len, datagram.sender().hostAddress(), datagram.sender().port(), now)) {
      return;
    }
    metrics.rtpReceived(1);
    if (watchdog.onPacket(now) == MediaWatchdog.Change.STARTED) {
      engine.events().audioStarted(leg.callId(), leg.legId());
    }
  }

  private void onRtcp(DatagramPacket datagram) {
    int len = Datagrams.copy(datagram, rtcpRx);
    if (len < 0) {
      guard.dropped(RtpDrop.RTCP_INVALID);
      return;
    }
    if (!latch.acceptsRtcpFrom(datagram.sender().hostAddress())) {
      guard.dropped(RtpDrop.RTCP_FOREIGN);
      return;
    }
    if (!reports.onPacket(rtcpRx, 0, len, engine.nanoTime())) {
      guard.dropped(RtpDrop.RTCP_INVALID);
    }
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
