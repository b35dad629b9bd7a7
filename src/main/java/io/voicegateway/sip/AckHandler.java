package io.voicegateway.sip;

import io.voicegateway.control.Call;
import io.voicegateway.control.policy.AnswerConfirmed;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;
import io.voicegateway.sip.sdp.SdpNegotiator;
import java.util.logging.Logger;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;

/**
 * The ACK to our 2xx: call control's {@link AnswerConfirmed} connects the call. When we offered in the 2xx (late
 * offer) the ACK carries the answer, which starts the leg's media; a missing or unusable answer ends the call with
 * BYE (RFC 3261 §13.3.1.4 leaves no other way).
 */
final class AckHandler {
  private static final Logger LOG = Logger.getLogger(AckHandler.class.getName());
  private final SipLegs legs;
  private final SdpNegotiator sdp;
  private final BusMedia media;
  private final CallMetrics metrics;
  private final Teardown teardown;
  private final AnswerConfirmed confirmed;

  AckHandler(SipLegs legs, SdpNegotiator sdp, BusMedia media, CallMetrics metrics, Teardown teardown,
      AnswerConfirmed confirmed) {
    this.legs = legs;
    this.sdp = sdp;
    this.media = media;
    this.metrics = metrics;
    this.teardown = teardown;
    this.confirmed = confirmed;
  }

  void handle(Request ack) {
    String sipCallId = ((CallIdHeader) ack.getHeader(CallIdHeader.NAME)).getCallId();
    Call call = legs.callBySipCallId(sipCallId).orElse(null);
    SipLeg leg = legs.bySipCallId(sipCallId).orElse(null);
    if (call == null || leg == null) {
      return; // ACK for a non-2xx, or for a call already gone: nothing to answer
    }
    boolean mediaStarted = false;
    if (leg.awaitingAnswer()) {
      leg.awaitingAnswer(false);
      String answer = SipMessages.body(ack);
      try {
        if (answer == null) {
          throw new SdpNegotiationException(SdpNegotiationException.BAD_REQUEST, "ACK without the SDP answer");
        }
        NegotiatedMedia negotiated = sdp.acceptAnswer(answer);
        leg.remoteSdpVersion(SdpVersions.version(answer));
        mediaStarted = leg.media() == null; // not a re-INVITE's renegotiation of media that already ran
        media.start(call, leg, negotiated);
      } catch (SdpNegotiationException e) {
        LOG.info("call " + call.id() + ": " + e.getMessage() + ", hanging up");
        if (e.status() == SdpNegotiationException.NOT_ACCEPTABLE_HERE) {
          metrics.codecNegotiationError();
        }
        teardown.hangup(call, "no usable SDP answer in ACK");
        return;
      }
    }
    confirmed.confirmed(call, mediaStarted);
  }
}
