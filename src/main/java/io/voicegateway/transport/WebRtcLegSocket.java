package io.voicegateway.transport;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.SocketAddress;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.WebRtcCommands.MediaState;
import io.voicegateway.bus.WebRtcCommands.TransportState;
import io.voicegateway.media.LegMedia;
import io.voicegateway.media.LegPipeline;
import io.voicegateway.media.LegTransport;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.MediaWatchdog;
import io.voicegateway.media.rtp.RtpPacket;
import io.voicegateway.metrics.GatewayMetrics;
import io.voicegateway.webrtc.PacketKind;
import io.voicegateway.webrtc.dtls.CertificateFingerprint;
import io.voicegateway.webrtc.dtls.DtlsSrtpHandshake;
import io.voicegateway.webrtc.dtls.SrtpKeys;
import io.voicegateway.webrtc.ice.CheckResult;
import io.voicegateway.webrtc.ice.ConsentFreshness;
import io.voicegateway.webrtc.ice.IceLiteResponder;
import io.voicegateway.webrtc.sdp.WebRtcAccepted;
import io.voicegateway.webrtc.sdp.WebRtcAnswer;
import io.voicegateway.webrtc.sdp.WebRtcAnswerer;
import io.voicegateway.webrtc.sdp.WebRtcOffer;
import io.voicegateway.webrtc.sdp.WebRtcOfferer;
import io.voicegateway.webrtc.sdp.WebRtcSdpException;
import io.voicegateway.webrtc.srtp.SrtpContext;
import io.voicegateway.webrtc.srtp.SrtpSession;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/**
 * The one UDP port of a browser leg (BUNDLE, rtcp-mux): STUN, DTLS and SRTP/SRTCP told apart by their first byte
 * (RFC 7983). Receives on the event loop that bound it: checks answered by the ICE-lite responder (each valid one
 * refreshes consent), DTLS handed to the handshake (which runs on a worker, never here) once ICE has checked the
 * datagram's source, SRTP unprotected in place and given to the leg as plain RTP, SRTCP read like RTCP. Sends from
 * the mixer thread: a copy, SRTP-protected, to the address the browser nominated.
 *
 * <p>{@link TransportState#CONNECTED} is published once a pair is nominated and the SRTP keys are in;
 * {@link TransportState#FAILED} (the handshake failed or was refused) and {@link TransportState#CONSENT_LOST} (no
 * valid check for 30 s, or the browser closed DTLS) are final: the leg's media is closed and its port freed before
 * they are published, so nothing is sent to a browser that no longer consents.
 *
 * <p>A leg toward a WebRTC phone starts from our own offer ({@link WebRtcOfferer}): until {@link #answered} gives it
 * the phone's ICE credentials and fingerprint it takes no datagram and counts no consent (the phone is ringing).
 *
 * <p>Threads: everything but {@link #send} and {@link #close} runs on the owning event loop; the mixer thread reads
 * only the volatile outbound context and target. Two outbound SRTP contexts with the same keys keep the mixer's RTP
 * and the event loop's RTCP apart (a context is single-threaded; RTP and RTCP never share its state anyway).
 *
 * <p>Per media packet nothing of ours is allocated: protection happens in the socket's own arrays and, as for
 * {@link RtpLegSocket}, the packet goes to the nominated (already resolved) address through {@link DatagramSender},
 * with no name resolution per packet. STUN and DTLS (a few packets a second at most) allocate their messages.
 */
final class WebRtcLegSocket implements LegTransport, LegSocket {
  private static final Logger LOG = Logger.getLogger(WebRtcLegSocket.class.getName());
  private static final int MAX_DATAGRAM = 2048;
  /** Browser addresses that passed a check (the host, srflx and relay of one browser are a handful). */
  private static final int MAX_CHECKED = 8;

  private final Vertx vertx;
  private final Context context;
  private final MediaEngine engine;
  private final GatewayMetrics metrics;
  private final LegMedia leg;
  private final DatagramSocket socket;
  private final DatagramSender sender;
  private WebRtcAnswerer answerer;
  /** Our own offer while it waits for the phone's answer (a call to a WebRTC phone); null otherwise. */
  private WebRtcOfferer offerer;
  /** Null while our own offer waits for its answer; volatile for {@link #close}, which may come from any thread. */
  private volatile DtlsSrtpHandshake dtls;
  private final WebRtcLegs registry;
  private final long consentTimeoutMillis;
  private final MediaWatchdog watchdog;
  private final LegRtcp reports;
  private final ArrayDeque<InetSocketAddress> checked = new ArrayDeque<>();
  private final RtpPacket packet = new RtpPacket();
  private final byte[] rx = new byte[MAX_DATAGRAM];
  private final byte[] rtcpTx = new byte[600];
  private final byte[] tx = new byte[MAX_DATAGRAM]; // mixer thread
  private IceLiteResponder ice;
  private ConsentFreshness consent;
  private boolean handshakeStarted;
  private SrtpContext inbound;
  private SrtpContext outboundRtcp;
  private boolean connected;
  private boolean ended;
  private volatile SrtpContext outboundRtp;
  private volatile InetSocketAddress target;
  private volatile InetSocketAddress dtlsPeer;
  private volatile boolean closed;

  /**
   * What {@link WebRtcLegs} hands a new socket: the bound port's pieces and the negotiation so far. For a leg that
   * made its own offer, {@code offerer} is set and the rest of the negotiation is null until {@link #answered}.
   */
  record Parts(Context context, DatagramSocket socket, LegMedia leg, WebRtcAnswerer answerer, WebRtcAnswer answer,
      CertificateFingerprint browserCertificate, WebRtcOfferer offerer) {
    Parts(Context context, DatagramSocket socket, LegMedia leg, WebRtcAnswerer answerer, WebRtcAnswer answer,
        CertificateFingerprint browserCertificate) {
      this(context, socket, leg, answerer, answer, browserCertificate, null);
    }
  }

  WebRtcLegSocket(Vertx vertx, MediaTransport media, WebRtcLegs registry, Parts parts) {
    this.vertx = vertx;
    this.context = parts.context();
    this.engine = media.engine();
    this.metrics = media.metrics();
    this.leg = parts.leg();
    this.socket = parts.socket();
    this.sender = DatagramSender.of(socket, media.sendDrops());
    this.answerer = parts.answerer();
    this.registry = registry;
    this.consentTimeoutMillis = registry.consentTimeoutMillis();
    long now = engine.nanoTime();
    this.watchdog = new MediaWatchdog(media.config().rtpTimeout().toNanos(),
        media.config().reconnectionTimeout().toNanos(), now);
    this.reports = new LegRtcp(media, leg, now);
    this.offerer = parts.offerer();
    if (offerer == null) {
      negotiated(parts.answer(), parts.browserCertificate());
    }
    socket.handler(this::onDatagram);
    leg.transport(this);
  }

  private void negotiated(WebRtcAnswer answer, CertificateFingerprint browserCertificate) {
    this.dtls = new DtlsSrtpHandshake(registry.certificate(), browserCertificate, this::sendDtls,
        registry.dtlsWorker(), registry.dtlsSettings());
    iceFrom(answer);
  }

  /** Our offer waiting for its answer, or null once answered (or for a leg the browser offered). */
  WebRtcOfferer offerer() {
    return offerer;
  }

  /**
   * On the owning event loop: the phone answered our offer; its checks and DTLS are taken from now on, and consent
   * is counted from here (not while it rang).
   */
  void answered(WebRtcAccepted accepted, CertificateFingerprint browserCertificate) {
    offerer = null;
    answerer = accepted.answerer();
    negotiated(accepted.answer(), browserCertificate);
  }

  /** A fresh responder and consent clock for the credentials of {@code answer} (first offer, ICE restart). */
  private void iceFrom(WebRtcAnswer answer) {
    ice = new IceLiteResponder(answer.localIce().ufrag(), answer.localIce().pwd(), answer.remoteIce().ufrag());
    consent = new ConsentFreshness(() -> engine.nanoTime() / 1_000_000, consentTimeoutMillis);
  }

  Context context() {
    return context;
  }

  @Override
  public LegMedia leg() {
    return leg;
  }

  /** On the owning event loop: answers a re-offer; an ICE restart starts checks and consent over. */
  WebRtcAnswer reoffer(WebRtcOffer offer) throws WebRtcSdpException {
    if (answerer == null) {
      throw new WebRtcSdpException("our offer is not answered yet");
    }
    WebRtcAnswer answer = answerer.answer(offer);
    if (answer.iceRestart()) {
      iceFrom(answer);
      checked.clear();
    }
    return answer;
  }

  private void onDatagram(DatagramPacket datagram) {
    if (closed) {
      return;
    }
    long now = engine.nanoTime();
    int len = Datagrams.copy(datagram, rx);
    if (len < 0) {
      leg.countInvalid();
      return;
    }
    if (dtls == null) {
      return; // our offer is not answered yet: the browser's early checks are retransmitted, nothing is lost
    }
    switch (PacketKind.of(rx, len)) {
      case STUN -> onStun(len, datagram.sender());
      case DTLS -> onDtls(len, datagram.sender());
      case RTP -> onSrtp(len, now);
      case RTCP -> onSrtcp(len, now);
      default -> leg.countInvalid(); // ZRTP, TURN channel data, junk: a host-candidate DTLS-SRTP leg takes none
    }
  }

  private void onStun(int len, SocketAddress sender) {
    InetSocketAddress source = new InetSocketAddress(sender.hostAddress(), sender.port());
    CheckResult result = ice.handle(rx, 0, len, source);
    if (result.validCheck()) {
      // Consent and the checked address are taken before the response leaves: whatever the browser does on
      // reading it (its DTLS ClientHello) finds them in place.
      consent.refreshed();
      if (!checked.contains(source)) {
        if (checked.size() == MAX_CHECKED) {
          checked.removeFirst();
        }
        checked.addLast(source);
      }
      InetSocketAddress nominated = ice.nominated();
      if (nominated != null) {
        target = nominated;
        maybeConnected();
      }
    } else {
      leg.countInvalid();
    }
    if (result.response() != null) {
      socket.send(Buffer.buffer(result.response()), sender.port(), sender.hostAddress());
    }
  }

  /**
   * DTLS is taken only from an address that passed an ICE check: that check carried MESSAGE-INTEGRITY keyed by our
   * ice-pwd, which is why the handshake can skip the HelloVerifyRequest cookie.
   */
  private void onDtls(int len, SocketAddress sender) {
    InetSocketAddress source = new InetSocketAddress(sender.hostAddress(), sender.port());
    if (!checked.contains(source)) {
      leg.countInvalid();
      return;
    }
    dtlsPeer = source;
    if (!handshakeStarted) {
      handshakeStarted = true;
      dtls.start().whenComplete((keys, error) -> context.runOnContext(v -> onHandshake(keys, error)));
    }
    if (!dtls.offer(Arrays.copyOf(rx, len))) {
      leg.countInvalid();
    }
  }

  private void sendDtls(byte[] datagram) {
    InetSocketAddress peer = dtlsPeer;
    if (!closed && peer != null) {
      socket.send(Buffer.buffer(datagram), peer.getPort(), peer.getHostString());
    }
  }

  private void onHandshake(SrtpKeys keys, Throwable error) {
    if (closed) {
      return;
    }
    if (error != null) {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      end(TransportState.FAILED, cause.getMessage());
      return;
    }
    SrtpSession session = SrtpSession.create(keys.profile(), keys.localKey(), keys.localSalt(), keys.remoteKey(),
        keys.remoteSalt());
    inbound = session.inbound();
    outboundRtcp = SrtpContext.create(keys.profile(), keys.localKey(), keys.localSalt());
    outboundRtp = session.outbound();
    dtls.closedByPeer().thenRun(() -> context.runOnContext(v ->
        end(TransportState.CONSENT_LOST, "the browser closed DTLS (close_notify or a fatal alert)")));
    maybeConnected();
  }

  private void maybeConnected() {
    if (!connected && outboundRtp != null && target != null) {
      connected = true;
      LOG.fine(() -> "browser leg " + leg.legId() + " connected: " + outboundRtp.profile() + " to " + target);
      publish(TransportState.CONNECTED, "ICE nominated " + target.getHostString() + ":" + target.getPort()
          + ", DTLS-SRTP " + outboundRtp.profile());
    }
  }

  private void onSrtp(int len, long now) {
    SrtpContext in = inbound;
    int n = in == null ? -1 : in.unprotectRtp(rx, 0, len);
    if (n < 0 || !packet.parse(rx, 0, n)) {
      leg.countInvalid(); // before the keys, forged, replayed: counted, never logged per packet
      return;
    }
    if (!leg.onRtp(packet, now)) {
      return;
    }
    metrics.rtpReceived(1);
    if (watchdog.onPacket(now) == MediaWatchdog.Change.STARTED) {
      engine.events().audioStarted(leg.callId(), leg.legId());
    }
  }

  private void onSrtcp(int len, long now) {
    SrtpContext in = inbound;
    int n = in == null ? -1 : in.unprotectRtcp(rx, 0, len);
    if (n < 0) {
      leg.countInvalid();
      return;
    }
    reports.onPacket(rx, 0, n, now);
  }

  /** Periodic work on the owning event loop: consent, the media watchdog, metrics, SRTCP reports. */
  @Override
  public void check(long now) {
    if (closed) {
      return;
    }
    if (consent == null) {
      return; // ringing: our offer is not answered yet
    }
    if (consent.expired()) {
      end(TransportState.CONSENT_LOST, "no valid ICE check for " + consentTimeoutMillis / 1000
          + " s: consent expired (RFC 7675)");
      return;
    }
    LegPipeline p = leg.pipeline();
    switch (watchdog.check(now, connected && p != null && p.config().receive())) {
      case STOPPED -> engine.events().audioStopped(leg.callId(), leg.legId());
      case LOST -> engine.events().mediaLost(leg.callId(), leg.legId());
      default -> { }
    }
    if (reports.due(now)) {
      reports.recordMetrics();
      InetSocketAddress to = target;
      if (connected && to != null) {
        int n = outboundRtcp.protectRtcp(rtcpTx, 0, reports.write(rtcpTx, 0, now));
        if (n > 0) {
          sender.send(rtcpTx, 0, n, to);
        }
      }
    }
  }

  /** Closes the leg's media (port back to the pool), then tells who listens why. Once. */
  private void end(TransportState state, String reason) {
    if (ended) {
      return;
    }
    ended = true;
    String callId = leg.callId();
    LOG.info(() -> "browser leg " + leg.legId() + " of call " + callId + ": " + state + " (" + reason + ")");
    engine.closeLeg(leg.legId());
    close();
    vertx.eventBus().publish(Addresses.MEDIA_WEBRTC_EVENTS, new MediaState(callId, leg.legId(), state, reason));
  }

  private void publish(TransportState state, String reason) {
    vertx.eventBus().publish(Addresses.MEDIA_WEBRTC_EVENTS, new MediaState(leg.callId(), leg.legId(), state, reason));
  }

  /** Mixer thread: copy, protect, send to the nominated address; nothing before the keys and a nomination. */
  @Override
  public void send(byte[] buf, int off, int len) {
    SrtpContext out = outboundRtp;
    InetSocketAddress to = target;
    if (closed || out == null || to == null || len + out.profile().tagLength() > tx.length) {
      return;
    }
    System.arraycopy(buf, off, tx, 0, len);
    int n = out.protectRtp(tx, 0, len);
    if (n > 0) {
      sender.send(tx, 0, n, to);
    }
  }

  /** The browser is reached where it nominated, never at an SDP address: nothing to do. */
  @Override
  public void remote(String host, int port) {
    // LegStart.remoteHost/remotePort are ignored for browser legs
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    reports.recordMetrics();
    if (dtls != null) {
      dtls.close();
    }
    socket.close();
    registry.remove(leg.legId(), this);
  }

  @Override
  public boolean closed() {
    return closed;
  }
}
