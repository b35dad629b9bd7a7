package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;

/**
 * The kind of offer an INVITE we send carries, chosen per destination by {@link SipDialer}: plain RTP made by the
 * SDP negotiator ({@link RtpDialMedia}), or, for a phone registered over SIP over WebSocket, a WebRTC offer made by
 * the media side ({@link WebRtcDialMedia}). {@link SipDial} and {@link OutboundInvite} stay the same for both.
 */
interface DialMedia {

  /** Opens the leg's media (one port); completes with the port, or fails (503 no port). */
  Future<Integer> open();

  /** The offer for the INVITE, once {@link #open} completed. */
  String offer(String localAddress, int port);

  /**
   * Reads the 2xx's answer; fails with {@link SdpNegotiationException} (its status) when it cannot be used, the
   * leg's media then being closed or left to the caller's cancel.
   */
  Future<NegotiatedMedia> accept(String answer);

  /** The media of an 18x's SDP (early media), or null when this kind plays none. */
  NegotiatedMedia early(String sdp) throws SdpNegotiationException;
}
