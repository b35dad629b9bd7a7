package io.voicegateway.browser;

import io.vertx.core.Future;
import io.voicegateway.bus.LegDirection;
import io.voicegateway.bus.WebRtcCommands;
import io.voicegateway.control.Call;
import io.voicegateway.control.Leg;

/**
 * A browser leg's media as the browser leg kind asks for it, whoever runs it (today the transport verticles over the
 * bus): one UDP port per session opened from the page's offer under {@link WebRtcCommands#sessionCallId}, moved into
 * its call when linked, started with Opus, closed.
 */
public interface BrowserMedia {
  /** Opens the session's port from the page's SDP offer; fails with the media side's status (400, 409, 503). */
  Future<WebRtcCommands.MediaAnswer> open(String sessionId, String legId, String sdp);

  /** A new offer on an open session (renegotiation, ICE restart): same port, answered again; 400, 404 no such leg. */
  Future<WebRtcCommands.MediaAnswer> reoffer(String callId, String legId, String sdp);

  /** Closes a session's media that is not in a call (yet): its port goes back to the pool. */
  void closeSession(String sessionId, String legId, String reason);

  /**
   * Moves the session's media into {@code call}'s mix, as {@code leg} (whose media counts as open in the call from
   * now on); completes once moved, so a start sent after it finds the leg in its call.
   */
  Future<Void> move(String sessionId, Call call, Leg leg);

  /** Starts (or restarts, for hold) the leg with Opus and the payload types the answer settled. */
  Future<Void> start(Call call, Leg leg, int payloadType, int dtmfPayloadType, LegDirection direction);

  /** Closes the leg's media in its call when it is open; a no-op otherwise, so every path that ends a leg may call it. */
  void close(Call call, Leg leg, String reason);

  /** RFC 4733 digits toward the browser in its SRTP. */
  Future<Void> sendDtmf(Call call, Leg leg, String digits);
}
