package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.sip.sdp.MediaDirection;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;
import io.voicegateway.sip.sdp.SdpNegotiator;

/** A plain RTP offer in the destination's codecs, on an RTP port of the pool: what desk phones and trunks get. */
final class RtpDialMedia implements DialMedia {
  private final BusMedia media;
  private final Call call;
  private final SipLeg leg;
  private final SdpNegotiator sdp;

  RtpDialMedia(BusMedia media, Call call, SipLeg leg, SdpNegotiator sdp) {
    this.media = media;
    this.call = call;
    this.leg = leg;
    this.sdp = sdp;
  }

  @Override
  public Future<Integer> open() {
    return media.open(call, leg.leg());
  }

  @Override
  public String offer(String localAddress, int port) {
    return sdp.createOffer(localAddress, port, leg.nextOrigin(), MediaDirection.SENDRECV);
  }

  @Override
  public Future<NegotiatedMedia> accept(String answer) {
    try {
      return Future.succeededFuture(sdp.acceptAnswer(answer));
    } catch (SdpNegotiationException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public NegotiatedMedia early(String earlySdp) throws SdpNegotiationException {
    return sdp.acceptAnswer(earlySdp);
  }
}
