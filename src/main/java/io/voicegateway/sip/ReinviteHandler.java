package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.policy.Hold;
import io.voicegateway.sip.sdp.MediaDirection;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;
import io.voicegateway.sip.sdp.SdpNegotiator;
import io.voicegateway.sip.sdp.WebRtcSdp;
import io.voicegateway.sip.stack.WarningText;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * An INVITE inside an existing dialog. Same SDP version as last time: a session refresh, answered with our
 * last SDP unchanged. Otherwise a new offer/answer: hold (sendonly, inactive or c=0.0.0.0) publishes
 * CALL_ON_HOLD, a return to sendrecv CALL_RESUMED, and the media side gets a fresh LegStart (codec change
 * included); in a bridge the other legs are held or resumed in turn. A rejected offer (400/488) leaves the session as it was (RFC 3261 §14.2).
 */
final class ReinviteHandler {
  private final SipLegs legs;
  private final SipMessages messages;
  private final SdpNegotiator sdp;
  private final CallMetrics metrics;
  private final String publicAddress;
  private final BusMedia media;
  private final Hold hold;

  ReinviteHandler(SipLegs legs, SipMessages messages, SdpNegotiator sdp, CallMetrics metrics, String publicAddress,
      BusMedia media, Hold hold) {
    this.legs = legs;
    this.messages = messages;
    this.sdp = sdp;
    this.metrics = metrics;
    this.publicAddress = publicAddress;
    this.media = media;
    this.hold = hold;
  }

  void handle(Request request, ServerTransaction st) {
    String sipCallId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    Call call = legs.callBySipCallId(sipCallId).orElse(null);
    SipLeg leg = legs.bySipCallId(sipCallId).orElse(null);
    if (call == null || leg == null) {
      messages.respond(st, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
      return;
    }
    call.enqueue(() -> renegotiate(call, leg, request, st));
  }

  private Future<Void> renegotiate(Call call, SipLeg leg, Request request, ServerTransaction st) {
    String offer = SipMessages.body(request);
    if (offer == null) {
      // No offer: ours goes in the 200, the answer in the ACK.
      String ours = sdp.createOffer(publicAddress, leg.leg().rtpPort(), leg.nextOrigin(), MediaDirection.SENDRECV);
      leg.awaitingAnswer(true);
      sendOk(leg, request, st, ours);
      return Future.succeededFuture();
    }
    long version = SdpVersions.version(offer);
    if (version >= 0 && version == leg.remoteSdpVersion() && leg.localSdp() != null) {
      sendOk(leg, request, st, leg.localSdp()); // refresh: same session, same answer
      return Future.succeededFuture();
    }
    if (leg.webRtc()) {
      return renegotiateWebRtc(call, leg, request, st, offer, version);
    }
    NegotiatedMedia answer;
    try {
      answer = sdp.answer(offer);
    } catch (SdpNegotiationException e) {
      if (e.status() == SdpNegotiationException.NOT_ACCEPTABLE_HERE) {
        metrics.codecNegotiationError();
      }
      refuse(request, st, e); // the session goes on as it was (a T.38 switch included: fax stays on G.711)
      return Future.succeededFuture();
    }
    leg.remoteSdpVersion(version);
    String local = leg.localAddress() == null ? publicAddress : leg.localAddress();
    sendOk(leg, request, st, sdp.renderAnswer(answer, local, leg.leg().rtpPort(), leg.nextOrigin()));
    media.start(call, leg, answer);
    return hold.heldBy(call, leg.leg(), isHold(answer)); // the other parties follow
  }

  /** A browser's leg (SIP over WebSocket): the media side answers the re-offer (hold, ICE restart) on the same port. */
  private Future<Void> renegotiateWebRtc(Call call, SipLeg leg, Request request, ServerTransaction st, String offer,
      long version) {
    return media.reofferWebRtc(call, leg.leg(), offer).compose(answer -> {
      NegotiatedMedia negotiated;
      try {
        negotiated = WebRtcSdp.negotiated(offer, answer.payloadType(), answer.dtmfPayloadType());
      } catch (SdpNegotiationException e) {
        messages.respond(st, request, e.status(), null);
        return Future.<Void>succeededFuture();
      }
      leg.remoteSdpVersion(version);
      leg.webRtcAnswer(answer.sdp());
      sendOk(leg, request, st, answer.sdp());
      media.start(call, leg, negotiated);
      return hold.heldBy(call, leg.leg(), isHold(negotiated));
    }, err -> {
      messages.respond(st, request, BusMedia.webRtcFailureStatus(err), null);
      return Future.<Void>succeededFuture();
    });
  }

  /** 400/488 to a re-offer, with the reason in a Warning (RFC 3261 §20.43). */
  private void refuse(Request request, ServerTransaction st, SdpNegotiationException e) {
    Response response = messages.response(request, e.status(), null);
    if (e.getMessage() != null && !e.getMessage().isBlank()) {
      messages.addHeader(response, "Warning", WarningText.header(publicAddress, e.getMessage()));
    }
    messages.send(st, response);
  }

  private void sendOk(SipLeg leg, Request request, ServerTransaction st, String body) {
    Response ok = messages.response(request, Response.OK, null);
    ok.addHeader(messages.contact(SipMessages.transport(request)));
    messages.setSdp(ok, body);
    leg.localSdp(body);
    messages.send(st, ok);
  }

  /** Hold is any direction other than sendrecv, or the RFC 2543 style c=0.0.0.0. */
  static boolean isHold(NegotiatedMedia media) {
    return media.onHold() || "0.0.0.0".equals(media.remoteHost());
  }
}
