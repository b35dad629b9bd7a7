package io.voicegateway.control;

import io.vertx.core.Future;

/**
 * What a leg kind whose audio the gateway's own media carries (a SIP leg's RTP today, a browser's SRTP next) asks
 * of that media on call control's behalf, whoever runs it: today the media verticles, over the event bus.
 */
public interface MediaControl {
  /**
   * Sends {@code digits} (0-9 * # A-D) toward the leg's far side in its media (RFC 4733 events on RTP); fails when
   * the leg carries no media or its media does not take DTMF.
   */
  Future<Void> sendDtmf(Call call, Leg leg, String digits);
}
