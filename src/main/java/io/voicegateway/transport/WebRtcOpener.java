package io.voicegateway.transport;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.eventbus.Message;
import io.voicegateway.bus.WebRtcCommands.AnswerAccepted;
import io.voicegateway.bus.WebRtcCommands.MediaAnswer;
import io.voicegateway.bus.WebRtcCommands.MediaOffer;
import io.voicegateway.bus.WebRtcCommands.MediaReoffer;
import io.voicegateway.bus.WebRtcCommands.OfferRequest;
import io.voicegateway.bus.WebRtcCommands.OwnOffer;
import io.voicegateway.bus.WebRtcCommands.PeerAnswer;
import io.voicegateway.media.LegMedia;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.webrtc.dtls.CertificateFingerprint;
import io.voicegateway.webrtc.sdp.DtlsFingerprint;
import io.voicegateway.webrtc.sdp.WebRtcAccepted;
import io.voicegateway.webrtc.sdp.WebRtcAnswer;
import io.voicegateway.webrtc.sdp.WebRtcAnswerer;
import io.voicegateway.webrtc.sdp.WebRtcOffer;
import io.voicegateway.webrtc.sdp.WebRtcOfferer;
import io.voicegateway.webrtc.sdp.WebRtcSdpException;
import java.security.SecureRandom;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Serves {@code vg.media.webrtc.open} and {@code .reoffer} for one RTP verticle instance: an offer is parsed before
 * anything is taken (400), one port comes from the pool and is bound on this instance's event loop (503), the
 * session's {@link WebRtcAnswerer} answers it with our host candidate and certificate fingerprint, and the leg joins
 * the engine under the offer's call id with a {@link WebRtcLegSocket} as its transport. A refused offer frees the port.
 * Also serves {@code vg.media.webrtc.make-offer} and {@code .accept-answer}: the same leg for a call <em>to</em> a
 * WebRTC phone, from our own offer ({@link WebRtcOfferer}) and the phone's answer.
 */
final class WebRtcOpener {
  private static final Logger LOG = Logger.getLogger(WebRtcOpener.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The hashes a DTLS certificate is checked with; a sha-1-only offer is refused (RFC 8827 §6.5). */
  private static final Set<String> CHECKABLE = Set.of("sha-256", "sha-384", "sha-512");

  private final Vertx vertx;
  private final MediaTransport media;
  private final MediaEngine engine;
  private final WebRtcLegs legs;
  private final Consumer<LegSocket> opened;

  /** @param opened where a new socket goes so that the instance's 250 ms timer checks it */
  WebRtcOpener(Vertx vertx, MediaTransport media, Consumer<LegSocket> opened) {
    this.vertx = vertx;
    this.media = media;
    this.engine = media.engine();
    this.legs = media.webRtcLegs();
    this.opened = opened;
  }

  void open(Message<MediaOffer> msg) {
    MediaOffer request = msg.body();
    WebRtcOffer offer = parse(msg, request.sdp());
    if (offer == null) {
      return;
    }
    bindPort(msg, request.callId(), request.legId(),
        (context, bound) -> attach(msg, offer, context, bound.port(), bound.sockets()));
  }

  /**
   * 409 when the leg is open already; else one port of the pool bound on this instance's event loop and handed to
   * {@code then} with that loop's context, or 503 when the pool has none.
   */
  private void bindPort(Message<?> msg, String callId, String legId,
      BiConsumer<Context, PoolBinding.Bound<DatagramSocket>> then) {
    if (engine.leg(legId) != null || legs.get(legId) != null) {
      msg.fail(409, "leg " + legId + " already open");
      return;
    }
    Context context = vertx.getOrCreateContext();
    PoolBinding.bind(engine.ports(), this::listen).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warning(() -> "browser leg " + legId + " of call " + callId + ": " + ar.cause().getMessage());
        msg.fail(503, ar.cause().getMessage());
      } else {
        then.accept(context, ar.result());
      }
    });
  }

  /**
   * The leg opened in the engine on the bound port with a {@link WebRtcLegSocket} as its transport; null once
   * {@code msg} has been failed (409) and the port given back.
   */
  private WebRtcLegSocket register(Message<?> msg, String callId, String legId, int port, DatagramSocket socket,
      Function<LegMedia, WebRtcLegSocket.Parts> parts) {
    LegMedia leg;
    try {
      leg = engine.openLeg(callId, legId, port);
    } catch (IllegalStateException e) {
      socket.close();
      engine.ports().release(port);
      msg.fail(409, e.getMessage());
      return null;
    }
    WebRtcLegSocket legSocket = new WebRtcLegSocket(vertx, media, legs, parts.apply(leg));
    if (!legs.add(legId, legSocket)) {
      engine.closeLeg(legId);
      msg.fail(409, "leg " + legId + " already open");
      return null;
    }
    opened.accept(legSocket);
    return legSocket;
  }

  private Future<DatagramSocket> listen(int port) {
    DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions());
    return socket.listen(port, media.config().bindAddress()).onFailure(e -> socket.close());
  }

  private void attach(Message<MediaOffer> msg, WebRtcOffer offer, Context context, int port, DatagramSocket socket) {
    MediaOffer request = msg.body();
    WebRtcAnswerer answerer = new WebRtcAnswerer(RANDOM, ourFingerprint(), hostCandidate(), port);
    WebRtcAnswer answer;
    CertificateFingerprint browser;
    try {
      answer = answerer.answer(offer);
      browser = browserCertificate(answer);
    } catch (WebRtcSdpException e) {
      socket.close();
      engine.ports().release(port);
      msg.fail(400, e.getMessage());
      return;
    }
    if (register(msg, request.callId(), request.legId(), port, socket,
        leg -> new WebRtcLegSocket.Parts(context, socket, leg, answerer, answer, browser)) != null) {
      msg.reply(mediaAnswer(request.legId(), port, answer));
    }
  }

  /**
   * A call to a WebRTC phone: one port bound as for {@link #open}, the leg opened under the call with a socket that
   * waits for the answer, and our offer (ICE-lite, actpass) as the reply. The port goes back with the leg's
   * {@code LegClose} (a CANCEL, a 487, any failed dial) or when the answer is refused.
   */
  void makeOffer(Message<OfferRequest> msg) {
    OfferRequest request = msg.body();
    bindPort(msg, request.callId(), request.legId(), (context, bound) -> {
      WebRtcOfferer offerer = new WebRtcOfferer(RANDOM, ourFingerprint(), hostCandidate(), bound.port());
      if (register(msg, request.callId(), request.legId(), bound.port(), bound.sockets(),
          leg -> new WebRtcLegSocket.Parts(context, bound.sockets(), leg, null, null, null, offerer)) != null) {
        msg.reply(new OwnOffer(request.legId(), bound.port(), offerer.offer()));
      }
    });
  }

  /**
   * The phone's answer to our offer: its ICE credentials and certificate fingerprint go to the leg's socket, which
   * takes checks and DTLS from then on. A refused answer (the browser made itself the DTLS server with
   * {@code a=setup:passive}, no fingerprint, no codec we offered) closes the leg and frees its port at once: 488 with
   * the reason, which the SIP side logs as it ends the leg.
   */
  void acceptAnswer(Message<PeerAnswer> msg) {
    PeerAnswer request = msg.body();
    WebRtcLegSocket socket = legs.get(request.legId());
    if (socket == null) {
      msg.fail(404, "no WebRTC phone leg " + request.legId());
      return;
    }
    socket.context().runOnContext(v -> {
      WebRtcOfferer offerer = socket.offerer();
      if (socket.closed() || offerer == null) {
        msg.fail(404, "no offer of leg " + request.legId() + " waiting for its answer");
        return;
      }
      try {
        WebRtcAccepted accepted = offerer.accept(request.sdp());
        socket.answered(accepted, browserCertificate(accepted.answer()));
        msg.reply(new AnswerAccepted(request.legId(), accepted.codec(), accepted.payloadType(),
            accepted.dtmfPayloadType()));
      } catch (WebRtcSdpException e) {
        LOG.info(() -> "WebRTC phone leg " + request.legId() + " of call " + request.callId()
            + ": answer refused, leg closed: " + e.getMessage());
        engine.closeLeg(request.legId());
        socket.close();
        msg.fail(488, e.getMessage());
      }
    });
  }

  void reoffer(Message<MediaReoffer> msg) {
    MediaReoffer request = msg.body();
    WebRtcLegSocket socket = legs.get(request.legId());
    if (socket == null) {
      msg.fail(404, "no browser leg " + request.legId());
      return;
    }
    WebRtcOffer offer = parse(msg, request.sdp());
    if (offer == null) {
      return;
    }
    // The session's state belongs to the event loop its port was bound on, which may be another instance's.
    socket.context().runOnContext(v -> {
      if (socket.closed()) {
        msg.fail(404, "no browser leg " + request.legId());
        return;
      }
      try {
        msg.reply(mediaAnswer(request.legId(), socket.leg().rtpPort(), socket.reoffer(offer)));
      } catch (WebRtcSdpException e) {
        msg.fail(400, e.getMessage());
      }
    });
  }

  /** The parsed offer, or null once the request has been failed with 400 and the reason. */
  private static WebRtcOffer parse(Message<?> msg, String sdp) {
    try {
      return WebRtcOffer.parse(sdp);
    } catch (WebRtcSdpException e) {
      msg.fail(400, e.getMessage());
      return null;
    }
  }

  private static MediaAnswer mediaAnswer(String legId, int port, WebRtcAnswer answer) {
    return new MediaAnswer(legId, port, answer.sdp(), answer.opus().payloadType(),
        answer.telephoneEvent() == null ? -1 : answer.telephoneEvent().payloadType());
  }

  private DtlsFingerprint ourFingerprint() {
    CertificateFingerprint ours = legs.certificate().fingerprint();
    return new DtlsFingerprint(ours.algorithm(), ours.digest());
  }

  /** {@code media.public_address} (which defaults to the bind address, or 127.0.0.1 for the wildcard). */
  private String hostCandidate() {
    String address = media.config().publicAddress();
    return address == null || address.isBlank() ? "127.0.0.1" : address;
  }

  private static CertificateFingerprint browserCertificate(WebRtcAnswer answer) throws WebRtcSdpException {
    for (DtlsFingerprint f : answer.remoteFingerprints()) {
      if (CHECKABLE.contains(f.algorithm())) {
        return new CertificateFingerprint(f.algorithm(), f.digest());
      }
    }
    throw new WebRtcSdpException("the offer's a=fingerprint uses " + answer.remoteFingerprints().get(0).algorithm()
        + "; the gateway checks DTLS certificates with sha-256, sha-384 or sha-512");
  }
}
