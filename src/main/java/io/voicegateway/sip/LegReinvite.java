package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.policy.Hold;
import io.voicegateway.sip.sdp.MediaDirection;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;
import io.voicegateway.sip.sdp.SdpNegotiator;
import javax.sip.Dialog;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;

/**
 * A re-INVITE we send on one confirmed leg to change the direction of its media (hold: sendonly;
 * resume: sendrecv), for the API and to carry one party's hold to the other side of a bridge. Our offer
 * keeps the leg's port and local address; the answer restarts the leg's media. Fails with
 * {@link UacFailure} on a non-2xx (the session stays as it was, RFC 3261 §14.1), with a 408
 * {@link ClientRequests.SipTimeoutException} when no answer came.
 */
final class LegReinvite {
  private final SipMessages messages;
  private final SdpNegotiator sdp;
  private final ClientRequests client;
  private final String publicAddress;
  private final BusMedia media;
  private final Hold hold;

  LegReinvite(SipMessages messages, SdpNegotiator sdp, ClientRequests client, String publicAddress, BusMedia media,
      Hold hold) {
    this.messages = messages;
    this.sdp = sdp;
    this.client = client;
    this.publicAddress = publicAddress;
    this.media = media;
    this.hold = hold;
  }

  Future<Void> send(Call call, SipLeg leg, MediaDirection direction) {
    Dialog dialog = leg.dialog();
    if (dialog == null || leg.pending()) {
      return Future.failedFuture(new UacFailure(481, leg + " has no confirmed dialog"));
    }
    String local = leg.localAddress() == null ? publicAddress : leg.localAddress();
    String offer;
    Request invite;
    try {
      invite = dialog.createRequest(Request.INVITE);
      invite.addHeader(messages.contact(null, local));
      offer = sdp.createOffer(local, leg.leg().rtpPort(), leg.nextOrigin(), direction);
      messages.setSdp(invite, offer);
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
    return client.send(invite, dialog, null).compose(response -> {
      int status = response.getStatusCode();
      if (status >= 300) {
        return Future.failedFuture(new UacFailure(status, response.getReasonPhrase()));
      }
      long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
      try {
        client.ack(dialog, cseq);
        NegotiatedMedia answer = sdp.acceptAnswer(SipMessages.body(response));
        leg.localSdp(offer);
        media.start(call, leg, answer);
        hold.apply(call, leg.leg(), direction != MediaDirection.SENDRECV || ReinviteHandler.isHold(answer));
        return Future.<Void>succeededFuture();
      } catch (SdpNegotiationException e) {
        return Future.failedFuture(new UacFailure(e.status(), e.getMessage()));
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    });
  }
}
