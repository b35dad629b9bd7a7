package io.voicegateway.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.logging.Logger;

/**
 * The RTP and RTCP sockets of one SIP leg. Receives on the event loop that bound it: the {@link RtpReceiveGate}
 * parses in place, checks the payload type and learns the source strictly ({@link RtpSourceLatch}: junk and
 * foreign sources are counted by reason and dropped, never latched) before the leg takes the packet; RTCP is
 * taken only from the learnt source's host. Counts, feeds the media watchdog. Sends from the mixer thread. RTCP
 * reports ({@link LegRtcp}) go out every {@link LegRtcp#INTERVAL_NANOS}.
 *
 * <p>Sending goes to the target's resolved {@link java.net.InetSocketAddress} on the socket's Netty channel
 * ({@link DatagramSender}): no name resolution per packet, one system call on the mixer thread, nothing allocated. The
 * target is one immutable {@link RtpTarget} the latch swaps with a single volatile write, so when the source moves
 * the mixer sees the new host, port and resolved address together. A host name in the SDP is resolved once, on a
 * worker, before it becomes the target. RTP is received by a {@link DatagramReceiver} ahead of Vert.x: one copy from
 * Netty's pooled buffer into the reused array, Netty's sender address, the sender's literal made once per sender.
 */
final class RtpLegSocket implements LegTransport, LegSocket {
  private static final Logger LOG = Logger.getLogger(RtpLegSocket.class.getName());

  private final LegMedia leg;
  private final GatewayMetrics metrics;
  private final DatagramSocket rtp;
  private final DatagramSocket rtcp;
  private final RtpSourceLatch latch;
  private final RtpGuardMeters guard;
  private final RtpReceiveGate gate;
  private InetSocketAddress rtcpTo; // event loop: the cached RTCP address of the current target
  private InetSocketAddress lastSender; // event loop: the last RTP sender and its literal, made once per sender
  private String lastSenderHost;
  private final MediaWatchdog watchdog;
  private final MediaEngine engine;
  private final LegRtcp reports;
  private final DatagramSender rtpOut;
  private final DatagramSender rtcpOut;
  private final Vertx vertx;
  /** Counts {@link #remote} calls, so a slow name resolution never overrides a later SDP address. */
  private int remoteGeneration;
  private volatile boolean closed;

  private RtpLegSocket(Vertx vertx, MediaTransport media, LegMedia leg, DatagramSocket rtp, DatagramSocket rtcp,
      long now) {
    this.vertx = vertx;
    this.engine = media.engine();
    this.leg = leg;
    this.metrics = media.metrics();
    this.rtp = rtp;
    this.rtcp = rtcp;
    this.rtpOut = DatagramSender.of(rtp, media.sendDrops());
    this.rtcpOut = DatagramSender.of(rtcp, media.sendDrops());
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

  static RtpLegSocket attach(Vertx vertx, MediaTransport media, LegMedia leg, DatagramSocket[] sockets) {
    RtpLegSocket socket = new RtpLegSocket(vertx, media, leg, sockets[0], sockets[1], media.engine().nanoTime());
    if (!DatagramReceiver.install(sockets[0], vertx.getOrCreateContext(), socket::onRtp)) {
      sockets[0].handler(socket::onRtp);
    }
    sockets[1].handler(socket::onRtcp);
    leg.transport(socket);
    return socket;
  }

  @Override
  public LegMedia leg() {
    return leg;
  }

  /** The Vert.x path, used only when {@link DatagramReceiver} cannot reach the Netty channel. */
  private void onRtp(DatagramPacket datagram) {
    byte[] rx = Datagrams.receiveArray();
    int len = Datagrams.copy(datagram, rx);
    onRtp(rx, len, datagram.sender().hostAddress(), datagram.sender().port());
  }

  /** A datagram in {@code rx}; the sender's literal is made only when the sender changes. */
  private void onRtp(byte[] rx, int len, InetSocketAddress sender) {
    if (!sender.equals(lastSender)) {
      lastSender = sender;
      lastSenderHost = sender.getAddress().getHostAddress();
    }
    onRtp(rx, len, lastSenderHost, sender.getPort());
  }

  private void onRtp(byte[] rx, int len, String host, int port) {
    long now = engine.nanoTime();
    if (!gate.receive(rx, len, host, port, now)) {
      return;
    }
    metrics.rtpReceived(1);
    if (watchdog.onPacket(now) == MediaWatchdog.Change.STARTED) {
      engine.events().audioStarted(leg.callId(), leg.legId());
    }
  }

  private void onRtcp(DatagramPacket datagram) {
    byte[] rtcpRx = Datagrams.receiveArray();
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
      InetSocketAddress to = rtcpAddress(latch.target());
      if (to != null) {
        byte[] rtcpTx = Datagrams.rtcpOutArray();
        int len = reports.write(rtcpTx, 0, now);
        rtcpOut.send(rtcpTx, 0, len, to);
      }
    }
  }

  @Override
  public void send(byte[] buf, int off, int len) {
    InetSocketAddress to = latch.target().address();
    if (closed || to == null) {
      return;
    }
    rtpOut.send(buf, off, len, to);
  }

  /** RTCP goes to the RTP target's port + 1; made every 5 s at most, so the address may be allocated here. */
  private InetSocketAddress rtcpAddress(RtpTarget target) {
    InetSocketAddress rtpTo = target.address();
    if (rtpTo == null || target.port() >= 0xffff) {
      return null;
    }
    if (rtcpTo == null || rtcpTo.getPort() != target.port() + 1 || !rtcpTo.getAddress().equals(rtpTo.getAddress())) {
      rtcpTo = new InetSocketAddress(rtpTo.getAddress(), target.port() + 1);
    }
    return rtcpTo;
  }

  /**
   * The SDP address: an IP literal becomes the target at once; a host name is resolved once on a worker (never on
   * the event loop, never per packet) and its literal becomes the target, unless a newer SDP came meanwhile. Until
   * then the previous target stays (nothing is sent to a leg's first address before it is known).
   */
  @Override
  public void remote(String host, int port) {
    int generation;
    synchronized (this) {
      generation = ++remoteGeneration;
    }
    RtpTarget literal = new RtpTarget(host, port);
    if (literal.address() != null || port <= 0) {
      latch.sdpAddress(literal);
      return;
    }
    vertx.executeBlocking(() -> InetAddress.getByName(host), false).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warning(() -> "leg " + leg.legId() + ": SDP address " + host + " does not resolve ("
            + ar.cause().getMessage() + "); RTP keeps its previous target");
        return;
      }
      synchronized (this) {
        if (generation == remoteGeneration && !closed) {
          latch.sdpAddress(new RtpTarget(ar.result().getHostAddress(), port));
        }
      }
    });
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
