package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.policy.Hold;
import io.voicegateway.sip.sdp.MediaDirection;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;
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
  private final SipServices s;
  private final Hold hold;

  ReinviteHandler(SipServices s) {
    this.s = s;
    this.hold = s.control.hold();
  }

  void handle(Request request, ServerTransaction st) {
    String sipCallId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    Call call = s.legs.callBySipCallId(sipCallId).orElse(null);
    SipLeg leg = s.legs.bySipCallId(sipCallId).orElse(null);
    if (call == null || leg == null) {
      s.messages.respond(st, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
      return;
    }
    call.enqueue(() -> renegotiate(call, leg, request, st));
  }

  private Future<Void> renegotiate(Call call, SipLeg leg, Request request, ServerTransaction st) {
    String offer = SipMessages.body(request);
    if (offer == null) {
      // No offer: ours goes in the 200, the answer in the ACK.
      String sdp = s.sdp.createOffer(s.publicAddress(), leg.leg().rtpPort(), leg.nextOrigin(), MediaDirection.SENDRECV);
      leg.awaitingAnswer(true);
      sendOk(leg, request, st, sdp);
      return Future.succeededFuture();
    }
    long version = SdpVersions.version(offer);
    if (version >= 0 && version == leg.remoteSdpVersion() && leg.localSdp() != null) {
      sendOk(leg, request, st, leg.localSdp()); // refresh: same session, same answer
      return Future.succeededFuture();
    }
    NegotiatedMedia media;
    try {
      media = s.sdp.answer(offer);
    } catch (SdpNegotiationException e) {
      if (e.status() == SdpNegotiationException.NOT_ACCEPTABLE_HERE) {
        s.metrics.codecNegotiationError();
      }
      s.messages.respond(st, request, e.status(), null);
      return Future.succeededFuture();
    }
    leg.remoteSdpVersion(version);
    String local = leg.localAddress() == null ? s.publicAddress() : leg.localAddress();
    sendOk(leg, request, st, s.sdp.renderAnswer(media, local, leg.leg().rtpPort(), leg.nextOrigin()));
    s.startMedia(call, leg, media);
    return hold.heldBy(call, leg.leg(), isHold(media)); // the other parties follow
  }

  private void sendOk(SipLeg leg, Request request, ServerTransaction st, String sdp) {
    Response ok = s.messages.response(request, Response.OK, null);
    ok.addHeader(s.messages.contact(SipMessages.transport(request)));
    s.messages.setSdp(ok, sdp);
    leg.localSdp(sdp);
    s.messages.send(st, ok);
  }

  /** Hold is any direction other than sendrecv, or the RFC 2543 style c=0.0.0.0. */
  static boolean isHold(NegotiatedMedia media) {
    return media.onHold() || "0.0.0.0".equals(media.remoteHost());
  }
}
