package io.voicegateway.sip;

import io.voicegateway.sip.stack.WarningText;
import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.Leg;
import io.voicegateway.control.policy.AttachTarget;
import io.voicegateway.control.policy.Bridge;
import io.voicegateway.control.policy.InboundCalls;
import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.sip.guard.DeviceHosts;
import io.voicegateway.sip.guard.InviteAdmission;
import io.voicegateway.sip.registrar.Source;
import io.voicegateway.sip.registrar.SourceOf;
import io.voicegateway.sip.sdp.MediaDirection;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;
import io.voicegateway.sip.sdp.SdpNegotiator;
import io.voicegateway.sip.sdp.WebRtcSdp;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * An initial INVITE (already answered 100 and checked by {@link RequestDispatcher}), we are the UAS: who is
 * calling ({@link InviteAuthenticator}: 407/403), then call control's {@link InboundCalls} routes it (404/403) and
 * decides; this class does the SIP of it. An app or stream target is answered here (offer/answer 400/488 before
 * anything rings, media port 503, 180, media start, 200 with our SDP, attach); for devices and trunks the offer is
 * answered and the port opened, then call control's {@link Bridge} rings them (a fork over {@link SipDialer}) and
 * answers this leg, as a {@link SipEndpoint}, when one of them answers. An INVITE without SDP gets our offer in the
 * 200 and the answer is taken from the ACK ({@link AckHandler}). A browser's DTLS-SRTP offer (SIP over WebSocket)
 * is answered by the media side instead ({@link WebRtcSdp}, {@code vg.media.webrtc.open}), the leg run with Opus.
 */
final class InviteHandler {
  private static final Logger LOG = Logger.getLogger(InviteHandler.class.getName());
  private final InviteAuthenticator authenticator;
  private final SipMessages messages;
  private final SipLegs legs;
  private final SdpNegotiator sdp;
  private final CallMetrics metrics;
  private final String publicAddress;
  private final BusMedia busMedia;
  private final CallLifecycle lifecycle;
  private final InboundCalls inbound;
  private final AttachTarget attach;
  private final InviteProgressWatches progress;
  private InviteAdmission admission = InviteAdmission.OPEN;
  /** The INVITEs other nodes of the cluster send for the stream bindings this node holds. */
  private HeldBindingInvites held = HeldBindingInvites.NONE;

  InviteHandler(InviteAuthenticator authenticator, SipMessages messages, SipLegs legs, SdpNegotiator sdp,
      CallMetrics metrics, String publicAddress, BusMedia busMedia, CallLifecycle lifecycle, InboundCalls inbound,
      AttachTarget attach, InviteProgressWatches progress) {
    this.authenticator = authenticator;
    this.messages = messages;
    this.legs = legs;
    this.sdp = sdp;
    this.metrics = metrics;
    this.publicAddress = publicAddress;
    this.busMedia = busMedia;
    this.lifecycle = lifecycle;
    this.inbound = inbound;
    this.attach = attach;
    this.progress = progress;
  }

  /** The overload check every new INVITE passes first (set once, before the stack delivers requests). */
  void admission(InviteAdmission admission) {
    this.admission = admission;
  }

  /** Another node's INVITEs for bindings held here are admitted by their pass (cluster mode; set once, at start). */
  void held(HeldBindingInvites held) {
    this.held = held;
  }

  void handle(Request request, ServerTransaction st) {
    Source source = SourceOf.request(request, st);
    InviteAdmission.Decision admitted = admission.admit(request, DeviceHosts.literal(source.host()));
    if (!admitted.admitted()) {
      messages.send(st, admitted.refusal()); // 503 + Retry-After before anything is allocated
      return;
    }
    HeldBindingInvites.Decision hop = held.decide(request);
    if (hop != null) {
      if (hop.refusal() != null) {
        admitted.slot().release();
        messages.send(st, hop.refusal()); // 403 (a bad pass) or 480 (the binding is gone)
      } else {
        offer(request, st, source, admitted, hop.source(), hop.target());
      }
      return;
    }
    InviteAuthenticator.Decision who = authenticator.authenticate(request, source);
    if (!who.admitted()) {
      admitted.slot().release();
      messages.send(st, who.refusal()); // 407 challenge, or 403
      return;
    }
    offer(request, st, source, admitted, who.source(), null);
  }

  /** Hands the admitted caller to call control: routed, or ({@code target} set) with the target decided already. */
  private void offer(Request request, ServerTransaction st, Source source, InviteAdmission.Decision admitted,
      CallSource caller, RouteTarget target) {
    String sipCallId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    InboundCalls.Offer offer = new InboundCalls.Offer(calledNumber(request), caller,
        ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI().toString(),
        ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI().toString(),
        sipCallId, SipMessages.xHeaders(request));
    SipLeg leg = SipLeg.inbound(sipCallId, SipMessages.newTag(), st);
    leg.holds(admitted.slot()); // given back when the leg is forgotten: its call ended or it left
    try {
      Caller settles = new Caller(request, st, leg, source);
      if (target == null) {
        inbound.offer(offer, settles);
      } else {
        inbound.offer(offer, settles, target);
      }
    } catch (RuntimeException e) {
      leg.releaseSlot(); // neither refused nor joined: the slot would be held for good
      throw e;
    }
  }

  /** The INVITE's leg doing in SIP what call control decided. */
  private final class Caller implements InboundCalls.Caller {
    private final Request request;
    private final ServerTransaction st;
    private final SipLeg leg;
    private final Source source;

    Caller(Request request, ServerTransaction st, SipLeg leg, Source source) {
      this.request = request;
      this.st = st;
      this.leg = leg;
      this.source = source;
    }

    @Override
    public void refuse(int status) {
      leg.releaseSlot();
      messages.respond(st, request, status, SipMessages.newTag());
    }

    @Override
    public Leg joins(Call call) {
      legs.add(call, leg);
      progress.watch(call, leg, source, request); // no ports held past Timer C or a closed connection
      return leg.leg();
    }

    @Override
    public Future<Void> answerHere(Call call) {
      return answer(call, leg, request, st);
    }

    @Override
    public Future<Optional<Bridge.Caller>> readyToRing(Call call) {
      return prepareToRing(call, leg, request, st);
    }

    @Override
    public void fail(Call call, int status) {
      if (leg.pending()) {
        InviteHandler.this.fail(call, leg, request, st, status, null);
      }
    }
  }

  /** The Request-URI user, or the To user when the Request-URI has none. */
  static String calledNumber(Request request) {
    URI uri = request.getRequestURI();
    if (uri instanceof SipURI sipUri && sipUri.getUser() != null) {
      return sipUri.getUser();
    }
    URI to = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
    return to instanceof SipURI sipTo ? sipTo.getUser() : null;
  }

  /** Answers the leg itself and attaches the routed app. */
  private Future<Void> answer(Call call, SipLeg leg, Request request, ServerTransaction st) {
    if (!leg.pending()) {
      return Future.succeededFuture(); // CANCELled before we got here
    }
    if (WebRtcSdp.isWebRtc(SipMessages.body(request))) {
      return openWebRtc(call, leg, request, st).compose(opened -> {
        if (opened == null) {
          return Future.<Void>succeededFuture(); // refused (488) or no port (503)
        }
        if (leg.pending()) {
          messages.respond(st, request, Response.RINGING, leg.localTag());
          call.ringing().ifPresent(type -> lifecycle.publish(call, type, null));
        }
        return answerWith(call, leg, request, st, opened.media(), opened.port()); // closes the media when cancelled
      });
    }
    NegotiatedMedia media = negotiate(call, leg, request, st);
    if (!leg.pending()) {
      return Future.succeededFuture(); // the offer was refused (488/400) before anything rang
    }
    messages.respond(st, request, Response.RINGING, leg.localTag());
    call.ringing().ifPresent(type -> lifecycle.publish(call, type, null));
    return busMedia.open(call, leg.leg())
        .compose(port -> answerWith(call, leg, request, st, media, port),
            err -> noPort(call, leg, request, st, err));
  }

  /**
   * Devices or a trunk: the caller's offer is answered in our codecs and its port opened first (so a bad offer is
   * refused before any phone rings); then call control's {@link Bridge} rings the targets and settles the caller
   * through its {@link SipEndpoint}. Empty when the caller was settled meanwhile: refused, cancelled, no port.
   */
  private Future<Optional<Bridge.Caller>> prepareToRing(Call call, SipLeg caller, Request request,
      ServerTransaction st) {
    if (!caller.pending()) {
      return Future.succeededFuture(Optional.empty());
    }
    if (WebRtcSdp.isWebRtc(SipMessages.body(request))) {
      return openWebRtc(call, caller, request, st).map(opened -> {
        if (opened == null) {
          return Optional.<Bridge.Caller>empty();
        }
        if (!caller.pending()) {
          busMedia.close(call, caller.leg(), "cancelled");
          return Optional.<Bridge.Caller>empty();
        }
        return Optional.of(readyCaller(call, caller, request, st, opened.media(), opened.port()));
      });
    }
    NegotiatedMedia media = negotiate(call, caller, request, st);
    if (!caller.pending()) {
      return Future.succeededFuture(Optional.empty());
    }
    return busMedia.open(call, caller.leg()).compose(port -> {
      if (!caller.pending()) {
        return Future.succeededFuture(Optional.<Bridge.Caller>empty()); // cancelled while the port was opened
      }
      return Future.succeededFuture(Optional.of(readyCaller(call, caller, request, st, media, port)));
    }, err -> noPort(call, caller, request, st, err).map(v -> Optional.<Bridge.Caller>empty()));
  }

  private Bridge.Caller readyCaller(Call call, SipLeg caller, Request request, ServerTransaction st,
      NegotiatedMedia media, int port) {
    SipEndpoint endpoint = caller.endpoint();
    endpoint.answering(this, call, request, st, media, port);
    return new Bridge.Caller(endpoint, callerUser(request), SipMessages.xHeaders(request), endpoint.takesEarlyMedia());
  }

  /** A leg's media port and what its offer/answer settled. */
  private record Opened(NegotiatedMedia media, int port) {}

  /**
   * A browser's DTLS-SRTP offer (JsSIP over SIP over WebSocket): the media side opens the leg's port and answers it
   * ({@code vg.media.webrtc.open}); its answer is kept in the leg for the 183/200. Null when the INVITE was answered
   * here instead: 488 when the offer was refused (or no WebRTC media side runs), 503 when no port was left.
   */
  private Future<Opened> openWebRtc(Call call, SipLeg leg, Request request, ServerTransaction st) {
    String offer = SipMessages.body(request);
    return busMedia.openWebRtc(call, leg.leg(), offer).compose(answer -> {
      NegotiatedMedia media;
      try {
        media = WebRtcSdp.negotiated(offer, answer.payloadType(), answer.dtmfPayloadType());
      } catch (SdpNegotiationException e) {
        busMedia.close(call, leg.leg(), "offer refused");
        fail(call, leg, request, st, e.status(), e.getMessage());
        return Future.<Opened>succeededFuture();
      }
      leg.remoteSdpVersion(SdpVersions.version(offer));
      leg.webRtcAnswer(answer.sdp());
      return Future.succeededFuture(new Opened(media, answer.port()));
    }, err -> {
      int status = BusMedia.webRtcFailureStatus(err);
      if (status == Response.SERVICE_UNAVAILABLE) {
        return noPort(call, leg, request, st, err).map(v -> (Opened) null);
      }
      if (leg.pending()) {
        metrics.codecNegotiationError();
        fail(call, leg, request, st, status, "WebRTC offer not answered: " + err.getMessage());
      }
      return Future.<Opened>succeededFuture();
    });
  }

  /** The caller's user part, presented in From toward the targets. */
  private static String callerUser(Request request) {
    var uri = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI();
    return uri instanceof SipURI sip ? sip.getUser() : null;
  }

  /**
   * The offer of the INVITE answered in our codecs, or null: when the INVITE has no offer (late offer), or
   * when the offer was refused — then the INVITE is already answered 400/488 and the leg no longer pending.
   */
  NegotiatedMedia negotiate(Call call, SipLeg leg, Request request, ServerTransaction st) {
    String offer = SipMessages.body(request);
    if (offer == null) {
      return null;
    }
    try {
      NegotiatedMedia media = sdp.answer(offer);
      leg.remoteSdpVersion(SdpVersions.version(offer));
      return media;
    } catch (SdpNegotiationException e) {
      if (e.status() == SdpNegotiationException.NOT_ACCEPTABLE_HERE) {
        metrics.codecNegotiationError();
      }
      fail(call, leg, request, st, e.status(), e.getMessage());
      return null;
    }
  }

  /**
   * Starts the leg's media (when the INVITE had an offer) and sends the 200; attaches the routed app once
   * the media runs. The phone sends RTP as soon as it has our 200, so the media starts first: built after
   * the answer (slow on a cold JVM), the pipeline was late, the first packets piled up and our RTP began late.
   */
  Future<Void> answerWith(Call call, SipLeg leg, Request request, ServerTransaction st, NegotiatedMedia media,
      int port) {
    Future<Void> ready = media == null || !leg.pending() || leg.media() != null ? Future.succeededFuture()
        : busMedia.startAndWait(call, leg, media); // leg.media() set: it runs since our early 183
    return ready.compose(v -> {
      if (!leg.pending()) { // CANCEL arrived while the media side allocated or started
        busMedia.close(call, leg.leg(), "cancelled");
        return Future.<Void>succeededFuture();
      }
      sendOk(call, leg, request, st, media, port);
      return Future.<Void>succeededFuture();
    });
  }

  /**
   * Early media toward the caller: starts its leg's media, then sends 183 with our answer to its offer
   * (kept in the leg, so that the 200 repeats it unchanged, as RFC 6337 §3.1 asks after an unreliable 183).
   */
  void progressWith(Call call, SipLeg leg, Request request, ServerTransaction st, NegotiatedMedia media, int port) {
    busMedia.startAndWait(call, leg, media).onComplete(started -> {
      if (started.failed() || !leg.pending() || leg.localSdp() != null) { // a failed start is logged; the 200 may follow
        return; // answered, cancelled or failed meanwhile
      }
      String body = answerSdp(leg, media, port);
      Response progress = messages.response(request, Response.SESSION_PROGRESS, leg.localTag());
      progress.addHeader(messages.contact(SipMessages.transport(request)));
      messages.setSdp(progress, body);
      leg.localSdp(body);
      messages.send(st, progress);
    });
  }

  /** The pool had no port for the leg: 503 with Retry-After, the call ends. */
  Future<Void> noPort(Call call, SipLeg leg, Request request, ServerTransaction st, Throwable err) {
    LOG.warning("no media port for call " + call.id() + ": " + err.getMessage());
    if (leg.pending()) {
      Response busy = messages.response(request, Response.SERVICE_UNAVAILABLE, leg.localTag());
      messages.addHeader(busy, "Retry-After", "5");
      messages.send(st, busy);
      leg.pendingServerInvite(null);
      lifecycle.terminate(call, "no media port");
    }
    return Future.succeededFuture();
  }

  private void sendOk(Call call, SipLeg leg, Request request, ServerTransaction st, NegotiatedMedia media, int port) {
    String body = leg.localSdp() != null ? leg.localSdp() // the answer our early 183 gave
        : media != null ? answerSdp(leg, media, port)
        : sdp.createOffer(publicAddress, port, leg.nextOrigin(), MediaDirection.SENDRECV);
    Response ok = messages.response(request, Response.OK, leg.localTag());
    ok.addHeader(messages.contact(SipMessages.transport(request)));
    messages.addAllow(ok);
    messages.setSdp(ok, body);
    leg.localSdp(body);
    leg.pendingServerInvite(null);
    leg.connected();
    messages.send(st, ok);
    if (media != null) {
      attach.attach(call); // the media already runs (answer)
    } else {
      leg.awaitingAnswer(true);
    }
  }

  /** Our answer to the INVITE's offer: the media side's for a browser's offer, else written from {@code media}. */
  private String answerSdp(SipLeg leg, NegotiatedMedia media, int port) {
    return leg.webRtc() ? leg.webRtcAnswer() : sdp.renderAnswer(media, publicAddress, port, leg.nextOrigin());
  }

  /** Answers the INVITE with {@code status} (and the reason in a Warning) and ends the call. */
  void fail(Call call, SipLeg leg, Request request, ServerTransaction st, int status, String reason) {
    Response response = messages.response(request, status, leg.localTag());
    if (reason != null && !reason.isBlank()) {
      messages.addHeader(response, "Warning", WarningText.header(publicAddress, reason));
    }
    leg.pendingServerInvite(null);
    messages.send(st, response);
    lifecycle.terminate(call, "rejected " + status);
  }
}
