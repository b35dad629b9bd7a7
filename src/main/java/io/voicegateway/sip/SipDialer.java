package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Destination;
import io.voicegateway.control.Dial;
import io.voicegateway.control.DialOutcome;
import io.voicegateway.control.Dialer;
import io.voicegateway.sip.sdp.SdpNegotiator;
import io.voicegateway.sip.sdp.WebRtcSdp;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Call control's {@link Dialer} over SIP: a {@link BridgeTarget} becomes a new outbound {@link SipLeg} of the
 * call with its own RTP port (a WebRTC phone's: its one WebRTC port, see {@link DialMedia}), dialled by a
 * {@link SipDial}.
 */
final class SipDialer implements Dialer {
  private final OutboundSignalling sip;
  private final BusMedia media;
  private final SipLegs legs;

  SipDialer(OutboundSignalling sip, BusMedia media, SipLegs legs) {
    this.sip = sip;
    this.media = media;
    this.legs = legs;
  }

  @Override
  public Future<Dial> prepare(Call call, Destination destination, String caller, Map<String, String> headers,
      Consumer<DialOutcome> outcomes) {
    if (!(destination instanceof BridgeTarget target)) {
      return Future.failedFuture(new IllegalArgumentException("not a SIP destination: " + destination));
    }
    // the first leg of a call we originate carries the call's Call-ID; every other leg gets its own
    String sipCallId = call.legs().isEmpty() && call.sipCallId() != null ? call.sipCallId()
        : sip.requests().newCallId();
    SipLeg leg = SipLeg.outbound(sipCallId, SipMessages.newTag());
    leg.leg().peer(target.label());
    legs.add(call, leg);
    // a phone registered over SIP over WebSocket is a browser: it takes only a WebRTC offer
    DialMedia offer = WebRtcSdp.wantsWebRtc(target.requestUri()) ? new WebRtcDialMedia(media, call, leg)
        : new RtpDialMedia(media, call, leg, new SdpNegotiator(target.codecs()));
    return offer.open()
        .<Dial>map(port -> new SipDial(sip, media, legs, call, target, leg, port, offer, caller, headers, outcomes))
        .onFailure(err -> {
          if (call.state() != CallState.TERMINATED) {
            legs.remove(call, leg);
          }
        });
  }
}
