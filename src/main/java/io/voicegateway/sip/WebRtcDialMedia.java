package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.voicegateway.bus.WebRtcCommands;
import io.voicegateway.codec.CodecType;
import io.voicegateway.control.Call;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;
import io.voicegateway.sip.sdp.WebRtcSdp;
import java.util.logging.Logger;

/**
 * A WebRTC offer for a phone registered over SIP over WebSocket (JsSIP, SIP.js), made and read by the media side
 * ({@code vg.media.webrtc.make-offer} / {@code .accept-answer}): the same browser leg as a browser-made call (one
 * UDP port, ICE-lite, the gateway the DTLS server, SRTP), only with our offer ({@code a=setup:actpass}) and its
 * answer. A refused answer (e.g. {@code a=setup:passive}) closes the leg's media on the media side; it is logged here
 * with the reason and the dial fails with 488, so the leg ends instead of hanging.
 */
final class WebRtcDialMedia implements DialMedia {
  private static final Logger LOG = Logger.getLogger(WebRtcDialMedia.class.getName());
  private final BusMedia media;
  private final Call call;
  private final SipLeg leg;
  private String offer;

  WebRtcDialMedia(BusMedia media, Call call, SipLeg leg) {
    this.media = media;
    this.call = call;
    this.leg = leg;
  }

  @Override
  public Future<Integer> open() {
    return media.offerWebRtc(call, leg.leg()).map(own -> {
      offer = own.sdp();
      return own.port();
    });
  }

  /** The media side's offer: its host candidate is {@code media.public_address}, whatever our SIP address is. */
  @Override
  public String offer(String localAddress, int port) {
    return offer;
  }

  @Override
  public Future<NegotiatedMedia> accept(String answer) {
    return media.acceptWebRtcAnswer(call, leg.leg(), answer).compose(accepted -> {
      try {
        return Future.succeededFuture(WebRtcSdp.negotiated(answer, CodecType.valueOf(accepted.codec()),
            accepted.payloadType(), accepted.dtmfPayloadType()));
      } catch (SdpNegotiationException e) {
        return Future.failedFuture(e);
      }
    }, err -> {
      String reason = err instanceof ReplyException r ? r.getMessage() : String.valueOf(err);
      LOG.warning("call " + call.id() + ": WebRTC phone leg " + leg.id() + " ends, its answer is refused: " + reason);
      media.close(call, leg.leg(), "answer refused");
      return Future.failedFuture(new SdpNegotiationException(SdpNegotiationException.NOT_ACCEPTABLE_HERE, reason));
    });
  }

  /** No early media from a WebRTC phone: its 18x's SDP would need the media side's answer reading ahead of the 2xx. */
  @Override
  public NegotiatedMedia early(String sdp) {
    return null;
  }
}
