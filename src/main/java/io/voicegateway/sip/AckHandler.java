package io.voicegateway.sip;

import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;
import java.util.logging.Logger;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;

/**
 * The ACK to our 2xx: connects the call. When we offered in the 2xx (late offer) the ACK carries the
 * answer; a missing or unusable answer ends the call with BYE (RFC 3261 §13.3.1.4 leaves no other way).
 */
final class AckHandler {
  private static final Logger LOG = Logger.getLogger(AckHandler.class.getName());
  private final SipServices s;
  private final Teardown teardown;

  AckHandler(SipServices s, Teardown teardown) {
    this.s = s;
    this.teardown = teardown;
  }

  void handle(Request ack) {
    String sipCallId = ((CallIdHeader) ack.getHeader(CallIdHeader.NAME)).getCallId();
    Call call = s.legs.callBySipCallId(sipCallId).orElse(null);
    SipLeg leg = s.legs.bySipCallId(sipCallId).orElse(null);
    if (call == null || leg == null) {
      return; // ACK for a non-2xx, or for a call already gone: nothing to answer
    }
    if (leg.awaitingAnswer()) {
      leg.awaitingAnswer(false);
      String answer = SipMessages.body(ack);
      try {
        if (answer == null) {
          throw new SdpNegotiationException(SdpNegotiationException.BAD_REQUEST, "ACK without the SDP answer");
        }
        NegotiatedMedia media = s.sdp.acceptAnswer(answer);
        leg.remoteSdpVersion(SdpVersions.version(answer));
        boolean first = leg.media() == null;
        s.startMedia(call, leg, media);
        if (first) {
          InviteHandler.attachTarget(s, call);
        }
      } catch (SdpNegotiationException e) {
        LOG.info("call " + call.id() + ": " + e.getMessage() + ", hanging up");
        if (e.status() == SdpNegotiationException.NOT_ACCEPTABLE_HERE) {
          s.metrics.codecNegotiationError();
        }
        teardown.hangup(call, "no usable SDP answer in ACK");
        return;
      }
    }
    if (call.state() == CallState.RINGING) {
      s.moveTo(call, CallState.CONNECTED, null);
    }
  }
}
